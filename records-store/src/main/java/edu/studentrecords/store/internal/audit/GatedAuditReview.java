package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.AuditReview;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEpochs;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditSigner;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.ChainVerification;
import edu.studentrecords.store.audit.ExternalAnchor;
import edu.studentrecords.store.audit.SealedEpoch;
import edu.studentrecords.store.audit.TrailVerification;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** {@link AuditReview} behind the gate. Thread-safe. */
public final class GatedAuditReview implements AuditReview {

    private final AuditTrail audit;
    private final AuditEpochs epochs;
    private final RecordGate gate;

    public GatedAuditReview(AuditTrail audit, AuditEpochs epochs, RecordGate gate) {
        this.audit = audit;
        this.epochs = epochs;
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

    @Override
    public TrailVerification verify(AccessContext ctx, boolean incremental, List<ExternalAnchor> anchors) {
        gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_VERIFY, null).allow(null);
        return epochs.verify(incremental, anchors);
    }

    @Override
    public List<SealedEpoch> epochs(AccessContext ctx) {
        gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_EPOCHS, null).allow(null);
        return epochs.sealed();
    }

    @Override
    public List<SealedEpoch> seal(AccessContext ctx, Instant now, int maxEntries, AuditSigner signer) {
        gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_SEAL, null).allow(null);
        return epochs.sealDue(now, maxEntries, true, signer);
    }

    @Override
    public void export(AccessContext ctx, long epoch, AuditSigner signer, Path file) throws IOException {
        Pass pass = gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_EXPORT, null);
        SealedEpoch found = epochs.sealed().stream().filter(e -> e.id() == epoch).findFirst()
                .orElseThrow(() -> StoreException.notFound(StoreException.Subject.AUDIT_TRAIL));
        if (found.dropped()) {
            throw StoreException.conflict(StoreException.Subject.AUDIT_TRAIL, "DROPPED");
        }
        pass.allow(null);
        epochs.export(epoch, signer, file);
    }

    @Override
    public String extract(AccessContext ctx, String recordId, String clientId, Instant from, Instant to,
            AuditSigner signer) {
        gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_EXTRACT, recordId).allow(recordId);
        return epochs.extract(recordId, clientId, from, to, signer, ctx.now());
    }
}
