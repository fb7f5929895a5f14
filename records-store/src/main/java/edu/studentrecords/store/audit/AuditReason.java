package edu.studentrecords.store.audit;

/**
 * The catalogue of reason codes an audit entry gives besides the access policy's own
 * ({@link edu.studentrecords.store.access.DenialReason}): why an allowed call did not go ahead, why a call was refused
 * before any decision (its input), or what kind of step the system took. Stable codes, translated by the account
 * console and the centre; never renamed. {@link #notDone()} tells an allowed call that did not go ahead.
 */
public enum AuditReason {
    /** The record does not exist (to the caller, the same as not being allowed to know of it). */
    RECORD_NOT_FOUND,
    /** A record id a caller typed that is not of the store's form: it is not kept. */
    MALFORMED_RECORD_ID,
    /** The record changed since the version the caller wrote against. */
    STALE_VERSION,
    /** An allowed search failed before it returned anything. */
    SEARCH_FAILED,
    /** The approver is the one who asked: a second person must approve. */
    FOUR_EYES,
    /** A request that breaks rules; nothing was stored. */
    INVALID_REQUEST,
    /** A retention policy that breaks rules; nothing was stored. */
    INVALID_POLICY,
    /** A legal hold without a valid reason. */
    INVALID_REASON,
    /** A paper copy without valid details. */
    INVALID_PAPER_COPY,
    GRANT_NOT_FOUND, GRANT_PENDING, GRANT_ACTIVE, GRANT_EXPIRED, GRANT_REVOKED,
    PURGE_REQUEST_NOT_FOUND, PURGE_REQUEST_NOT_PENDING, PURGE_ALREADY_REQUESTED,
    /** The student's Keycloak account was removed. */
    ACCOUNT_REMOVED,
    CORRECTION_NOT_FOUND, REPORT_NOT_FOUND, LEGAL_HOLD_NOT_FOUND, LEGAL_HOLD_LIFTED, ARCHIVE_NOT_FOUND,
    /** A destruction of a record under a legal hold not lifted. */
    LEGAL_HOLD_ACTIVE,
    /** An archive whose hash no longer matches. */
    NOT_INTACT,
    /** A backup job this node does not know. */
    BACKUP_NOT_FOUND,
    /** A restore of something that is not a finished backup. */
    BACKUP_NOT_FINISHED,
    /** A restore into a store that is not empty. */
    STORE_NOT_EMPTY,
    /** Backups are not configured on this node. */
    BACKUP_UNAVAILABLE,
    /** A change that makes retention shorter, waiting for a second administrator. */
    AWAITING_APPROVAL,
    /** No change waits for approval. */
    NOTHING_PENDING,
    /** No client of the realm has the id the call names. */
    APPLICATION_NOT_FOUND,
    /** The application's settings changed since the change waiting for approval was asked for. */
    APPLICATION_CHANGED,
    /** A retention run that changed nothing. */
    DRY_RUN,
    /** Work the system started on its schedule. */
    SCHEDULED,
    /** A change that would give the record another record's student number, resident ID or owner. */
    DUPLICATE,
    /** A call that failed after it was let through: nothing was changed. */
    FAILED,
    /** What the call names is in a state that does not allow it (decided already, resolved, lifted). */
    CONFLICT,
    /** A body that is not well-formed JSON of the expected shape, or a query parameter out of range. */
    MALFORMED_REQUEST,
    /** A body of a media type the call does not take. */
    UNSUPPORTED_MEDIA_TYPE,
    /** A change sent without {@code If-Match}. */
    PRECONDITION_REQUIRED,
    /** A body larger than the call takes. */
    PAYLOAD_TOO_LARGE,
    /** A request from a browser origin the token's client does not allow. */
    ORIGIN_NOT_ALLOWED,
    /** A realm whose search index has not caught up with its store yet. */
    SEARCH_UNAVAILABLE,
    /** A notice that does not exist, or is another application's. */
    NOTICE_NOT_FOUND,
    /** An incident that does not exist. */
    INCIDENT_NOT_FOUND,
    /** A sealed epoch of the audit trail that does not exist. */
    EPOCH_NOT_FOUND,
    /** A sealed epoch whose entries were dropped after their retention (its export is kept apart). */
    EPOCH_DROPPED,
    /** Audit entries to seal whose hashes or links do not hold: nothing was sealed. */
    CHAIN_NOT_INTACT,
    /** A seal by hand of an open epoch that holds too few entries, all too recent: it waits for more, or for time. */
    EPOCH_TOO_YOUNG,
    /** An extract whose window holds more entries than an extract carries. */
    TOO_MANY_ENTRIES,
    /** A guardian link that does not exist, or belongs to another record. */
    GUARDIAN_LINK_NOT_FOUND,
    /** An invitation that does not exist, has expired or was accepted already. */
    INVITATION_NOT_VALID,
    /** A consent purpose the realm does not have. */
    CONSENT_PURPOSE_NOT_FOUND;

    /** Allowed calls that did not go ahead, for one of these reasons: nothing was changed. */
    private static final java.util.Set<AuditReason> NOT_DONE = java.util.EnumSet.of(STALE_VERSION, SEARCH_FAILED,
            INVALID_REQUEST, INVALID_POLICY, INVALID_REASON, INVALID_PAPER_COPY, DUPLICATE, FAILED, CONFLICT,
            BACKUP_UNAVAILABLE, SEARCH_UNAVAILABLE);

    /** The code the trail keeps: the constant's name. */
    public String code() {
        return name();
    }

    /** Whether an allowed call with this reason did not go ahead (nothing was changed or answered). */
    public boolean notDone() {
        return NOT_DONE.contains(this);
    }
}
