package edu.studentrecords.store.internal.records;

import edu.studentrecords.store.OwnAccessLog;
import edu.studentrecords.store.RecordReach;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.SelfExport;
import edu.studentrecords.store.SelfService;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.access.Reacher;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.consent.ConsentPurpose;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.guardians.GuardianLink;
import edu.studentrecords.store.history.HistoryEntry;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordGate.AuditLabel;
import edu.studentrecords.store.internal.gate.RecordGate.Located;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.grants.MongoAccessGrants;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StoredRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;

/** {@link SelfService} behind the gate. Thread-safe. */
public final class GatedSelfService implements SelfService {

    /** How often {@link #confirm} retries when a concurrent change moves the version under it. */
    private static final int CONFIRM_ATTEMPTS = 3;

    private final RecordGate gate;
    private final RecordLookup lookup;
    private final RecordVault vault;
    private final RecordWrites writes;
    private final AuditTrail audit;
    private final MongoAccessGrants grants;
    private final CorrectionDesk corrections;
    private final Function<String, List<GuardianLink>> guardianLinks;
    private final KeptAboutRecord kept;

    public GatedSelfService(RecordGate gate, RecordLookup lookup, RecordVault vault, RecordWrites writes,
            AuditTrail audit, MongoAccessGrants grants, CorrectionDesk corrections,
            Function<String, List<GuardianLink>> guardianLinks, KeptAboutRecord kept) {
        this.guardianLinks = guardianLinks;
        this.kept = kept;
        this.gate = gate;
        this.lookup = lookup;
        this.vault = vault;
        this.writes = writes;
        this.audit = audit;
        this.grants = grants;
        this.corrections = corrections;
    }

    @Override
    public RecordView read(AccessContext ctx) {
        Located found = gate.locateOwn(ctx, Operation.READ, FieldGroup.ALL, null);
        return vault.view(found.doc(), found.allowed().groups());
    }

    @Override
    public RecordView update(AccessContext ctx, long expectedVersion, String mergePatch) {
        return writes.patch(ctx, gate.ownRecordId(ctx), expectedVersion, mergePatch);
    }

    @Override
    public SelfExport export(AccessContext ctx, List<ConsentPurpose> purposes) {
        Located found = gate.locateOwn(ctx, Operation.EXPORT, FieldGroup.ALL, null);
        RecordView record = vault.view(found.doc(), found.allowed().groups());
        // One decision, one audit entry: the history, the requests, reports, consents and notices are part of what the
        // export returns, not look-ups of their own.
        String id = record.id();
        return new SelfExport(record, audit.wholeHistoryOf(id, null, null), corrections.ofRecord(id),
                kept.reports().apply(id), kept.consents().apply(id, purposes), kept.notices().apply(id));
    }

    @Override
    public OwnAccessLog wholeAccessLog(AccessContext ctx, Instant from, Instant to) {
        Located found = gate.locateOwn(ctx, Operation.READ, FieldGroup.ALL,
                new AuditLabel(AuditOperation.READ_ACCESS_LOG, Set.of()));
        RecordHeader header = lookup.headerOf(found.doc());
        return new OwnAccessLog(header.id(), header.unit(), header.ownerSubject(),
                guardianLinks.apply(header.id()).stream().filter(GuardianLink::approved).toList(),
                audit.wholeHistoryOf(header.id(), from, to));
    }

    @Override
    public List<AuditEntry> accessLog(AccessContext ctx, Instant from, Instant to, int offset, int limit) {
        // Decided as a self-service read of the whole record, since the log tells who saw which of its groups;
        // audited without groups, because no record content is returned.
        Located found = gate.locateOwn(ctx, Operation.READ, FieldGroup.ALL,
                new AuditLabel(AuditOperation.READ_ACCESS_LOG, Set.of()));
        return audit.historyOf(lookup.headerOf(found.doc()).id(), from, to, offset, limit);
    }

    @Override
    public List<HistoryEntry> history(AccessContext ctx) {
        Located found = gate.locateOwn(ctx, Operation.READ, FieldGroup.ALL,
                new AuditLabel(AuditOperation.READ_HISTORY, null));
        return vault.history(found.doc(), found.allowed().groups());
    }

    @Override
    public Instant lastConfirmation(AccessContext ctx) {
        Document doc = gate.locateOwn(ctx, Operation.READ, FieldGroup.ALL,
                new AuditLabel(AuditOperation.CONFIRMATION_CHECK, Set.of())).doc();
        StoredRecord dates = vault.openClear(doc, Set.of(FieldGroup.PROFILE));
        return dates.verifiedAt() != null ? dates.verifiedAt() : dates.createdAt();
    }

    @Override
    public RecordView profileForToken(AccessContext ctx) {
        // Decided as a self-service read of the profile group, so an external client gets nothing.
        Located found = gate.locateOwn(ctx, Operation.READ, Set.of(FieldGroup.PROFILE),
                new AuditLabel(AuditOperation.TOKEN_CLAIMS, Set.of(FieldGroup.PROFILE)));
        return vault.view(found.doc(), found.allowed().groups());
    }

    @Override
    public RecordView confirm(AccessContext ctx) {
        // Decided as a self-service read of the whole record: a student confirms what they can see.
        Located found = gate.locateOwn(ctx, Operation.READ, FieldGroup.ALL,
                new AuditLabel(AuditOperation.VERIFY, FieldGroup.ALL));
        AccessDecision.Allowed allowed = found.allowed();
        String recordId = lookup.headerOf(found.doc()).id();
        for (int attempt = 1; ; attempt++) {
            Document doc = lookup.find(recordId).orElseThrow(() -> StoreException.notFound(StoreException.Subject.RECORD));
            long current = lookup.headerOf(doc).version();
            StoredRecord before = vault.open(doc);
            // The request's instant: the clock the caller judges the verification period on.
            StoredRecord after = new StoredRecord(recordId, current + 1, before.ownerSubject(), before.content(),
                    before.createdAt(), before.updatedAt(), ctx.now().truncatedTo(ChronoUnit.MILLIS));
            if (vault.writeVersion(doc, before, after, vault.dataKey(recordId),
                    HistoryNote.of(ctx, allowed, AuditOperation.VERIFY, null))) {
                return RecordVault.view(after, allowed.groups());
            }
            if (attempt == CONFIRM_ATTEMPTS) {
                gate.outcome(ctx, AuditOperation.READ, recordId, Set.of(), AuditReason.STALE_VERSION);
                throw StoreException.stale(current, lookup.versionNow(recordId));
            }
        }
    }

    @Override
    public RecordReach reach(AccessContext ctx, List<Reacher> candidates) {
        Located found = gate.locateOwn(ctx, Operation.READ, FieldGroup.ALL,
                new AuditLabel(AuditOperation.READ_GRANTS, Set.of()));
        RecordHeader header = lookup.headerOf(found.doc());
        return new RecordReach(header.id(), header.unit(), gate.reachers(header, candidates),
                grants.covering(RecordGate.target(header)), guardianLinks.apply(header.id()).stream()
                        .filter(GuardianLink::approved).toList());
    }

    @Override
    public CorrectionRequest requestCorrection(AccessContext ctx, String mergePatch, String reason) {
        return corrections.request(ctx, mergePatch, reason);
    }

    @Override
    public List<CorrectionRequest> corrections(AccessContext ctx) {
        return corrections.own(ctx);
    }
}
