package edu.studentrecords.store.access;

/** The realm roles that matter to the access decision, with their names in Keycloak. */
public enum RealmRole {
    /** The information management centre: every record of the realm. */
    ADMIN("records-admin"),
    /** Authorised personnel: the records of their organisational units. */
    STAFF("records-staff"),
    /** Supervision: audit and reports, never record contents. */
    SUPERVISOR("records-supervisor"),
    /** A student: their own record, through self service only. */
    STUDENT("student");

    private final String roleName;

    RealmRole(String roleName) {
        this.roleName = roleName;
    }

    /** The role's name in the realm, e.g. {@code records-admin}. */
    public String roleName() {
        return roleName;
    }
}
