package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.ChainVerification;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.internal.mongo.DecisionRecorder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Supervision (rule 9): the audit trail read and its hash chain checked by supervisors and administrators, never
 * record contents. Every call is decided ({@link Duty#SUPERVISE}) and audited once before it answers; reading a
 * record's history is recorded under that record, so the student sees that it was looked at. Thread-safe.
 */
public final class AuditReview {

    private final AuditTrail audit;
    private final DecisionRecorder recorder;
    private final AccessPolicy policy;

    AuditReview(AuditTrail audit, DecisionRecorder recorder, AccessPolicy policy) {
        this.audit = audit;
        this.recorder = recorder;
        this.policy = policy;
    }

    /**
     * The entries about one record, newest first, with {@code from <= time < to} (either bound may be null).
     *
     * @throws AccessDeniedException if the caller may not supervise
     */
    public List<AuditEntry> ofRecord(AccessContext ctx, String recordId, Instant from, Instant to, int offset, int limit) {
        require(ctx, "AUDIT_READ", recordId);
        return audit.historyOf(recordId, from, to, offset, limit);
    }

    /**
     * Up to {@code limit} consecutive entries of the whole trail from {@code fromSequence}, oldest first.
     *
     * @throws AccessDeniedException if the caller may not supervise
     */
    public List<AuditEntry> range(AccessContext ctx, long fromSequence, int limit) {
        require(ctx, "AUDIT_READ", null);
        return audit.range(fromSequence, limit);
    }

    /**
     * Walks the hash chain end to end.
     *
     * @throws AccessDeniedException if the caller may not supervise
     */
    public ChainVerification verify(AccessContext ctx) {
        require(ctx, "AUDIT_VERIFY", null);
        return audit.verify();
    }

    private void require(AccessContext ctx, String operation, String recordId) {
        Optional<AccessDecision.Denied> denied = policy.checkDuty(ctx, Duty.SUPERVISE);
        if (denied.isPresent()) {
            recorder.recordDutyOn(ctx, operation, recordId, Decision.DENY, denied.get().reason().name());
            throw new AccessDeniedException(denied.get());
        }
        recorder.recordDutyOn(ctx, operation, recordId, Decision.ALLOW, null);
    }
}
