package edu.studentrecords.store.internal.reports;

import edu.studentrecords.store.AccessDeniedException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.internal.mongo.DecisionRecorder;
import java.util.List;
import java.util.Optional;

/**
 * The centre's side of misuse reports, decided by the one policy and audited once: reading and resolving need
 * {@link Duty#HANDLE_REPORTS} or {@link Duty#REVIEW_REPORTS}, triage needs {@link Duty#HANDLE_REPORTS}. A refusal is
 * audited and thrown here; an allowed call is audited by the caller once it knows which record the call concerns.
 */
final class ReportDesk {

    private final AccessPolicy policy;
    private final DecisionRecorder recorder;

    ReportDesk(AccessPolicy policy, DecisionRecorder recorder) {
        this.policy = policy;
        this.recorder = recorder;
    }

    /** Refuses (audited under {@code auditCode}) unless the caller may read and resolve reports. */
    void requireReviewer(AccessContext ctx, String auditCode) {
        Optional<AccessDecision.Denied> handle = policy.checkDuty(ctx, Duty.HANDLE_REPORTS);
        if (handle.isEmpty()) {
            return;
        }
        Optional<AccessDecision.Denied> review = policy.checkDuty(ctx, Duty.REVIEW_REPORTS);
        if (review.isPresent()) {
            // The refusal a caller with the supervision scope gets is the one about supervision; otherwise the centre's.
            refuse(ctx, auditCode, ctx.hasScope(Duty.REVIEW_REPORTS.scope()) ? review.get() : handle.get());
        }
    }

    /** Refuses (audited under {@code auditCode}) unless the caller may triage reports. */
    void requireHandler(AccessContext ctx, String auditCode) {
        policy.checkDuty(ctx, Duty.HANDLE_REPORTS).ifPresent(denied -> refuse(ctx, auditCode, denied));
    }

    /** Audits an allowed call on one report under its record. */
    void allowedOn(AccessContext ctx, String auditCode, String recordId) {
        recorder.recordDutyOn(ctx, auditCode, recordId, Decision.ALLOW, null);
    }

    /** Audits an allowed listing, naming the records whose reports it returns. */
    void allowedListing(AccessContext ctx, String auditCode, List<String> recordIds) {
        recorder.recordEvent(ctx, auditCode, null, recordIds, Decision.ALLOW, null);
    }

    /** Audits an allowed caller's call naming a report that does not exist, so the 404 still leaves its one entry. */
    void missing(AccessContext ctx, String auditCode, String reason) {
        recorder.recordDutyOn(ctx, auditCode, null, Decision.DENY, reason);
    }

    private void refuse(AccessContext ctx, String auditCode, AccessDecision.Denied denied) {
        recorder.recordDutyOn(ctx, auditCode, null, Decision.DENY, denied.reason().name());
        throw new AccessDeniedException(denied);
    }
}
