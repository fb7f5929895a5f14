package edu.studentrecords.store;

import edu.studentrecords.store.consent.ConsentPurpose;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Reacher;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.history.HistoryEntry;
import java.time.Instant;
import java.util.List;

/**
 * A student's own record ({@code /me}): every operation takes the caller's context, finds the record linked to the
 * signed-in person, passes the gate as self service (scope {@code student.self}, an internal client, the student role)
 * and is audited once under its own operation code. {@code NOT_FOUND} when the caller has no record, {@code REFUSED}
 * when they may not use self service. Thread-safe.
 */
public interface SelfService {

    /** The caller's own record, every group. */
    RecordView read(AccessContext ctx);

    /** Applies a merge patch to the caller's own record (contact and guardians only), at {@code expectedVersion}. */
    RecordView update(AccessContext ctx, long expectedVersion, String mergePatch);

    /** Everything held about the caller, without consents: {@link #export(AccessContext, List)} with no purposes. */
    default SelfExport export(AccessContext ctx) {
        return export(ctx, List.of());
    }

    /**
     * Everything held about the caller (see {@link SelfExport}), with the consents of {@code purposes}; decided and
     * audited once, as {@code EXPORT}.
     */
    SelfExport export(AccessContext ctx, List<ConsentPurpose> purposes);

    /**
     * Who accessed the caller's record, newest first, with {@code from <= time < to} (either bound may be null).
     *
     * @param offset entries to skip, at least 0
     * @param limit  at most this many entries, 1 to 1000
     */
    List<AuditEntry> accessLog(AccessContext ctx, Instant from, Instant to, int offset, int limit);

    /**
     * The whole access log of the caller's record with {@code from <= time < to} (either bound may be null), newest
     * first, for a reader that filters and pages it itself; decided and audited once, as {@link #accessLog}.
     */
    OwnAccessLog wholeAccessLog(AccessContext ctx, Instant from, Instant to);

    /** The history of the caller's own record, newest first (see {@link Records#history}); audited once. */
    List<HistoryEntry> history(AccessContext ctx);

    /**
     * When the caller last confirmed their record, or when it was enrolled if they never have: the start of the
     * current periodic-verification period. Audited as {@code CONFIRMATION_CHECK} without groups.
     */
    Instant lastConfirmation(AccessContext ctx);

    /** The profile of the caller's own record, for claims of a token; audited as {@code TOKEN_CLAIMS}. */
    RecordView profileForToken(AccessContext ctx);

    /**
     * The student confirms their record is correct: a new version whose only change is {@code verifiedAt}, set to the
     * request's instant. A concurrent change is retried on the new version, so the confirmation is never lost to a race.
     */
    RecordView confirm(AccessContext ctx);

    /**
     * Who can reach the caller's record, answered by the access policy from the same rules that decide a read:
     * which of {@code candidates} (roles with their units, internal applications with theirs) reach it, and the
     * grants of outside bodies that cover it. Audited as {@code READ_GRANTS} without groups.
     */
    RecordReach reach(AccessContext ctx, List<Reacher> candidates);

    /**
     * Asks for a correction of {@code profile} or {@code identity} fields; the record does not change until the centre
     * approves. The request keeps the patch and the groups' values before and after, sealed with the record's key.
     *
     * @param mergePatch a JSON merge patch of the record limited to {@code profile} and {@code identity}
     * @param reason     why, in the student's words (1 to 1000 characters)
     */
    CorrectionRequest requestCorrection(AccessContext ctx, String mergePatch, String reason);

    /** The caller's own correction requests, newest first. */
    List<CorrectionRequest> corrections(AccessContext ctx);
}
