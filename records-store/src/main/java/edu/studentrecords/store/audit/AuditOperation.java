package edu.studentrecords.store.audit;

import edu.studentrecords.store.access.Operation;
import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of what an audit entry can say was attempted: its {@code operation} code. The codes are stable (the
 * trail keeps them for years, the account console and the centre translate each one), so a constant is never renamed
 * or given another meaning; new work gets a new constant.
 */
public enum AuditOperation {
    // Operations on records, as the access policy decides them.
    READ, UPDATE, CREATE, SEARCH, EXPORT, PURGE,

    // The student's own record (self service).
    /** A student read who accessed their record. */
    READ_ACCESS_LOG,
    /** A record's history (the values its changes replaced) was read, by the student or by staff and the centre. */
    READ_HISTORY,
    /** A student confirmed their record is correct. */
    VERIFY,
    /** A sign-in checked when the student last confirmed their record. */
    CONFIRMATION_CHECK,
    /** A token was issued with claims from the student's record. */
    TOKEN_CLAIMS,
    /** A student looked at who can reach their record. */
    READ_GRANTS,
    /** A student asked for a correction. */
    REQUEST_CORRECTION,
    /** A student listed their correction requests. */
    READ_CORRECTIONS,
    /** A student reported misuse. */
    REPORT_MISUSE,
    /** A student or a guardian asked the centre a question about the record. */
    ASK_QUESTION,
    /** A student listed their misuse reports. */
    READ_REPORTS,

    // Corrections, the centre's side.
    REVIEW_CORRECTION, APPROVE_CORRECTION, REJECT_CORRECTION,

    // Destruction on request, and accounts removed in Keycloak.
    PURGE_REQUEST, PURGE_APPROVE, PURGE_CANCEL, PURGE_LIST, UNLINK_OWNER,

    // Access grants for outside bodies.
    GRANT_REQUEST, GRANT_APPROVE, GRANT_REVOKE, GRANT_LIST, GRANT_READ, GRANT_AGREEMENT, GRANT_HISTORY,

    // Supervision.
    AUDIT_READ, AUDIT_VERIFY, SELF_CHECK, SELF_CHECK_READ,
    /** The sealed epochs of the audit trail were listed. */
    AUDIT_EPOCHS,
    /** The open epoch of the audit trail was closed and sealed on request. */
    AUDIT_SEAL,
    /** A sealed epoch of the audit trail was exported as a signed file. */
    AUDIT_EXPORT,
    /** A signed extract of the audit trail (one record or one client, a time window) was taken. */
    AUDIT_EXTRACT,
    /**
     * The system dropped a sealed epoch's entries after the trail's retention (exported first); the entry's reason
     * names the epoch and its sequences: {@code epoch:<n>:<first>-<last>}.
     */
    AUDIT_EPOCH_DROP,
    /** The reads of records in a time window were counted per client or purpose (counts only). */
    AUDIT_STATS,

    // Misuse reports, the centre's side.
    LIST_MISUSE_REPORTS, READ_MISUSE_REPORT, READ_MISUSE_REPORT_ENTRIES, TRIAGE_MISUSE_REPORT, RESOLVE_MISUSE_REPORT,

    // Retention.
    RETENTION_POLICY_READ, RETENTION_POLICY_UPDATE, RETENTION_POLICY_APPROVE, RETENTION_POLICY_CANCEL,
    RETENTION_RUN, RETENTION_RUN_LIST, RETENTION_ARCHIVE,
    RETENTION_DESTROY, ARCHIVE_READ, ARCHIVE_VERIFY, LEGAL_HOLD_PLACE, LEGAL_HOLD_LIFT, LEGAL_HOLD_LIST,
    PAPER_COPY_ADD, PAPER_COPY_LIST,

    // The realm's settings and backups.
    READ_SETTINGS, UPDATE_SETTINGS, BACKUP_START, BACKUP_LIST, BACKUP_READ, BACKUP_RESTORE,

    // Applications: which clients may reach which parts of a record.
    /** The realm's applications and their settings were listed. */
    APPLICATION_LIST,
    /** An application's trust, purposes, units or scopes were changed, or a change was asked for. */
    APPLICATION_CHANGE,
    /** A second administrator approved a change that makes an application less protected. */
    APPLICATION_APPROVE,

    // Notices of changes to the applications and outside bodies that read what changed.
    /** An application listed the notices of changes to what it read. */
    NOTICE_LIST,
    /** An application acknowledged a notice. */
    NOTICE_ACK,
    /** A student read the notices about their record (incidents, and whom a change was told to). */
    READ_NOTICES,
    /** The system reminded the student that the periodic confirmation of their record falls due. */
    VERIFICATION_REMINDER,

    // Incidents (personal information leaked, altered or lost).
    INCIDENT_CREATE, INCIDENT_LIST, INCIDENT_READ, INCIDENT_AFFECTED, INCIDENT_ACTION, INCIDENT_NOTIFY,
    INCIDENT_REPORT,

    // Guardians and consents.
    /** The centre linked a guardian account to a guardian entry of a minor's record. */
    GUARDIAN_LINK,
    /** The centre ended a guardian link. */
    GUARDIAN_UNLINK,
    /** The centre listed a record's guardian links. */
    GUARDIAN_LINK_LIST,
    /** A guardian listed their children (one entry per child, in the child's access log). */
    /** A second administrator approved a guardian link. */
    GUARDIAN_LINK_APPROVE,
    GUARDIAN_CHILDREN,
    /** The centre sent a guardian an invitation to link their account. */
    GUARDIAN_INVITE,
    /** A guardian accepted an invitation, which linked their account. */
    GUARDIAN_INVITE_ACCEPT,
    /** A student's consents were read (by the student or a guardian). */
    CONSENT_READ,
    /** A consent was given. */
    CONSENT_GIVE,
    /** A consent was withdrawn. */
    CONSENT_WITHDRAW,
    /** The centre read the consent ledger. */
    CONSENT_LEDGER,

    // The centre's screens.
    /** The centre looked up the names of people of the realm (requesters, approvers, assignees) by their ids. */
    PEOPLE_LOOKUP;

    /** The code the trail keeps: the constant's name. */
    public String code() {
        return name();
    }

    /** The audit operation of an operation of the access policy (the same name). */
    public static AuditOperation of(Operation operation) {
        return valueOf(operation.name());
    }

    /** The constant of a stored code, if it is one of the catalogue (old entries may hold codes no longer made). */
    public static Optional<AuditOperation> fromCode(String code) {
        return Arrays.stream(values()).filter(o -> o.name().equals(code)).findFirst();
    }
}
