package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditTrail;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gate's part for notices and incidents: an application asking for its own notices of changes, and the duties of
 * the centre where what the caller sees depends on which duty let them in (an administrator sees the records an
 * incident affected, supervision only their counts). Decides with the {@link AccessPolicy}, audits a refusal and
 * throws it; an allowed call gets a {@link Pass} to settle. Thread-safe.
 */
public final class NoticeGate {

    private final AccessPolicy policy = new AccessPolicy();
    private final AuditWriter audit;

    public NoticeGate(AuditTrail trail) {
        this.audit = new AuditWriter(trail);
    }

    /** A pass for an application acting for itself, about its own notices; a refusal is audited and thrown. */
    public Pass recipient(AccessContext ctx, AuditOperation operation) {
        policy.checkRecipient(ctx).ifPresent(denied -> {
            audit.decision(ctx, operation, null, denied, Set.of());
            throw StoreException.refused(denied);
        });
        return new Pass(audit, ctx, operation);
    }

    /** A call let through by one of several duties, and which one (the first of the list that allows it). */
    public record DutyPass(Pass pass, Duty duty) {
    }

    /**
     * The first of {@code duties} the caller may perform, with a pass; when none allows the call, the refusal of the
     * last duty whose scope the token carries (or else the first's) is audited and thrown.
     */
    public DutyPass firstDuty(AccessContext ctx, AuditOperation operation, List<Duty> duties) {
        Optional<AccessDecision.Denied> reported = Optional.empty();
        for (Duty duty : duties) {
            Optional<AccessDecision.Denied> denied = policy.checkDuty(ctx, duty);
            if (denied.isEmpty()) {
                return new DutyPass(new Pass(audit, ctx, operation), duty);
            }
            if (reported.isEmpty() || ctx.hasScope(duty.scope())) {
                reported = denied;
            }
        }
        AccessDecision.Denied refusal = reported.orElseThrow();
        audit.decision(ctx, operation, null, refusal, Set.of());
        throw StoreException.refused(refusal);
    }
}
