package edu.studentrecords.store.access;

/**
 * Why a request was denied. The constant names are stable codes: the audit trail and error responses
 * carry them, so a code is never renamed or reused for another meaning.
 */
public enum DenialReason {
    /** Self service without a signed-in person holding the {@code student} role. */
    NOT_AUTHENTICATED_AS_STUDENT("Self service needs a signed-in person with the student role."),
    /** Self service through an external client. */
    CLIENT_NOT_INTERNAL("Self service is available only through an internal client."),
    /** Self service on a record linked to someone else (or to nobody). */
    NOT_OWN_RECORD("The record is not the caller's own."),
    /** Self service asked for an operation students cannot do themselves. */
    OPERATION_NOT_SELF_SERVICE("This operation is not available through self service."),
    /** Self service tried to change a group that goes through a correction request instead. */
    GROUP_NOT_SELF_EDITABLE("Students may change only their contact and guardians details themselves."),
    /** A read, update or export that names no field group. */
    NO_GROUPS_REQUESTED("The request names no field group."),
    /** No {@code Data-Purpose} header. */
    PURPOSE_MISSING("The request declares no purpose."),
    /** A purpose the realm does not list. */
    PURPOSE_UNKNOWN("The declared purpose is not one of the realm's purposes."),
    /** An internal client declared a purpose outside its attribute {@code student-records.purposes}. */
    PURPOSE_NOT_ALLOWED_FOR_CLIENT("The client may not declare this purpose."),
    /** The caller holds no role (or, for a service account, no units) that reaches records. */
    NO_ROLE("The caller has no role that reaches student records."),
    /** A supervisor, who sees audit and reports but never record contents. */
    SUPERVISOR_NO_RECORD_ACCESS("Supervisors do not access record contents."),
    /** The record lies outside the caller's organisational units. */
    OUTSIDE_UNITS("The record is outside the caller's organisational units."),
    /** Enrolment, export and purge belong to administrators. */
    OPERATION_REQUIRES_ADMIN("Only an administrator may do this."),
    /** The token lacks a scope the operation or field group needs. */
    SCOPE_MISSING("The token lacks a scope this request needs."),
    /** An external client without an active grant of its own for the declared purpose. */
    NO_ACTIVE_GRANT("The client has no active access grant for this purpose."),
    /** The client's active grants for the purpose do not name this record. */
    GRANT_DOES_NOT_COVER("No active access grant covers this record."),
    /** The covering grants do not open any of the requested field groups. */
    GROUP_NOT_GRANTED("The access grant does not open the requested field groups."),
    /** Grants open reading and searching only. */
    OPERATION_NOT_GRANTABLE("Access grants allow reading and searching only."),
    /** Staff and applications change only contact and guardians; profile and identity are the centre's. */
    GROUP_NOT_WRITABLE_BY_ROLE("Only the centre changes profile and identity, directly or through a correction."),
    /** A record moved to a unit the caller does not hold. */
    MOVE_NOT_ALLOWED("A record may be moved only by someone with the right in both units."),
    /** Making a student a leaver (status or leaving date) is the centre's work. */
    LEAVER_CHANGE_REQUIRES_ADMIN("Only the centre records that a student has left."),
    /** A purpose the caller's role may not declare. */
    PURPOSE_NOT_ALLOWED_FOR_ROLE("The caller's role may not declare this purpose."),
    /** A session under impersonation: it never exercises a duty of the centre. */
    IMPERSONATED("A session under impersonation may not do this."),
    OPERATION_REQUIRES_CLIENT("Only an application acting for itself receives notices of changes."),
    /** The guardian endpoints without a signed-in person holding the {@code guardian} role. */
    NOT_A_GUARDIAN("This needs a signed-in person with the guardian role."),
    /** A guardian on a record they are not linked to (shown as not found). */
    NOT_LINKED_GUARDIAN("The caller is not linked to this record as a guardian."),
    /** A guardian on the record of a child who has turned 18: the link ended by itself. */
    PROXY_ENDED("The student has turned 18: a guardian no longer acts for them."),
    /** A guardian tried to change a group that goes through a correction request instead. */
    GROUP_NOT_EDITABLE_BY_GUARDIAN("Guardians may change only the contact and guardians details of a child."),
    /** A student under 14 tried to give or withdraw a consent: their guardian does. */
    GUARDIAN_CONSENT_REQUIRED("A student under 14 is consented for by their guardian."),
    /** A guardian tried to consent for a student of 14 or more: the student does. */
    STUDENT_CONSENTS_THEMSELVES("A student of 14 or more gives or withdraws consents themselves.");

    private final String description;

    DenialReason(String description) {
        this.description = description;
    }

    /** A short English sentence for people (error titles, audit views); never contains personal data. */
    public String description() {
        return description;
    }
}
