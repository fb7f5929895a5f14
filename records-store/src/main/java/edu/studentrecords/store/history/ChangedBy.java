package edu.studentrecords.store.history;

/**
 * Who made a change, described as the access log describes who reached a record: the person (their user id, never a
 * name) or the client acting for itself, the client used, and the administrator impersonating the person, if any; and
 * the footing of the change: {@code SELF} (the student), {@code STAFF} (a staff member of {@code unit}),
 * {@code ADMIN} (the centre), {@code CLIENT} (an application), {@code GRANT} (an outside body), or {@code SYSTEM} (a
 * step the store took on behalf of {@code clientId}, e.g. unlinking a removed account).
 *
 * @param role         the footing, as above
 * @param unit         for staff, the record's unit through which they reached it; null otherwise
 * @param subject      the person's user id, or null for a client acting for itself
 * @param clientId     the client of the request
 * @param impersonator the impersonating administrator, or null
 */
public record ChangedBy(String role, String unit, String subject, String clientId, String impersonator) {
}
