package edu.studentrecords.store;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.internal.mongo.DecisionRecorder;
import java.util.Optional;

/**
 * The gate for the centre's work that touches no record (the realm's settings, backups): one decision by
 * {@link AccessPolicy#checkDuty} and one audit entry under the call's own operation code, before the work is done.
 * Thread-safe.
 */
public final class CentreDuties {

    private final AccessPolicy policy;
    private final DecisionRecorder recorder;

    CentreDuties(AccessPolicy policy, DecisionRecorder recorder) {
        this.policy = policy;
        this.recorder = recorder;
    }

    /**
     * Decides whether the caller may perform {@code duty} and appends the decision under {@code auditCode}.
     *
     * @throws AccessDeniedException when not allowed (after the refusal is audited)
     */
    public void require(AccessContext ctx, Duty duty, String auditCode) {
        Optional<AccessDecision.Denied> denied = policy.checkDuty(ctx, duty);
        if (denied.isPresent()) {
            recorder.recordDuty(ctx, auditCode, null, Decision.DENY, denied.get().reason().name());
            throw new AccessDeniedException(denied.get());
        }
        recorder.recordDuty(ctx, auditCode, null, Decision.ALLOW, null);
    }
}
