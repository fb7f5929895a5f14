package edu.studentrecords.store.access;

import java.util.Arrays;
import java.util.Optional;

/** The realm roles that matter to the access decision, with their names in Keycloak. */
public enum RealmRole {
    /** The information management centre: every record of the realm. */
    ADMIN("records-admin"),
    /** Authorised personnel: the records of their organisational units. */
    STAFF("records-staff"),
    /** Supervision: audit and reports, never record contents. */
    SUPERVISOR("records-supervisor"),
    /** A student: their own record, through self service only. */
    STUDENT("student"),
    /**
     * A parent or guardian: acts for the minor children whose records name them (a guardian link), through the
     * guardian endpoints only, never on any other record.
     */
    GUARDIAN("guardian"),
    /**
     * An application acting for itself (a client's service account): what it reaches is decided by its client's units
     * or grants, never by this role; the role only lets its tokens carry the record scopes.
     */
    APPLICATION("records-application");

    private final String roleName;

    RealmRole(String roleName) {
        this.roleName = roleName;
    }

    /** The role's name in the realm, e.g. {@code records-admin}. */
    public String roleName() {
        return roleName;
    }

    /**
     * Whether the role's callers declare a purpose, so that a realm may limit the purposes the role declares: every
     * role that works with records, not {@link #STUDENT} and {@link #GUARDIAN}, whose calls are made for the data
     * subject without a purpose.
     */
    public boolean declaresPurposes() {
        return this != STUDENT && this != GUARDIAN;
    }

    /** The role of the product named {@code roleName} in the realm, if there is one. */
    public static Optional<RealmRole> named(String roleName) {
        return Arrays.stream(values()).filter(role -> role.roleName.equals(roleName)).findFirst();
    }
}
