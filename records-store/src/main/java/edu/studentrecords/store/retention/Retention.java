package edu.studentrecords.store.retention;

import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.AccessDeniedException;
import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.DestructionCertificate;
import edu.studentrecords.store.InvalidRecordException;
import edu.studentrecords.store.RecordNotFoundException;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.Duty;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.internal.backup.StoreCollections;
import edu.studentrecords.store.internal.crypto.DataKeyVault;
import edu.studentrecords.store.internal.mongo.DecisionRecorder;
import edu.studentrecords.store.internal.mongo.RecordCodec;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.validation.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;

/**
 * Retention of a realm's records (rules 6.1 to 6.3): the policy, sealed archives of leavers, legal holds, the register
 * of paper copies, and the retention run that archives leavers and destroys them once their retention has ended,
 * through the store's one destruction path (data key first, erasure ledger, record, archive, change feed).
 *
 * <p>Every call is the centre's duty {@link Duty#RETENTION} (an administrator with {@code student.admin} and a
 * purpose), decided by the one access policy and audited once before it answers, refusals included. What a run does to
 * a record is audited apart, as the system's ({@link #ARCHIVE}, {@link #DESTROY}), before it is done. Thread-safe.
 */
public final class Retention {

    /** Who requests a retention destruction on its certificate. */
    public static final String SYSTEM = "system:retention";
    /** Audit codes. */
    public static final String POLICY_READ = "RETENTION_POLICY_READ";
    public static final String POLICY_UPDATE = "RETENTION_POLICY_UPDATE";
    public static final String RUN = "RETENTION_RUN";
    public static final String RUN_LIST = "RETENTION_RUN_LIST";
    public static final String ARCHIVE = "RETENTION_ARCHIVE";
    public static final String DESTROY = "RETENTION_DESTROY";
    public static final String ARCHIVE_READ = "ARCHIVE_READ";
    public static final String ARCHIVE_VERIFY = "ARCHIVE_VERIFY";
    public static final String HOLD_PLACE = "LEGAL_HOLD_PLACE";
    public static final String HOLD_LIFT = "LEGAL_HOLD_LIFT";
    public static final String HOLD_LIST = "LEGAL_HOLD_LIST";
    public static final String PAPER_COPY_ADD = "PAPER_COPY_ADD";
    public static final String PAPER_COPY_LIST = "PAPER_COPY_LIST";

    /** The collections retention keeps (the archives are per record: a restore drops those of erased records). */
    public static final String ARCHIVES = StoreCollections.RECORD_ARCHIVES;

    private static final int MAX_TEXT = 1000;
    private static final int MAX_PAPER_TEXT = 200;
    private static final String HOLD_NOT_FOUND = "LEGAL_HOLD_NOT_FOUND";
    private static final String HOLD_LIFTED = "LEGAL_HOLD_LIFTED";
    private static final String NO_ARCHIVE = "ARCHIVE_NOT_FOUND";

    /** Destroys a record by rule, for the store's one destruction path; throws {@link RecordNotFoundException} when gone. */
    @FunctionalInterface
    public interface Eraser {
        Destruction erase(String recordId, String reason);
    }

    /** What the caller adds to a run: work after each destruction (the search index) and the certificate's signature. */
    public interface Hooks {
        /** Nothing more to do, no signature. */
        Hooks NONE = new Hooks() {
        };

        /** Called after each destruction, before its certificate is issued. */
        default void destroyed(Destruction destruction) {
        }

        /** The signed certificate (a compact JWS), or null. */
        default String sign(DestructionCertificate certificate) {
            return null;
        }
    }

    private final AccessPolicy policy;
    private final DecisionRecorder recorder;
    private final RecordCollection records;
    private final DataKeyVault keys;
    private final ArchiveVault archives;
    private final HoldRegister holds;
    private final PaperCopyRegister paper;
    private final RetentionState state;
    private final RetentionRunner runner;

    /** For the store, which owns the collections and the destruction path. */
    public Retention(MongoDatabase db, RecordCollection records, RecordCodec codec, DataKeyVault keys,
            DecisionRecorder recorder, AccessPolicy policy, Eraser eraser) {
        this.policy = policy;
        this.recorder = recorder;
        this.records = records;
        this.keys = keys;
        this.archives = new ArchiveVault(db.getCollection(ARCHIVES));
        this.holds = new HoldRegister(db.getCollection("legal_holds"));
        this.paper = new PaperCopyRegister(db.getCollection("paper_copies"));
        this.state = new RetentionState(db.getCollection("retention_state"), db.getCollection("retention_runs"));
        this.runner = new RetentionRunner(db.getCollection(StoreCollections.RECORDS), records, codec, keys, archives,
                holds, paper, recorder, eraser);
    }

    /** The realm's policy ({@link RetentionPolicy#DEFAULT} until one is set). */
    public RetentionPolicy policy(AccessContext ctx) {
        requireDuty(ctx, POLICY_READ, null);
        recorder.recordDutyOn(ctx, POLICY_READ, null, Decision.ALLOW, null);
        return state.policy();
    }

    /**
     * Replaces the realm's policy; it applies from the next run on, to every archive.
     *
     * @throws InvalidRecordException with field errors when the policy breaks a rule; nothing is stored
     */
    public RetentionPolicy updatePolicy(AccessContext ctx, RetentionPolicy updated) {
        requireDuty(ctx, POLICY_UPDATE, null);
        List<FieldError> errors = updated.errors();
        if (!errors.isEmpty()) {
            recorder.recordDutyOn(ctx, POLICY_UPDATE, null, Decision.DENY, "INVALID_POLICY");
            throw new InvalidRecordException(errors);
        }
        recorder.recordDutyOn(ctx, POLICY_UPDATE, null, Decision.ALLOW, null);
        state.setPolicy(updated);
        return state.policy();
    }

    /**
     * Runs retention now, judged at {@link AccessContext#now()}: archives leavers, destroys those whose retention has
     * ended and who are not held. A dry run reports the same and changes nothing. The report is kept.
     */
    public RetentionRun run(AccessContext ctx, boolean dryRun, Hooks hooks) {
        requireDuty(ctx, RUN, null);
        recorder.recordDutyOn(ctx, RUN, null, Decision.ALLOW, dryRun ? "DRY_RUN" : null);
        Instant now = ctx.now().truncatedTo(ChronoUnit.MILLIS);
        return runAndKeep(now, dryRun, ctx.subject(), hooks);
    }

    /**
     * The scheduled run at {@code now}, as the system's: only if no scheduled run was claimed within {@code every}
     * before (on any node), so a timer that fires twice, or on two nodes, runs once.
     *
     * @return the report, or empty when this period's run was done already
     */
    public Optional<RetentionRun> runScheduled(Instant now, Duration every, Hooks hooks) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        if (!state.claimScheduled(at, every)) {
            return Optional.empty();
        }
        recorder.recordEvent(system(at), RUN, null, List.of(), Decision.ALLOW, "SCHEDULED");
        return Optional.of(runAndKeep(at, false, SYSTEM, hooks));
    }

    /** When the last scheduled run was claimed, or empty. */
    public Optional<Instant> lastScheduledRun() {
        return Optional.ofNullable(state.lastScheduled());
    }

    private RetentionRun runAndKeep(Instant now, boolean dryRun, String startedBy, Hooks hooks) {
        String id = UUID.randomUUID().toString();
        RetentionRun run = runner.run(id, state.policy(), now, dryRun, startedBy, system(now), hooks);
        state.save(run);
        return run;
    }

    /** The reports of the latest runs (at most 100), newest first. */
    public List<RetentionRun> runs(AccessContext ctx) {
        requireDuty(ctx, RUN_LIST, null);
        recorder.recordDutyOn(ctx, RUN_LIST, null, Decision.ALLOW, null);
        return state.latest();
    }

    /**
     * What is known about the record's archive.
     *
     * @throws RecordNotFoundException  when there is no such record
     * @throws ArchiveNotFoundException when it has no archive
     */
    public ArchiveSummary archive(AccessContext ctx, String recordId) {
        Document record = requireRecord(ctx, ARCHIVE_READ, recordId);
        Optional<Document> facts = archives.facts(recordId);
        if (facts.isEmpty()) {
            recorder.recordDutyOn(ctx, ARCHIVE_READ, recordId, Decision.DENY, NO_ARCHIVE);
            throw new ArchiveNotFoundException();
        }
        recorder.recordDutyOn(ctx, ARCHIVE_READ, recordId, Decision.ALLOW, null);
        Document f = facts.get();
        Instant createdAt = f.getDate(ArchiveVault.CREATED).toInstant();
        return new ArchiveSummary(recordId, f.getString(ArchiveVault.SHA256), createdAt, f.getLong(ArchiveVault.SIZE),
                state.policy().destroyAfter(leavingDate(record), createdAt));
    }

    /**
     * Re-checks the record's archive: its SHA-256 now, and whether it is intact (the hash taken when it was made, and
     * it opens under the record's key).
     */
    public ArchiveVerification verifyArchive(AccessContext ctx, String recordId) {
        requireRecord(ctx, ARCHIVE_VERIFY, recordId);
        Optional<ArchiveVerification> result = archives.verify(recordId, keys.find(recordId));
        if (result.isEmpty()) {
            recorder.recordDutyOn(ctx, ARCHIVE_VERIFY, recordId, Decision.DENY, NO_ARCHIVE);
            throw new ArchiveNotFoundException();
        }
        recorder.recordDutyOn(ctx, ARCHIVE_VERIFY, recordId, Decision.ALLOW, result.get().intact() ? null : "NOT_INTACT");
        return result.get();
    }

    /**
     * Opens a record's archive with the record's key, without a caller: for the store's own tests, never public.
     * Empty when there is no archive or the record's key is destroyed.
     */
    Optional<StoredRecord> openArchiveForCheck(String recordId) {
        return keys.find(recordId).flatMap(key -> archives.open(recordId, key));
    }

    /** Places a legal hold on a record: no retention run destroys it until the hold is lifted. */
    public LegalHold placeHold(AccessContext ctx, String recordId, String reason) {
        requireDuty(ctx, HOLD_PLACE, recordId);
        requireText(ctx, HOLD_PLACE, recordId, "reason", reason, MAX_TEXT);
        requireRecord(ctx, HOLD_PLACE, recordId);
        recorder.recordDutyOn(ctx, HOLD_PLACE, recordId, Decision.ALLOW, null);
        LegalHold hold = new LegalHold(UUID.randomUUID().toString(), recordId, reason.strip(), ctx.subject(),
                ctx.now().truncatedTo(ChronoUnit.MILLIS), null, null);
        holds.add(hold);
        return hold;
    }

    /**
     * Lifts a legal hold; the next run may destroy the record if nothing else holds it.
     *
     * @throws LegalHoldNotFoundException when there is no such hold
     * @throws LegalHoldLiftedException   when it was lifted already
     */
    public LegalHold liftHold(AccessContext ctx, String holdId) {
        requireDuty(ctx, HOLD_LIFT, null);
        Optional<LegalHold> hold = holdId == null ? Optional.empty() : holds.find(holdId);
        if (hold.isEmpty()) {
            recorder.recordDutyOn(ctx, HOLD_LIFT, null, Decision.DENY, HOLD_NOT_FOUND);
            throw new LegalHoldNotFoundException();
        }
        if (!holds.lift(holdId, ctx.subject(), ctx.now().truncatedTo(ChronoUnit.MILLIS))) {
            recorder.recordDutyOn(ctx, HOLD_LIFT, hold.get().recordId(), Decision.DENY, HOLD_LIFTED);
            throw new LegalHoldLiftedException();
        }
        recorder.recordDutyOn(ctx, HOLD_LIFT, hold.get().recordId(), Decision.ALLOW, null);
        return holds.find(holdId).orElseThrow(LegalHoldNotFoundException::new);
    }

    /** The realm's legal holds, newest first (at most 1000), lifted ones included. */
    public List<LegalHold> holds(AccessContext ctx) {
        requireDuty(ctx, HOLD_LIST, null);
        recorder.recordDutyOn(ctx, HOLD_LIST, null, Decision.ALLOW, null);
        return holds.all();
    }

    /** Registers a paper copy of a record. */
    public PaperCopy addPaperCopy(AccessContext ctx, String recordId, String location, String custodian,
            LocalDate destroyBy) {
        requireDuty(ctx, PAPER_COPY_ADD, recordId);
        List<FieldError> errors = new ArrayList<>();
        textError("location", location, MAX_PAPER_TEXT).ifPresent(errors::add);
        textError("custodian", custodian, MAX_PAPER_TEXT).ifPresent(errors::add);
        if (destroyBy == null) {
            errors.add(new FieldError("destroyBy", "required", "is required"));
        }
        if (!errors.isEmpty()) {
            recorder.recordDutyOn(ctx, PAPER_COPY_ADD, recordId, Decision.DENY, "INVALID_PAPER_COPY");
            throw new InvalidRecordException(errors);
        }
        requireRecord(ctx, PAPER_COPY_ADD, recordId);
        recorder.recordDutyOn(ctx, PAPER_COPY_ADD, recordId, Decision.ALLOW, null);
        PaperCopy copy = new PaperCopy(UUID.randomUUID().toString(), recordId, location.strip(), custodian.strip(),
                destroyBy);
        paper.add(copy);
        return copy;
    }

    /** The paper copies of a record in the register (also of a destroyed one: the register outlives the record). */
    public List<PaperCopy> paperCopies(AccessContext ctx, String recordId) {
        requireDuty(ctx, PAPER_COPY_LIST, recordId);
        List<PaperCopy> copies = paper.of(recordId);
        if (copies.isEmpty() && records.find(recordId).isEmpty()) {
            recorder.recordDutyOn(ctx, PAPER_COPY_LIST, recordId, Decision.DENY, DecisionRecorder.RECORD_NOT_FOUND);
            throw new RecordNotFoundException();
        }
        recorder.recordDutyOn(ctx, PAPER_COPY_LIST, recordId, Decision.ALLOW, null);
        return copies;
    }

    /** The paper copies registered for a record, for its destruction certificate; decides and audits nothing. */
    public List<PaperCopy> registeredPaperCopies(String recordId) {
        return paper.of(recordId);
    }

    private void requireDuty(AccessContext ctx, String code, String recordId) {
        Optional<AccessDecision.Denied> denied = policy.checkDuty(ctx, Duty.RETENTION);
        if (denied.isPresent()) {
            recorder.recordDutyOn(ctx, code, recordId, Decision.DENY, denied.get().reason().name());
            throw new AccessDeniedException(denied.get());
        }
    }

    private Document requireRecord(AccessContext ctx, String code, String recordId) {
        requireDuty(ctx, code, recordId);
        Optional<Document> record = recordId == null ? Optional.empty() : records.find(recordId);
        if (record.isEmpty()) {
            recorder.recordDutyOn(ctx, code, recordId, Decision.DENY, DecisionRecorder.RECORD_NOT_FOUND);
            throw new RecordNotFoundException();
        }
        return record.get();
    }

    private void requireText(AccessContext ctx, String code, String recordId, String field, String text, int max) {
        Optional<FieldError> error = textError(field, text, max);
        if (error.isPresent()) {
            recorder.recordDutyOn(ctx, code, recordId, Decision.DENY, "INVALID_" + field.toUpperCase(java.util.Locale.ROOT));
            throw new InvalidRecordException(List.of(error.get()));
        }
    }

    private static Optional<FieldError> textError(String field, String text, int max) {
        if (text == null || text.isBlank()) {
            return Optional.of(new FieldError(field, "required", "is required"));
        }
        if (text.strip().length() > max) {
            return Optional.of(new FieldError(field, "size", "must be at most " + max + " characters"));
        }
        return Optional.empty();
    }

    private static LocalDate leavingDate(Document record) {
        Document profile = record.get("profile", Document.class);
        String date = profile == null ? null : profile.getString("leavingDate");
        return date == null ? null : LocalDate.parse(date);
    }

    private static AccessContext system(Instant now) {
        return AccessContext.builder().serviceAccount(true).clientId(DecisionRecorder.SYSTEM_CLIENT)
                .clientTrust(ClientTrust.INTERNAL).now(Objects.requireNonNull(now)).build();
    }
}
