package edu.studentrecords.store.notices;

import java.time.Instant;

/**
 * A student to remind that the periodic confirmation of their record falls due.
 *
 * @param recordId the record
 * @param userId   the Keycloak user it is linked to
 * @param dueAt    when the confirmation falls due
 */
public record VerificationReminder(String recordId, String userId, Instant dueAt) {
}
