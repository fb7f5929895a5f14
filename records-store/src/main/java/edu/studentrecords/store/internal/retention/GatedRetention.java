package edu.studentrecords.store.internal.retention;

import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.AuditReason;
import edu.studentrecords.store.internal.backup.StoreCollections;
import edu.studentrecords.store.internal.crypto.DataKeyVault;
import edu.studentrecords.store.internal.gate.Pass;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.mongo.RecordCodec;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.internal.records.RecordVault;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.retention.ArchiveSummary;
import edu.studentrecords.store.retention.ArchiveVerification;
import edu.studentrecords.store.retention.LegalHold;
import edu.studentrecords.store.retention.PaperCopy;
import edu.studentrecords.store.retention.PolicyChange;
import edu.studentrecords.store.retention.Retention;
import edu.studentrecords.store.retention.RetentionPolicy;
import edu.studentrecords.store.retention.RetentionRun;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.PlainTexts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/** {@link Retention} behind the gate, in its own collections. Thread-safe. */
public final class GatedRetention implements Retention {

    private static final int MAX_TEXT = 1000;
    private static final int MAX_PAPER_TEXT = 200;
    private static final int EARLIEST_PAPER_YEAR = 1900;

    private final int floorDays;
    private final RecordGate gate;
    private final RecordLookup lookup;
    private final DataKeyVault keys;
    private final ArchiveVault archives;
    private final HoldRegister holds;
    private final PaperCopyRegister paper;
    private final RetentionState state;
    private final RetentionRunner runner;

    public GatedRetention(MongoDatabase db, RecordCollection records, RecordCodec codec, DataKeyVault keys,
            RecordGate gate, RecordLookup lookup, RecordVault vault, PaperCopyRegister paper, HoldRegister holds,
            int floorDays) {
        this.floorDays = floorDays;
        this.gate = gate;
        this.lookup = lookup;
        this.keys = keys;
        this.archives = new ArchiveVault(db.getCollection(StoreCollections.RECORD_ARCHIVES));
        this.holds = holds;
        this.paper = paper;
        this.state = new RetentionState(db.getCollection("retention_state"), db.getCollection("retention_runs"));
        this.runner = new RetentionRunner(db.getCollection(StoreCollections.RECORDS), records, codec, keys, archives,
                holds, paper, gate, (recordId, reason) -> vault.erase(lookup.header(recordId)
                        .orElseThrow(() -> StoreException.notFound(Subject.RECORD)), reason));
    }

    @Override
    public RetentionPolicy policy(AccessContext ctx) {
        duty(ctx, AuditOperation.RETENTION_POLICY_READ, null).allow(null);
        return state.policy();
    }

    @Override
    public PolicyChange updatePolicy(AccessContext ctx, RetentionPolicy updated) {
        Pass pass = duty(ctx, AuditOperation.RETENTION_POLICY_UPDATE, null);
        List<FieldError> errors = updated.errors(floorDays);
        if (!errors.isEmpty()) {
            throw pass.invalid(null, AuditReason.INVALID_POLICY,
                    StoreException.invalid(Subject.RETENTION_POLICY, errors));
        }
        if (state.pending().isPresent()) {
            throw pass.invalid(null, AuditReason.CONFLICT, StoreException.conflict(Subject.RETENTION_POLICY, "PENDING"));
        }
        Instant at = ctx.now().truncatedTo(ChronoUnit.MILLIS);
        if (updated.shortens(state.policy())) {
            pass.allow(null, AuditReason.AWAITING_APPROVAL);
            state.propose(updated, ctx.subject(), at);
            return new PolicyChange(PolicyChange.Status.AWAITING_APPROVAL, state.policy(), updated, ctx.subject(), at,
                    null);
        }
        pass.allow(null);
        state.setPolicy(updated);
        return new PolicyChange(PolicyChange.Status.APPLIED, state.policy(), updated, ctx.subject(), at, null);
    }

    @Override
    public Optional<PolicyChange> pendingPolicy(AccessContext ctx) {
        duty(ctx, AuditOperation.RETENTION_POLICY_READ, null).allow(null);
        return state.pending();
    }

    @Override
    public PolicyChange approvePolicy(AccessContext ctx, Instant proposedAt) {
        Pass pass = duty(ctx, AuditOperation.RETENTION_POLICY_APPROVE, null);
        PolicyChange pending = waiting(pass);
        if (pending.proposedBy().equals(ctx.subject())) {
            throw pass.deny(null, AuditReason.FOUR_EYES, StoreException.fourEyes(Subject.RETENTION_POLICY));
        }
        if (!pending.proposedAt().equals(proposedAt)) {
            // Another change than the one the approver read: they read it first.
            throw pass.invalid(null, AuditReason.STALE_VERSION, StoreException.stale(Subject.RETENTION_POLICY,
                    proposedAt == null ? -1 : proposedAt.toEpochMilli(), pending.proposedAt().toEpochMilli()));
        }
        // Checked again against the floor in force now: the server's floor may have been raised since.
        List<FieldError> errors = pending.proposed().errors(floorDays);
        if (!errors.isEmpty()) {
            throw pass.invalid(null, AuditReason.INVALID_POLICY,
                    StoreException.invalid(Subject.RETENTION_POLICY, errors));
        }
        if (!state.takePending(pending.proposedBy(), pending.proposedAt())) {
            throw pass.deny(null, AuditReason.NOTHING_PENDING, StoreException.conflict(Subject.RETENTION_POLICY, "DECIDED"));
        }
        pass.allow(null);
        state.setPolicy(pending.proposed());
        return new PolicyChange(PolicyChange.Status.APPROVED, state.policy(), pending.proposed(), pending.proposedBy(),
                pending.proposedAt(), ctx.subject());
    }

    @Override
    public PolicyChange cancelPolicy(AccessContext ctx) {
        Pass pass = duty(ctx, AuditOperation.RETENTION_POLICY_CANCEL, null);
        PolicyChange pending = waiting(pass);
        if (!state.takePending(pending.proposedBy(), pending.proposedAt())) {
            throw pass.deny(null, AuditReason.NOTHING_PENDING, StoreException.conflict(Subject.RETENTION_POLICY, "DECIDED"));
        }
        pass.allow(null);
        return new PolicyChange(PolicyChange.Status.CANCELLED, state.policy(), pending.proposed(), pending.proposedBy(),
                pending.proposedAt(), ctx.subject());
    }

    private PolicyChange waiting(Pass pass) {
        return state.pending().orElseThrow(() -> pass.deny(null, AuditReason.NOTHING_PENDING,
                StoreException.conflict(Subject.RETENTION_POLICY, "NONE_PENDING")));
    }

    @Override
    public RetentionRun run(AccessContext ctx, boolean dryRun, Hooks hooks) {
        duty(ctx, AuditOperation.RETENTION_RUN, null).allow(null, dryRun ? AuditReason.DRY_RUN : null);
        return runAndKeep(ctx.now().truncatedTo(ChronoUnit.MILLIS), dryRun, ctx.subject(), hooks);
    }

    @Override
    public Optional<RetentionRun> runScheduled(Instant now, Duration every, Hooks hooks) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        if (!state.claimScheduled(at, every)) {
            return Optional.empty();
        }
        gate.system(AuditOperation.RETENTION_RUN, null, AuditReason.SCHEDULED);
        return Optional.of(runAndKeep(at, false, SYSTEM, hooks));
    }

    @Override
    public Optional<Instant> lastScheduledRun() {
        return Optional.ofNullable(state.lastScheduled());
    }

    private RetentionRun runAndKeep(Instant now, boolean dryRun, String startedBy, Hooks hooks) {
        RetentionPolicy policy = state.policy().atLeast(floorDays);
        RetentionRun run = runner.run(UUID.randomUUID().toString(), policy, now, dryRun, startedBy, system(now), hooks);
        state.save(run);
        if (!dryRun) {
            hooks.auditRetention(policy.auditRetentionDays(), now);
        }
        return run;
    }

    @Override
    public List<RetentionRun> runs(AccessContext ctx) {
        duty(ctx, AuditOperation.RETENTION_RUN_LIST, null).allow(null);
        return state.latest();
    }

    @Override
    public ArchiveSummary archive(AccessContext ctx, String recordId) {
        Pass pass = duty(ctx, AuditOperation.ARCHIVE_READ, recordId);
        Document record = requireRecord(pass, recordId);
        Optional<Document> facts = archives.facts(recordId);
        if (facts.isEmpty()) {
            throw pass.deny(recordId, AuditReason.ARCHIVE_NOT_FOUND, StoreException.notFound(Subject.ARCHIVE));
        }
        pass.allow(recordId);
        Document f = facts.get();
        Instant createdAt = f.getDate(ArchiveVault.CREATED).toInstant();
        return new ArchiveSummary(recordId, f.getString(ArchiveVault.SHA256), createdAt, f.getLong(ArchiveVault.SIZE),
                state.policy().atLeast(floorDays).destroyAfter(leavingDate(record), createdAt));
    }

    @Override
    public ArchiveVerification verifyArchive(AccessContext ctx, String recordId) {
        Pass pass = duty(ctx, AuditOperation.ARCHIVE_VERIFY, recordId);
        requireRecord(pass, recordId);
        Optional<ArchiveVerification> result = archives.verify(recordId, keys.find(recordId));
        if (result.isEmpty()) {
            throw pass.deny(recordId, AuditReason.ARCHIVE_NOT_FOUND, StoreException.notFound(Subject.ARCHIVE));
        }
        pass.allow(recordId, result.get().intact() ? null : AuditReason.NOT_INTACT);
        return result.get();
    }

    /**
     * Opens a record's archive with the record's key, without a caller: for the store's own tests, never public API.
     * Empty when there is no archive or the record's key is destroyed.
     */
    public Optional<StoredRecord> openArchiveForCheck(String recordId) {
        return keys.find(recordId).flatMap(key -> archives.open(recordId, key));
    }

    @Override
    public LegalHold placeHold(AccessContext ctx, String recordId, String reason) {
        Pass pass = duty(ctx, AuditOperation.LEGAL_HOLD_PLACE, recordId);
        Optional<FieldError> error = textError("reason", reason, MAX_TEXT, true);
        if (error.isPresent()) {
            throw pass.invalid(recordId, AuditReason.INVALID_REASON,
                    StoreException.invalid(Subject.LEGAL_HOLD, error.get()));
        }
        requireRecord(pass, recordId);
        pass.allow(recordId);
        LegalHold hold = new LegalHold(UUID.randomUUID().toString(), recordId, reason.strip(), ctx.subject(),
                ctx.now().truncatedTo(ChronoUnit.MILLIS), null, null);
        holds.add(hold);
        return hold;
    }

    @Override
    public LegalHold liftHold(AccessContext ctx, String holdId) {
        Pass pass = duty(ctx, AuditOperation.LEGAL_HOLD_LIFT, null);
        Optional<LegalHold> hold = holdId == null ? Optional.empty() : holds.find(holdId);
        if (hold.isEmpty()) {
            throw pass.deny(null, AuditReason.LEGAL_HOLD_NOT_FOUND, StoreException.notFound(Subject.LEGAL_HOLD));
        }
        if (!holds.lift(holdId, ctx.subject(), ctx.now().truncatedTo(ChronoUnit.MILLIS))) {
            throw pass.deny(hold.get().recordId(), AuditReason.LEGAL_HOLD_LIFTED,
                    StoreException.conflict(Subject.LEGAL_HOLD, "LIFTED"));
        }
        pass.allow(hold.get().recordId());
        return holds.find(holdId).orElseThrow(() -> StoreException.notFound(Subject.LEGAL_HOLD));
    }

    @Override
    public List<LegalHold> holds(AccessContext ctx) {
        duty(ctx, AuditOperation.LEGAL_HOLD_LIST, null).allow(null);
        return holds.all();
    }

    @Override
    public PaperCopy addPaperCopy(AccessContext ctx, String recordId, String location, String custodian,
            LocalDate destroyBy) {
        Pass pass = duty(ctx, AuditOperation.PAPER_COPY_ADD, recordId);
        List<FieldError> errors = new ArrayList<>();
        textError("location", location, MAX_PAPER_TEXT, false).ifPresent(errors::add);
        textError("custodian", custodian, MAX_PAPER_TEXT, false).ifPresent(errors::add);
        if (destroyBy == null) {
            errors.add(new FieldError("destroyBy", "required", "is required"));
        } else if (destroyBy.getYear() < EARLIEST_PAPER_YEAR || destroyBy.isAfter(
                LocalDate.ofInstant(ctx.now(), ZoneOffset.UTC).plusDays(RetentionPolicy.MAX_DAYS))) {
            // Overdue copies are registered too (a date passed); a year like +999999999 is no date of destruction.
            errors.add(new FieldError("destroyBy", "date.range", "is from 1900 to a hundred years from today"));
        }
        if (!errors.isEmpty()) {
            throw pass.invalid(recordId, AuditReason.INVALID_PAPER_COPY,
                    StoreException.invalid(Subject.PAPER_COPY, errors));
        }
        requireRecord(pass, recordId);
        pass.allow(recordId);
        PaperCopy copy = new PaperCopy(UUID.randomUUID().toString(), recordId, location.strip(), custodian.strip(),
                destroyBy);
        paper.add(copy);
        return copy;
    }

    @Override
    public List<PaperCopy> paperCopies(AccessContext ctx, String recordId) {
        Pass pass = duty(ctx, AuditOperation.PAPER_COPY_LIST, recordId);
        List<PaperCopy> copies = paper.of(recordId);
        if (copies.isEmpty() && lookup.find(recordId).isEmpty()) {
            throw pass.deny(recordId, AuditReason.RECORD_NOT_FOUND, StoreException.notFound(Subject.RECORD));
        }
        pass.allow(recordId);
        return copies;
    }

    private Pass duty(AccessContext ctx, AuditOperation operation, String recordId) {
        return gate.duty(ctx, Duty.RETENTION, operation, recordId);
    }

    private Document requireRecord(Pass pass, String recordId) {
        return lookup.find(recordId).orElseThrow(() ->
                pass.deny(recordId, AuditReason.RECORD_NOT_FOUND, StoreException.notFound(Subject.RECORD)));
    }

    /** The error of a required text of at most {@code max} characters, one line unless {@code multiline}. */
    private static Optional<FieldError> textError(String field, String text, int max, boolean multiline) {
        if (text == null || text.isBlank()) {
            return Optional.of(new FieldError(field, "required", "is required"));
        }
        if (text.strip().length() > max) {
            return Optional.of(new FieldError(field, "size", "must be at most " + max + " characters"));
        }
        return PlainTexts.error(field, text, multiline);
    }

    private static LocalDate leavingDate(Document record) {
        Document profile = record.get("profile", Document.class);
        String date = profile == null ? null : profile.getString("leavingDate");
        return date == null ? null : LocalDate.parse(date);
    }

    private static AccessContext system(Instant now) {
        return AccessContext.builder().serviceAccount(true).clientId("student-records")
                .clientTrust(ClientTrust.INTERNAL).now(now).build();
    }
}
