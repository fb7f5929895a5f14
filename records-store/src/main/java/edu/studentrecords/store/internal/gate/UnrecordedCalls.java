package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.CallAudit;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.Decision;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** {@link CallAudit}: one entry for a call that has none yet. Thread-safe. */
final class UnrecordedCalls implements CallAudit {

    private final AuditWriter audit;
    private final Function<AccessContext, String> ownRecord;

    /** @param ownRecord the id of the caller's own record, or null */
    UnrecordedCalls(AuditWriter audit, Function<AccessContext, String> ownRecord) {
        this.audit = audit;
        this.ownRecord = ownRecord;
    }

    @Override
    public void refused(AccessContext ctx, AuditOperation operation, String recordId, AuditReason reason) {
        append(ctx, operation, recordId, Decision.DENY, reason);
    }

    @Override
    public void notDone(AccessContext ctx, AuditOperation operation, String recordId, AuditReason reason) {
        append(ctx, operation, recordId, Decision.ALLOW, reason);
    }

    @Override
    public void failed(AccessContext ctx, AuditOperation operation, String recordId) {
        append(ctx, operation, recordId, Decision.ALLOW, AuditReason.FAILED);
    }

    private void append(AccessContext ctx, AuditOperation operation, String recordId, Decision decision,
            AuditReason reason) {
        if (ctx.ledger().entries() > 0) {
            return;
        }
        String about = recordId == null && ctx.selfService() && ctx.subject() != null ? ownRecord.apply(ctx) : recordId;
        audit.event(ctx, operation, about, List.of(), Set.of(), null, decision, reason.code());
    }
}
