package edu.studentrecords.store.access;

import java.util.Objects;
import java.util.Set;

/**
 * The information management centre's work that is not an operation on one record: managing access grants,
 * reading the audit trail. Each duty names the scope a token must carry and the realm roles that may hold it.
 */
public enum Duty {
    /** Request, approve, revoke and list access grants for outside bodies. */
    MANAGE_GRANTS(StudentScope.ADMIN, Set.of(RealmRole.ADMIN)),
    /** Read and verify the audit trail (supervision): never record contents. */
    SUPERVISE(StudentScope.AUDIT, Set.of(RealmRole.ADMIN, RealmRole.SUPERVISOR)),
    /** Set the retention policy, run retention, place and lift legal holds, keep the register of paper copies. */
    RETENTION(StudentScope.ADMIN, Set.of(RealmRole.ADMIN)),
    /** Handle students' misuse reports as the centre: read, triage, resolve. */
    HANDLE_REPORTS(StudentScope.ADMIN, Set.of(RealmRole.ADMIN)),
    /** Review students' misuse reports as supervision: read and resolve, never triage. */
    REVIEW_REPORTS(StudentScope.AUDIT, Set.of(RealmRole.ADMIN, RealmRole.SUPERVISOR)),
    /** Read and change the realm's student-records settings (purposes, verification period, self-check). */
    MANAGE_SETTINGS(StudentScope.ADMIN, Set.of(RealmRole.ADMIN)),
    /** Take backups of the realm's store and restore them. */
    MANAGE_BACKUPS(StudentScope.ADMIN, Set.of(RealmRole.ADMIN)),
    /** Review students' correction requests: read them with their values, approve or reject them. */
    REVIEW_CORRECTIONS(StudentScope.ADMIN, Set.of(RealmRole.ADMIN)),
    /** Handle incidents (PIPL art. 57): open them, record remediation, notify the students affected. */
    HANDLE_INCIDENTS(StudentScope.ADMIN, Set.of(RealmRole.ADMIN)),
    /** Link guardian accounts to the guardian entries of minors' records, list and end the links, invite guardians. */
    MANAGE_GUARDIANS(StudentScope.ADMIN, Set.of(RealmRole.ADMIN)),
    /** Read the realm's consent ledger. */
    READ_CONSENTS(StudentScope.ADMIN, Set.of(RealmRole.ADMIN)),
    /** List the realm's applications and change their trust, purposes, units and scopes. */
    MANAGE_APPLICATIONS(StudentScope.ADMIN, Set.of(RealmRole.ADMIN));

    private final StudentScope scope;
    private final Set<RealmRole> roles;

    Duty(StudentScope scope, Set<RealmRole> roles) {
        this.scope = Objects.requireNonNull(scope);
        this.roles = Set.copyOf(roles);
    }

    /** The scope the caller's token must carry. */
    public StudentScope scope() {
        return scope;
    }

    /** The realm roles, any of which lets a person perform the duty. */
    public Set<RealmRole> roles() {
        return roles;
    }
}
