package edu.studentrecords.keycloak.auth;

/** Through which door a call comes: it decides which rules of the access decision apply to it. */
public enum CallKind {
    /** Staff, administrators, supervisors and applications, who declare a purpose. */
    DECLARED_PURPOSE,
    /** A student on their own record, through {@code /me}. */
    SELF_SERVICE,
    /** A guardian acting for a linked child, through {@code /guardian/children}. */
    GUARDIAN
}
