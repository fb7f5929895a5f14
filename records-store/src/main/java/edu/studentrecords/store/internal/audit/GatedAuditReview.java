package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.AuditReview;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEpochs;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.AuditSigner;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.ChainVerification;
import edu.studentrecords.store.audit.ExternalAnchor;
import edu.studentrecords.store.audit.OpenEpoch;
import edu.studentrecords.store.audit.ReadCounts;
import edu.studentrecords.store.audit.SealedEpoch;
import edu.studentrecords.store.audit.TrailPage;
import edu.studentrecords.store.audit.TrailQuery;
import edu.studentrecords.store.audit.TrailVerification;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link AuditReview} behind the gate. Thread-safe. */
public final class GatedAuditReview implements AuditReview {

    /** How many entries a search reads from the store at a time. */
    private static final int SEARCH_CHUNK = 500;

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
    public TrailPage search(AccessContext ctx, TrailQuery query) {
        gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_READ, null).allow(null);
        List<AuditEntry> found = new ArrayList<>();
        long next = query.fromSequence();
        Long scannedTo = null;
        int scanned = 0;
        while (scanned < TrailQuery.MAX_SCANNED) {
            List<AuditEntry> chunk = audit.range(next, SEARCH_CHUNK);
            for (AuditEntry entry : chunk) {
                scanned++;
                scannedTo = entry.sequence();
                next = entry.sequence() + 1;
                if (query.pastWindow(entry)) {
                    return new TrailPage(found, null, scannedTo);
                }
                if (query.matches(entry)) {
                    found.add(entry);
                    if (found.size() == query.limit()) {
                        return new TrailPage(found, next, scannedTo);
                    }
                }
            }
            if (chunk.size() < SEARCH_CHUNK) {
                return new TrailPage(found, null, scannedTo);
            }
        }
        return new TrailPage(found, next, scannedTo);
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
    public List<SealedEpoch> epochs(AccessContext ctx, int offset, int limit) {
        gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_EPOCHS, null).allow(null);
        return epochs.sealed(offset, limit);
    }

    @Override
    public List<SealedEpoch> seal(AccessContext ctx, Instant now, int maxEntries, int minEntries, Duration minAge,
            AuditSigner signer) {
        Pass pass = gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_SEAL, null);
        Optional<OpenEpoch> open = epochs.open();
        if (open.isPresent() && !open.get().closableByHand(now, minEntries, minAge)) {
            throw pass.deny(null, AuditReason.EPOCH_TOO_YOUNG, StoreException.conflict(Subject.AUDIT_TRAIL, "TOO_YOUNG"));
        }
        // Entered once it is known what the call came to; the entry opens the next epoch.
        return settledAfter(pass, null, StoreException.Kind.CONFLICT, AuditReason.CHAIN_NOT_INTACT,
                () -> epochs.sealDue(now, maxEntries, true, signer));
    }

    @Override
    public void export(AccessContext ctx, long epoch, AuditSigner signer, Path file) throws IOException {
        Pass pass = gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_EXPORT, null);
        Optional<SealedEpoch> found = epochs.sealed().stream().filter(e -> e.id() == epoch).findFirst();
        if (found.isEmpty()) {
            throw pass.deny(null, AuditReason.EPOCH_NOT_FOUND, StoreException.notFound(Subject.AUDIT_TRAIL));
        }
        if (found.get().dropped()) {
            throw pass.deny(null, AuditReason.EPOCH_DROPPED, StoreException.conflict(Subject.AUDIT_TRAIL, "DROPPED"));
        }
        pass.allow(null);
        epochs.export(epoch, signer, file);
    }

    @Override
    public String extract(AccessContext ctx, String recordId, String clientId, Instant from, Instant to,
            AuditSigner signer) {
        Pass pass = gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_EXTRACT, recordId);
        // Entered once the window is known to fit; the entry follows the entries it extracts.
        return settledAfter(pass, recordId, StoreException.Kind.INVALID, AuditReason.TOO_MANY_ENTRIES,
                () -> epochs.extract(recordId, clientId, from, to, signer, ctx.now()));
    }

    @Override
    public ReadCounts readCounts(AccessContext ctx, Instant from, Instant to, ReadCounts.By by,
            ReadCounts.Bucket bucket) {
        Pass pass = gate.duty(ctx, Duty.SUPERVISE, AuditOperation.AUDIT_STATS, null);
        return settledAfter(pass, null, StoreException.Kind.INVALID, AuditReason.TOO_MANY_ENTRIES,
                () -> epochs.readCounts(from, to, by, bucket));
    }

    /**
     * Does {@code work}, then settles the pass on what it came to: refused with {@code reason} when it failed with
     * {@code refusal}, allowed when it succeeded. Any other failure leaves the pass open, for the call's own ending
     * to be entered (not done, or failed).
     */
    private static <T> T settledAfter(Pass pass, String recordId, StoreException.Kind refusal, AuditReason reason,
            Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (StoreException e) {
            if (e.is(refusal)) {
                throw pass.deny(recordId, reason, e);
            }
            throw e;
        }
        pass.allow(recordId);
        return result;
    }
}
