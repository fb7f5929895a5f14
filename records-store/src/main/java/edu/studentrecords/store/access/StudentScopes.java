package edu.studentrecords.store.access;

/**
 * Names of the OAuth scopes that are not tied to one field group. The per-group scopes come from
 * {@link edu.studentrecords.store.model.FieldGroup#readScope()} and {@code writeScope()}.
 */
public final class StudentScopes {

    /** Search over records (hits carry the profile group only). */
    public static final String SEARCH = "student.search";
    /** Ask for and approve the destruction of a record. */
    public static final String PURGE = "student.purge";
    /** The student's own record, through {@code /me}. */
    public static final String SELF = "student.self";
    /** The audit trail and misuse reports. */
    public static final String AUDIT = "student.audit";
    /** Administration: enrolment, grants, corrections. */
    public static final String ADMIN = "student.admin";

    private StudentScopes() {
    }
}
