package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.AuditReview;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.ChainVerification;
import edu.studentrecords.store.internal.gate.RecordGate;
import java.time.Instant;
import java.util.List;

/** {@link AuditReview} behind the gate. Thread-safe. */
public final class GatedAuditReview implements AuditReview {

    private final AuditTrail audit;
    private final RecordGate gate;

    public GatedAuditReview(AuditTrail audit, RecordGate gate) {
        this.audit = audit;
        this.gate = gate;
    }

    @Override
    public List<AuditEntry> ofRecord(AccessContext ctx, String recordId, Instant from, Instant to, int offset, int limit) {
        gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_READ, recordId).allow(recordId);
        return audit.historyOf(recordId, from, to, offset, limit);
    }

    @Override
    public List<AuditEntry> range(AccessContext ctx, long fromSequence, int limit) {
        gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_READ, null).allow(null);
        return audit.range(fromSequence, limit);
    }

    @Override
    public ChainVerification verify(AccessContext ctx) {
        gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_VERIFY, null).allow(null);
        return audit.verify();
    }
}
