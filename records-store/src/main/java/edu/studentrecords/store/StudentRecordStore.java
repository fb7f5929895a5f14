package edu.studentrecords.store;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.AccessTarget;
import edu.studentrecords.store.access.Grant;
import edu.studentrecords.store.access.Operation;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.ChainVerification;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.check.SecuritySelfCheck;
import edu.studentrecords.store.correction.CorrectionOutcome;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.correction.CorrectionReview;
import edu.studentrecords.store.correction.CorrectionStatus;
import edu.studentrecords.store.enrolment.EnrolmentRow;
import edu.studentrecords.store.enrolment.ImportReport;
import edu.studentrecords.store.enrolment.RowOutcome;
import edu.studentrecords.store.backup.ErasureLedger;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.grants.AccessGrants;
import edu.studentrecords.store.internal.crypto.BlindIndex;
import edu.studentrecords.store.internal.crypto.DataKeyVault;
import edu.studentrecords.store.internal.crypto.SecretKeyFile;
import edu.studentrecords.store.internal.crypto.UnreadableCiphertextException;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import edu.studentrecords.store.internal.mongo.CorrectionCollection;
import edu.studentrecords.store.internal.mongo.CorrectionContent;
import edu.studentrecords.store.internal.mongo.CorrectionSeal;
import edu.studentrecords.store.internal.mongo.DecisionRecorder;
import edu.studentrecords.store.internal.mongo.GrantCollection;
import edu.studentrecords.store.internal.mongo.MongoChangeFeed;
import edu.studentrecords.store.internal.mongo.PurgeRequestCollection;
import edu.studentrecords.store.internal.mongo.RecordCodec;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.internal.mongo.RecordHeaderCache;
import edu.studentrecords.store.internal.mongo.RecordMergePatch;
import edu.studentrecords.store.internal.reports.MongoMisuseReports;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.reports.MisuseReports;
import edu.studentrecords.store.retention.PaperCopy;
import edu.studentrecords.store.retention.Retention;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.RecordValidator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.jboss.logging.Logger;

/**
 * The student record store: every way to reach a record. Each operation takes an {@link AccessContext},
 * passes the one access decision ({@link AccessPolicy}), appends the decision to the audit trail before it
 * returns or throws, and only then touches the record's content. There is no way to read a record without a
 * context. Thread-safe; one instance per process, closed with the process.
 */
public final class StudentRecordStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StudentRecordStore.class);
    /** The unit no principal holds: decisions about a record that does not exist use it. */
    private static final UnitPath NOWHERE = UnitPath.parse("no-such-record");
    /** Threads that fetch records while their reads are decided and audited. */
    private static final int FETCH_THREADS = 8;

    private final StoreSettings settings;
    private final MongoClient client;
    private final boolean ownsClient;
    private final RecordCollection records;
    private final RecordCodec codec;
    private final DataKeyVault keys;
    private final MongoChangeFeed feed;
    private final AuditTrail audit;
    private final DecisionRecorder recorder;
    private final AccessPolicy policy = new AccessPolicy();
    private final RecordValidator validator;
    private final RecordHeaderCache headers;
    private final CorrectionCollection corrections;
    private final ExecutorService fetcher;
    private final AccessGrants grants;
    private final AuditReview review;
    private final PurgeRequests purges;
    private final SecuritySelfCheck selfCheck;
    private final ErasureLedger erasures;
    private final MisuseReports misuseReports;
    private final com.mongodb.client.MongoCollection<Document> archives;
    private final Retention retention;

    private StudentRecordStore(StoreSettings settings, MongoClient client, boolean ownsClient) {
        this.settings = settings;
        this.client = client;
        this.ownsClient = ownsClient;
        MongoDatabase db = client.getDatabase(settings.database())
                .withWriteConcern(settings.writeConcern())
                .withReadConcern(settings.readConcern());
        byte[] master = SecretKeyFile.load(settings.masterKeyFile(), settings.generateMissingKeys());
        byte[] blind = SecretKeyFile.load(settings.blindIndexKeyFile(), settings.generateMissingKeys());
        byte[] auditKey = SecretKeyFile.load(settings.auditKeyFile(), settings.generateMissingKeys());
        this.records = new RecordCollection(db.getCollection("records"));
        this.records.createIndexes();
        this.codec = new RecordCodec(new BlindIndex(blind));
        this.keys = new DataKeyVault(db.getCollection("record_keys"), master, settings.keyCacheSize());
        this.feed = new MongoChangeFeed(db.getCollection("changes"), records, keys::exists, settings.clock(),
                settings.feedSettle());
        this.audit = MongoAuditTrail.open(db, auditKey, settings.clock());
        this.recorder = new DecisionRecorder(audit);
        this.validator = new RecordValidator(settings.clock());
        this.headers = new RecordHeaderCache(settings.keyCacheSize());
        GrantCollection grantCollection = new GrantCollection(db.getCollection("grants"), db.getCollection("grant_agreements"));
        this.grants = new AccessGrants(grantCollection, recorder, audit, policy);
        this.selfCheck = new SecuritySelfCheck(audit, grantCollection, records, db.getCollection("self_checks"), recorder,
                policy);
        this.review = new AuditReview(audit, recorder, policy);
        this.purges = new PurgeRequests(this, new PurgeRequestCollection(db.getCollection("purge_requests")), recorder,
                settings.clock());
        this.corrections = new CorrectionCollection(db);
        this.erasures = ErasureLedger.at(settings.erasureLedgerFile());
        this.fetcher = Executors.newFixedThreadPool(FETCH_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "record-fetch");
            thread.setDaemon(true);
            return thread;
        });
        this.archives = db.getCollection(Retention.ARCHIVES);
        this.retention = new Retention(db, records, codec, keys, recorder, policy, this::eraseByRule);
        this.misuseReports = new MongoMisuseReports(this::ownRecord, db.getCollection("misuse_reports"), audit,
                keys::find, this::ownerOf, policy, recorder,
                settings.clock());
    }

    /** Connects with a client of its own, built from the settings; {@link #close()} closes it. */
    public static StudentRecordStore connect(StoreSettings settings) {
        return new StudentRecordStore(settings, MongoClients.create(clientSettings(settings)), true);
    }

    /** Uses a client someone else owns (and closes); it should be built with {@link #clientSettings}. */
    public static StudentRecordStore using(StoreSettings settings, MongoClient client) {
        return new StudentRecordStore(settings, client, false);
    }

    /** The MongoDB client settings the store expects: the connection string, write concern and read concern. */
    public static MongoClientSettings clientSettings(StoreSettings settings) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(settings.connectionString()))
                .writeConcern(settings.writeConcern())
                .readConcern(settings.readConcern())
                .build();
    }

    /**
     * Enrols a student: validates, encrypts and stores a new record.
     *
     * @param ownerSubject the Keycloak user to link the record to, or {@code null}
     * @return the new record as the caller may see it
     * @throws AccessDeniedException   when the caller may not create records
     * @throws InvalidRecordException   when the content breaks a rule
     * @throws DuplicateRecordException when the student number, resident ID or user is taken
     */
    public RecordView create(AccessContext ctx, StudentRecord content, String ownerSubject) {
        AccessDecision decision = policy.decide(ctx, Operation.CREATE, null, FieldGroup.ALL);
        String id = UUID.randomUUID().toString();
        recorder.record(ctx, Operation.CREATE, id, decision);
        AccessDecision.Allowed allowed = requireAllowed(decision);
        requireValid(content);
        Instant now = now();
        StoredRecord record = new StoredRecord(id, 1, ownerSubject, content, now, now, null);
        byte[] dataKey = keys.create(id);
        long intent = feed.intendUpsert(id, 1);
        try {
            records.insert(codec.encode(record, dataKey));
        } catch (RuntimeException e) {
            feed.abandon(intent);
            keys.destroy(id);
            throw e;
        }
        headers.put(new RecordHeader(id, 1, ownerSubject, content.profile().unit()));
        return view(record, allowed.groups());
    }

    /**
     * Bulk enrolment: creates each readable row as one record, exactly as {@link #create} does (one access decision
     * and one audit entry per row that reaches it, so every student's history starts with their enrolment). Each row is
     * all or nothing: a row that is unreadable, invalid or collides with an existing record (student number, resident
     * ID, user) is reported and leaves nothing behind; the other rows are still created. Re-importing a file therefore
     * fails the rows already enrolled, by their student number, and creates the rest.
     *
     * <p>The caller's right to enrol is decided once before the file is read ({@code file} is called only when it is
     * allowed): a refused import is one audit entry and an {@link AccessDeniedException}, and reads nothing. Progress
     * is logged by counts only.
     *
     * @param file reads the rows; what it throws (an unreadable or too large file) is thrown before any row is created
     * @throws AccessDeniedException when the caller may not create records
     */
    public ImportReport importRecords(AccessContext ctx, Supplier<List<EnrolmentRow>> file) {
        AccessDecision decision = policy.decide(ctx, Operation.CREATE, null, FieldGroup.ALL);
        if (!(decision instanceof AccessDecision.Allowed)) {
            recorder.record(ctx, Operation.CREATE, null, decision);
            requireAllowed(decision);
        }
        List<EnrolmentRow> rows = file.get();
        List<RowOutcome> outcomes = new ArrayList<>(rows.size());
        int created = 0;
        for (EnrolmentRow row : rows) {
            RowOutcome outcome = importRow(ctx, row);
            outcomes.add(outcome);
            created += outcome.created() ? 1 : 0;
            if (outcomes.size() % IMPORT_PROGRESS_EVERY == 0) {
                LOG.infof("Import: %d of %d rows done, %d created", outcomes.size(), rows.size(), created);
            }
        }
        LOG.infof("Import finished: %d rows, %d created, %d failed", rows.size(), created, rows.size() - created);
        return ImportReport.of(outcomes);
    }

    /** How many rows an import handles between two progress lines in the log. */
    private static final int IMPORT_PROGRESS_EVERY = 500;

    private RowOutcome importRow(AccessContext ctx, EnrolmentRow row) {
        if (!row.errors().isEmpty()) {
            return RowOutcome.failed(row.row(), row.errors());
        }
        try {
            return RowOutcome.created(row.row(), create(ctx, row.content(), row.ownerSubject()).id());
        } catch (InvalidRecordException e) {
            return RowOutcome.failed(row.row(), e.errors());
        } catch (DuplicateRecordException e) {
            return RowOutcome.failed(row.row(),
                    List.of(new FieldError(e.field(), "unique", "another record already has this value")));
        }
    }

    /**
     * Reads a record.
     *
     * @return the groups the caller may read
     * @throws RecordNotFoundException when there is no such record or the caller may not know of it
     * @throws AccessDeniedException   when the caller is refused outright (purpose, scope)
     */
    public RecordView read(AccessContext ctx, String recordId) {
        return readAs(ctx, Operation.READ, recordId);
    }

    /** Reads the record linked to the caller (self service, {@code /me}). */
    public RecordView readOwn(AccessContext ctx) {
        return readAs(ctx, Operation.READ, ownRecordId(ctx));
    }

    /** Everything held in the record, for the student's export or an administrator's. */
    public RecordView export(AccessContext ctx, String recordId) {
        return readAs(ctx, Operation.EXPORT, recordId);
    }

    /** Everything held in the caller's own record (self service export, {@code /me/export}). */
    public SelfExport exportOwn(AccessContext ctx) {
        Located found = locate(ctx, Operation.EXPORT, ownRecordId(ctx), FieldGroup.ALL);
        RecordView record = decodeView(found.doc(), found.allowed().groups());
        // One decision, one audit entry: the history is part of what the export returns, not a second look-up.
        List<AuditEntry> log = new ArrayList<>();
        List<AuditEntry> page;
        do {
            page = audit.historyOf(record.id(), null, null, log.size(), EXPORT_PAGE);
            log.addAll(page);
        } while (page.size() == EXPORT_PAGE);
        return new SelfExport(record, log);
    }

    /** Page size used to collect a whole access history for an export. */
    private static final int EXPORT_PAGE = 1000;

    /** Looks a record up by its student number (a unique key), then reads it as {@link #read} does. */
    public RecordView findByStudentNumber(AccessContext ctx, String studentNumber) {
        return readAs(ctx, Operation.READ, records.idByStudentNumber(studentNumber).orElse(null));
    }

    /**
     * Looks a record up by resident ID number through its keyed hash; only a caller who may read the
     * identity group of the record finds it.
     */
    public RecordView findByResidentIdNumber(AccessContext ctx, String residentIdNumber) {
        String id = records.idByResidentIdHash(codec.residentIdHash(residentIdNumber)).orElse(null);
        return readRequiring(ctx, id, FieldGroup.IDENTITY);
    }

    /**
     * Looks records up by a student's or guardian's phone number through its keyed hash; returns those
     * whose contact group (student phone) or guardians group the caller may read. Each record found is a
     * read and is audited.
     */
    public List<RecordView> findByPhone(AccessContext ctx, String phone) {
        List<String> ids = codec.phoneHash(phone).map(records::idsByPhoneHash).orElse(List.of());
        return ids.stream().map(id -> {
            try {
                return Optional.of(readRequiring(ctx, id, null));
            } catch (RecordNotFoundException | AccessDeniedException e) {
                return Optional.<RecordView>empty();
            }
        }).flatMap(Optional::stream).filter(v -> v.contact() != null || v.guardians() != null).toList();
    }

    /**
     * Applies a JSON merge patch to a record, if it is still at {@code expectedVersion}.
     *
     * @throws StaleVersionException  when the record changed since that version; nothing is written
     * @throws InvalidRecordException when the result breaks a rule; nothing is written
     * @throws AccessDeniedException  when a touched group is not writable for the caller
     */
    public RecordView update(AccessContext ctx, String recordId, long expectedVersion, String mergePatch) {
        return patch(ctx, recordId, expectedVersion, mergePatch);
    }

    /** Applies a merge patch to the caller's own record (self service: contact and guardians only). */
    public RecordView updateOwn(AccessContext ctx, long expectedVersion, String mergePatch) {
        return patch(ctx, ownRecordId(ctx), expectedVersion, mergePatch);
    }

    /** The audit code of a student looking up their own access log. */
    public static final String READ_ACCESS_LOG = "READ_ACCESS_LOG";
    /** The audit code of a student confirming their own record is correct. */
    public static final String VERIFY = "VERIFY";
    /** How often {@link #confirmOwn} retries when a concurrent change moves the version under it. */
    private static final int CONFIRM_ATTEMPTS = 3;

    /**
     * The audit history of the caller's own record (self service), newest first. The look-up is decided as a
     * self-service read of the whole record, since the log tells who saw which of its groups, and is audited
     * as {@link #READ_ACCESS_LOG} without groups, because no record content is returned.
     *
     * @param from   earliest time included, or null
     * @param to     time excluded and everything after it, or null
     * @param offset entries to skip, at least 0
     * @param limit  at most this many entries, 1 to 1000
     * @throws RecordNotFoundException when the caller has no record
     * @throws AccessDeniedException   when the caller may not use self service
     */
    public List<AuditEntry> accessLogOwn(AccessContext ctx, Instant from, Instant to, int offset, int limit) {
        String recordId = ownRecordId(ctx);
        decideOwn(ctx, Operation.READ, recordId, FieldGroup.ALL, READ_ACCESS_LOG, Set.of());
        return audit.historyOf(recordId, from, to, offset, limit);
    }

    /** The audit code of a sign-in checking when the student last confirmed their record. */
    public static final String CONFIRMATION_CHECK = "CONFIRMATION_CHECK";
    /** The audit code of a token carrying claims from the student's own record. */
    public static final String TOKEN_CLAIMS = "TOKEN_CLAIMS";

    /**
     * When the caller last confirmed their own record, or when it was enrolled if they never have: the start of
     * the current periodic-verification period. Decided as a self-service read of the whole record and audited
     * as {@link #CONFIRMATION_CHECK} without groups, because no record content is returned.
     *
     * @throws RecordNotFoundException when the caller has no record
     * @throws AccessDeniedException   when the caller may not use self service
     */
    public Instant lastConfirmationOwn(AccessContext ctx) {
        String recordId = ownRecordId(ctx);
        Document doc = locate(ctx, Operation.READ, recordId, FieldGroup.ALL, new AuditLabel(CONFIRMATION_CHECK, Set.of()))
                .doc();
        StoredRecord dates = codec.decode(doc, Set.of(FieldGroup.PROFILE), null);
        return dates.verifiedAt() != null ? dates.verifiedAt() : dates.createdAt();
    }

    /**
     * The profile of the caller's own record, for claims of a token issued to the caller's client. Decided as
     * a self-service read of the profile group (so an external client gets nothing) and audited as
     * {@link #TOKEN_CLAIMS} with that group: every token that carries record data is on the student's access log.
     *
     * @return the record with its profile group only
     * @throws RecordNotFoundException when the caller has no record
     * @throws AccessDeniedException   when the caller may not use self service through this client
     */
    public RecordView readOwnProfileForToken(AccessContext ctx) {
        String recordId = ownRecordId(ctx);
        Located found = locate(ctx, Operation.READ, recordId, Set.of(FieldGroup.PROFILE),
                new AuditLabel(TOKEN_CLAIMS, Set.of(FieldGroup.PROFILE)));
        return decodeView(found.doc(), found.allowed().groups());
    }

    /**
     * The student confirms their own record is correct: writes a new version whose only change is
     * {@code verifiedAt}, set to the request's instant ({@link AccessContext#now()}: the clock the caller judges
     * the verification period on, so that both ends of the period are read from one clock). Decided as a self-service read of the whole record (a student confirms
     * what they can see; no group's content changes) and audited as {@link #VERIFY}. A concurrent change is
     * retried on the new version, so the confirmation is never lost to a race.
     *
     * @return the record as it is after the confirmation, every group the caller may read
     * @throws RecordNotFoundException when the caller has no record
     * @throws AccessDeniedException   when the caller may not use self service
     */
    public RecordView confirmOwn(AccessContext ctx) {
        String recordId = ownRecordId(ctx);
        AccessDecision.Allowed allowed = decideOwn(ctx, Operation.READ, recordId, FieldGroup.ALL, VERIFY, FieldGroup.ALL);
        for (int attempt = 1; ; attempt++) {
            Document doc = records.find(recordId).orElseThrow(RecordNotFoundException::new);
            long current = codec.header(doc).version();
            byte[] dataKey = dataKey(recordId);
            StoredRecord before = decodeSettled(doc, FieldGroup.ALL, dataKey);
            StoredRecord after = new StoredRecord(recordId, current + 1, before.ownerSubject(), before.content(),
                    before.createdAt(), before.updatedAt(), ctx.now().truncatedTo(ChronoUnit.MILLIS));
            if (writeVersion(after, dataKey, current)) {
                return view(after, allowed.groups());
            }
            if (attempt == CONFIRM_ATTEMPTS) {
                recorder.recordOutcome(ctx, Operation.READ, recordId, Set.of(), "STALE_VERSION");
                long now = records.find(recordId).map(d -> codec.header(d).version()).orElseThrow(RecordNotFoundException::new);
                throw new StaleVersionException(current, now);
            }
        }
    }

    /** The audit code of a student asking for a correction of their own record. */
    public static final String REQUEST_CORRECTION = "REQUEST_CORRECTION";
    /** The audit code of a student listing their own correction requests. */
    public static final String READ_CORRECTIONS = "READ_CORRECTIONS";
    /** The audit code of a reviewer reading a correction request with its values. */
    public static final String REVIEW_CORRECTION = "REVIEW_CORRECTION";
    /** The audit code of a reviewer approving (and so applying) a correction request. */
    public static final String APPROVE_CORRECTION = "APPROVE_CORRECTION";
    /** The audit code of a reviewer rejecting a correction request. */
    public static final String REJECT_CORRECTION = "REJECT_CORRECTION";
    /** The groups a correction request may change: the others the student changes directly. */
    private static final Set<FieldGroup> CORRECTABLE = Set.of(FieldGroup.PROFILE, FieldGroup.IDENTITY);
    /** The longest reason or note kept with a correction request. */
    private static final int MAX_CORRECTION_TEXT = 1000;

    /**
     * A student asks for a correction of {@code profile} or {@code identity} fields of their own record. Decided as a
     * self-service read of the record (the student asks about what they can see) and audited once as
     * {@link #REQUEST_CORRECTION} with the groups named, whatever the outcome. The record does not change; the request
     * keeps the patch and the groups' values before and after, sealed with the record's data key.
     *
     * @param mergePatch a JSON merge patch of the record limited to {@code profile} and {@code identity}
     * @param reason     why, in the student's words (1 to 1000 characters)
     * @throws InvalidRecordException  when the patch touches another group, changes nothing, or would make the record
     *                                 invalid (field errors as for an update), or the reason is missing or too long
     * @throws InvalidPatchException   when the patch is not a JSON object
     * @throws RecordNotFoundException when the caller has no record
     * @throws AccessDeniedException   when the caller may not use self service
     */
    public CorrectionRequest requestCorrectionOwn(AccessContext ctx, String mergePatch, String reason) {
        String recordId = ownRecordId(ctx);
        RecordMergePatch patch = null;
        RecordStoreException unreadable = null;
        try {
            patch = RecordMergePatch.parse(mergePatch);
        } catch (InvalidPatchException | InvalidRecordException e) {
            unreadable = e;
        }
        Set<FieldGroup> named = patch == null ? Set.of() : patch.touchedGroups();
        Located found = locate(ctx, Operation.READ, recordId, FieldGroup.ALL, new AuditLabel(REQUEST_CORRECTION, named));
        if (unreadable != null) {
            throw unreadable;
        }
        List<FieldError> refused = new ArrayList<>();
        named.stream().filter(g -> !CORRECTABLE.contains(g)).sorted().forEach(g -> refused.add(new FieldError(
                g.jsonName(), "not-correctable", "is changed by the student directly, not by a correction request")));
        textError("reason", reason).ifPresent(refused::add);
        if (!refused.isEmpty()) {
            throw new InvalidRecordException(refused);
        }
        byte[] dataKey = dataKey(recordId);
        StoredRecord before = decodeSettled(found.doc(), FieldGroup.ALL, dataKey);
        StudentRecord after = patch.applyTo(before.content());
        requireValid(after);
        if (after.equals(before.content())) {
            throw new InvalidRecordException(List.of(new FieldError("changes", "no-change", "changes nothing in the record")));
        }
        String id = UUID.randomUUID().toString();
        boolean profile = named.contains(FieldGroup.PROFILE);
        boolean identity = named.contains(FieldGroup.IDENTITY);
        CorrectionContent content = new CorrectionContent(mergePatch, reason.strip(),
                profile ? before.content().profile() : null, profile ? after.profile() : null,
                identity ? before.content().identity() : null, identity ? after.identity() : null);
        Document doc = new Document(CorrectionCollection.ID, id)
                .append(CorrectionCollection.RECORD, recordId)
                .append(CorrectionCollection.STATUS, CorrectionStatus.PENDING.name())
                .append(CorrectionCollection.GROUPS, named.stream().sorted().map(FieldGroup::jsonName).toList())
                .append(CorrectionCollection.BASE_VERSION, before.version())
                .append(CorrectionCollection.REQUESTED_AT, java.util.Date.from(now()))
                .append(CorrectionCollection.SEALED, new Binary(CorrectionSeal.sealContent(dataKey, id, recordId, content)));
        corrections.add(doc);
        return correction(doc, dataKey);
    }

    /**
     * The caller's own correction requests, newest first. Decided as a self-service read of the record and audited
     * once as {@link #READ_CORRECTIONS}, without groups: no record content is returned.
     *
     * @throws RecordNotFoundException when the caller has no record
     * @throws AccessDeniedException   when the caller may not use self service
     */
    public List<CorrectionRequest> correctionsOwn(AccessContext ctx) {
        String recordId = ownRecordId(ctx);
        locate(ctx, Operation.READ, recordId, FieldGroup.ALL, new AuditLabel(READ_CORRECTIONS, Set.of()));
        byte[] dataKey = dataKey(recordId);
        List<CorrectionRequest> list = new ArrayList<>(corrections.ofRecord(recordId).stream()
                .map(doc -> correction(doc, dataKey)).toList());
        // The list is in the order the requests were made: reversed, requests of the same millisecond stay newest first.
        java.util.Collections.reverse(list);
        list.sort(java.util.Comparator.comparing(CorrectionRequest::requestedAt).reversed());
        return list;
    }

    /**
     * The pending correction requests the caller may review, oldest first, with their values. Only the centre reviews
     * (see {@link #requireReviewer}). Each one shown is a read of its record's touched groups, decided and audited as
     * {@link #REVIEW_CORRECTION}; those the caller may not read are left out (and their refusal audited too).
     *
     * @throws AccessDeniedException when the caller is not an administrator with {@code student.admin}
     */
    public List<CorrectionReview> pendingCorrections(AccessContext ctx) {
        requireReviewer(ctx, REVIEW_CORRECTION, null);
        List<CorrectionReview> reviews = new ArrayList<>();
        for (Document doc : corrections.pending()) {
            String recordId = doc.getString(CorrectionCollection.RECORD);
            Set<FieldGroup> groups = correctionGroups(doc);
            try {
                locate(ctx, Operation.READ, recordId, groups, new AuditLabel(REVIEW_CORRECTION, groups));
                byte[] dataKey = dataKey(recordId);
                reviews.add(review(doc, dataKey));
            } catch (RecordNotFoundException | AccessDeniedException e) {
                // Not the caller's to review, or the record is gone: not listed.
            }
        }
        return reviews;
    }

    /**
     * Approves a pending correction request: applies its patch to the record as it is now, validated, as a new
     * version. Decided as an update of the touched groups and audited once as {@link #APPROVE_CORRECTION}. The touched
     * groups must still be as they were when the request was made; otherwise nothing changes and the request stays
     * pending (the reviewer rejects it, and the student asks again on the current record).
     *
     * @param note a note for the student, or {@code null}
     * @throws AccessDeniedException       when the caller is not an administrator with {@code student.admin}, or may
     *                                     not write the touched groups
     * @throws CorrectionNotFoundException when there is no such request
     * @throws CorrectionDecidedException  when it is no longer pending
     * @throws StaleVersionException       when the touched groups changed since the request, or the record changed
     *                                     while the correction was applied
     * @throws InvalidRecordException      when the corrected record would now be invalid
     * @throws DuplicateRecordException    when the corrected record would take another record's unique key
     */
    public CorrectionRequest approveCorrection(AccessContext ctx, String correctionId, String note) {
        Document request = findCorrection(ctx, correctionId, APPROVE_CORRECTION);
        String recordId = request.getString(CorrectionCollection.RECORD);
        Set<FieldGroup> groups = correctionGroups(request);
        requireReviewer(ctx, APPROVE_CORRECTION, recordId);
        Located found = locate(ctx, Operation.UPDATE, recordId, groups, new AuditLabel(APPROVE_CORRECTION, groups));
        requirePending(request);
        if (note != null) {
            textError("note", note).ifPresent(e -> {
                throw new InvalidRecordException(List.of(e));
            });
        }
        byte[] dataKey = dataKey(recordId);
        CorrectionContent content = CorrectionSeal.openContent(dataKey, correctionId, recordId,
                request.get(CorrectionCollection.SEALED, Binary.class).getData());
        StoredRecord current = decodeSettled(found.doc(), FieldGroup.ALL, dataKey);
        boolean unchanged = (content.profileBefore() == null || content.profileBefore().equals(current.content().profile()))
                && (content.identityBefore() == null || content.identityBefore().equals(current.content().identity()));
        long base = request.getLong(CorrectionCollection.BASE_VERSION);
        if (!unchanged) {
            throw new StaleVersionException(base, current.version());
        }
        StudentRecord corrected = RecordMergePatch.parse(content.patch()).applyTo(current.content());
        requireValid(corrected);
        if (!corrections.transition(correctionId, CorrectionStatus.PENDING.name(),
                Updates.set(CorrectionCollection.STATUS, APPLYING))) {
            throw new CorrectionDecidedException();
        }
        StoredRecord after = new StoredRecord(recordId, current.version() + 1, current.ownerSubject(), corrected,
                current.createdAt(), now(), current.verifiedAt());
        boolean written;
        try {
            written = writeVersion(after, dataKey, current.version());
        } catch (RuntimeException e) {
            corrections.transition(correctionId, APPLYING, Updates.set(CorrectionCollection.STATUS, CorrectionStatus.PENDING.name()));
            throw e;
        }
        if (!written) {
            corrections.transition(correctionId, APPLYING, Updates.set(CorrectionCollection.STATUS, CorrectionStatus.PENDING.name()));
            long now = records.find(recordId).map(d -> codec.header(d).version()).orElseThrow(RecordNotFoundException::new);
            throw new StaleVersionException(current.version(), now);
        }
        return decide(ctx, request, APPLYING, CorrectionStatus.APPROVED, note, after.version(), dataKey);
    }

    /**
     * Rejects a pending correction request with a reason; the record does not change. Decided as an update of the
     * touched groups (who could apply the correction may refuse it) and audited once as {@link #REJECT_CORRECTION},
     * without groups.
     *
     * @param reason why, for the student (1 to 1000 characters)
     * @throws AccessDeniedException       when the caller is not an administrator with {@code student.admin}, or may
     *                                     not write the touched groups
     * @throws CorrectionNotFoundException when there is no such request
     * @throws CorrectionDecidedException  when it is no longer pending
     * @throws InvalidRecordException      when the reason is missing or too long
     */
    public CorrectionRequest rejectCorrection(AccessContext ctx, String correctionId, String reason) {
        Document request = findCorrection(ctx, correctionId, REJECT_CORRECTION);
        String recordId = request.getString(CorrectionCollection.RECORD);
        requireReviewer(ctx, REJECT_CORRECTION, recordId);
        locate(ctx, Operation.UPDATE, recordId, correctionGroups(request), new AuditLabel(REJECT_CORRECTION, Set.of()));
        requirePending(request);
        textError("reason", reason).ifPresent(e -> {
            throw new InvalidRecordException(List.of(e));
        });
        return decide(ctx, request, CorrectionStatus.PENDING.name(), CorrectionStatus.REJECTED, reason, null,
                dataKey(recordId));
    }

    /**
     * The correction request a reviewer names. A request that does not exist is still a call to account for: the
     * caller is decided first (so a refusal is the 403 every request gets, audited under {@code auditCode}), and a
     * reviewer's miss is audited as a refusal before the 404, so the call leaves its one entry.
     */
    private Document findCorrection(AccessContext ctx, String correctionId, String auditCode) {
        Optional<Document> found = correctionId == null ? Optional.empty() : corrections.find(correctionId);
        if (found.isEmpty()) {
            requireReviewer(ctx, auditCode, null);
            recorder.recordEvent(ctx, auditCode, null, List.of(), Decision.DENY, CORRECTION_NOT_FOUND);
            throw new CorrectionNotFoundException();
        }
        return found.get();
    }

    /** The audit reason of a review naming a correction request that does not exist. */
    private static final String CORRECTION_NOT_FOUND = "CORRECTION_NOT_FOUND";

    /** The status of a request whose approval is being applied: no second reviewer can take it meanwhile. */
    private static final String APPLYING = "APPLYING";

    private CorrectionRequest decide(AccessContext ctx, Document request, String from, CorrectionStatus to, String note,
            Long appliedVersion, byte[] dataKey) {
        String id = request.getString(CorrectionCollection.ID);
        String recordId = request.getString(CorrectionCollection.RECORD);
        List<org.bson.conversions.Bson> changes = new ArrayList<>(List.of(
                Updates.set(CorrectionCollection.STATUS, to.name()),
                Updates.set(CorrectionCollection.DECIDED_AT, java.util.Date.from(now())),
                Updates.set(CorrectionCollection.DECIDED_BY, ctx.subject() != null ? ctx.subject() : ctx.clientId())));
        if (note != null && !note.isBlank()) {
            changes.add(Updates.set(CorrectionCollection.NOTE,
                    new Binary(CorrectionSeal.sealNote(dataKey, id, recordId, note.strip()))));
        }
        if (appliedVersion != null) {
            changes.add(Updates.set(CorrectionCollection.APPLIED_VERSION, appliedVersion));
        }
        if (!corrections.transition(id, from, Updates.combine(changes))) {
            throw new CorrectionDecidedException();
        }
        corrections.unlistPending(id);
        return correction(corrections.find(id).orElseThrow(CorrectionNotFoundException::new), dataKey);
    }

    /**
     * Reviewing correction requests is the centre's work: the caller must be allowed what enrolment needs (an
     * administrator with {@code student.admin} and a purpose), decided by the one policy. A refusal is audited under
     * {@code auditCode} and thrown; an allowed caller is audited by the record decision that follows, so a call still
     * leaves one entry per record it touches.
     */
    private void requireReviewer(AccessContext ctx, String auditCode, String recordId) {
        AccessDecision decision = policy.decide(ctx, Operation.CREATE, null, FieldGroup.ALL);
        if (!(decision instanceof AccessDecision.Allowed)) {
            recorder.recordAs(ctx, auditCode, recordId, decision, Set.of());
            requireAllowed(decision);
        }
    }

    private static void requirePending(Document request) {
        if (!CorrectionStatus.PENDING.name().equals(request.getString(CorrectionCollection.STATUS))) {
            throw new CorrectionDecidedException();
        }
    }

    private static Optional<FieldError> textError(String field, String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(new FieldError(field, "required", "is required"));
        }
        if (text.strip().length() > MAX_CORRECTION_TEXT) {
            return Optional.of(new FieldError(field, "size", "must be at most " + MAX_CORRECTION_TEXT + " characters"));
        }
        return Optional.empty();
    }

    private static Set<FieldGroup> correctionGroups(Document request) {
        return request.getList(CorrectionCollection.GROUPS, String.class).stream()
                .map(name -> FieldGroup.fromJsonName(name).orElseThrow())
                .collect(java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(FieldGroup.class)));
    }

    private CorrectionRequest correction(Document doc, byte[] dataKey) {
        String id = doc.getString(CorrectionCollection.ID);
        String recordId = doc.getString(CorrectionCollection.RECORD);
        CorrectionContent content = CorrectionSeal.openContent(dataKey, id, recordId,
                doc.get(CorrectionCollection.SEALED, Binary.class).getData());
        String stored = doc.getString(CorrectionCollection.STATUS);
        // A request caught while its approval is applied still reads as pending: it is not decided yet.
        CorrectionStatus status = APPLYING.equals(stored) ? CorrectionStatus.PENDING : CorrectionStatus.valueOf(stored);
        java.util.Date decidedAt = status == CorrectionStatus.PENDING ? null : doc.getDate(CorrectionCollection.DECIDED_AT);
        CorrectionOutcome outcome = null;
        if (status != CorrectionStatus.PENDING) {
            Binary note = doc.get(CorrectionCollection.NOTE, Binary.class);
            outcome = new CorrectionOutcome(status,
                    note == null ? null : CorrectionSeal.openNote(dataKey, id, recordId, note.getData()),
                    doc.getLong(CorrectionCollection.APPLIED_VERSION));
        }
        return new CorrectionRequest(id, recordId, status, correctionGroups(doc), content.reason(),
                doc.getDate(CorrectionCollection.REQUESTED_AT).toInstant(),
                decidedAt == null ? null : decidedAt.toInstant(), outcome);
    }

    private CorrectionReview review(Document doc, byte[] dataKey) {
        String id = doc.getString(CorrectionCollection.ID);
        CorrectionContent content = CorrectionSeal.openContent(dataKey, id, doc.getString(CorrectionCollection.RECORD),
                doc.get(CorrectionCollection.SEALED, Binary.class).getData());
        return new CorrectionReview(correction(doc, dataKey), doc.getLong(CorrectionCollection.BASE_VERSION),
                content.profileBefore(), content.profileAfter(), content.identityBefore(), content.identityAfter());
    }

    /**
     * Destroys a record: its data key first (so every copy of its encrypted fields, backups included, is
     * unreadable from then on), then the record itself. The change feed tells the search index. The caller's
     * right to purge is decided here; the four-eyes approval that precedes it is the caller's business.
     */
    public Destruction destroy(AccessContext ctx, String recordId, String reason) {
        Document doc = locate(ctx, Operation.PURGE, recordId, FieldGroup.ALL).doc();
        return erase(codec.header(doc), reason);
    }

    /** A destruction the realm's retention rules decided; the run audits it before it calls. */
    private Destruction eraseByRule(String recordId, String reason) {
        Document doc = records.find(recordId).orElseThrow(RecordNotFoundException::new);
        return erase(codec.header(doc), reason);
    }

    /** The one destruction path: feed intent, erasure ledger, data key, record, archive. */
    private Destruction erase(RecordHeader header, String reason) {
        String recordId = header.id();
        long intent = feed.intendRemoval(recordId);
        // Into the ledger before the key goes: a crash in between leaves an id a restore destroys again (the
        // destruction was decided), never a destroyed key the ledger lacks, which an old backup would bring back.
        erasures.append(recordId, now());
        keys.destroy(recordId);
        records.delete(recordId);
        // Sealed under the key just destroyed, the archive is unreadable already; it goes too, so nothing is left.
        archives.deleteOne(com.mongodb.client.model.Filters.eq("_id", recordId));
        headers.remove(recordId);
        return new Destruction(recordId, header.version(), now(), reason, intent);
    }

    /**
     * The Keycloak users whose records a grant covers, to tell them about it (rule 7.4: students see who can reach
     * their record). A scan of the record headers: call it off the request path. Nothing is decided or returned
     * about record contents, so nothing is audited here; the notice itself is the student's own business.
     */
    public List<String> ownersCoveredBy(Grant grant) {
        List<String> owners = new ArrayList<>();
        records.forEachHeader(header -> {
            if (header.ownerSubject() != null && grant.covers(target(header))) {
                owners.add(header.ownerSubject());
            }
        });
        return owners;
    }

    /** Retention: the policy, archives of leavers, legal holds, paper copies and the retention run (rules 6.1 to 6.3). */
    public Retention retention() {
        return retention;
    }

    /** The paper copies registered for a record, for its destruction certificate. */
    List<PaperCopy> paperCopiesOf(String recordId) {
        return retention.registeredPaperCopies(recordId);
    }

    /**
     * The Keycloak user a record is linked to, to tell them about a decision on their request. Decides and returns
     * nothing about record content, so it is not audited; empty when the record has no owner or is gone.
     */
    public Optional<String> ownerOf(String recordId) {
        return storedHeader(recordId).map(RecordHeader::ownerSubject);
    }

    /** The realm's access grants for outside bodies. */
    public AccessGrants grants() {
        return grants;
    }

    /** The security self-check (rule 7.3). */
    public SecuritySelfCheck selfCheck() {
        return selfCheck;
    }

    /** The centre's duties that touch no record (settings, backups): decided by the one policy and audited once. */
    public CentreDuties duties() {
        return new CentreDuties(policy, recorder);
    }

    /** Supervision: the audit trail for supervisors and administrators. */
    public AuditReview auditReview() {
        return review;
    }

    /**
     * Runs one search under the store's access decision and audit: asks {@link AccessPolicy#searchScope} once,
     * hands an allowed scope to {@code search} (the search index), and appends exactly one audit entry before
     * returning: {@code SEARCH} refused with the reason, or allowed naming the ids of the records returned. A
     * search that throws is audited as allowed with reason {@code SEARCH_FAILED} and no ids.
     *
     * @param ctx         the caller; not null
     * @param search      runs the search within the scope; not null
     * @param returnedIds the ids of the records a result hands to the caller; not null
     * @return what {@code search} returned
     * @throws AccessDeniedException when the caller may not search (HTTP 403, the same for every query)
     */
    public <R> R search(AccessContext ctx, Function<SearchScope.Matching, R> search,
            Function<? super R, List<String>> returnedIds) {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(returnedIds, "returnedIds");
        SearchScope scope = policy.searchScope(ctx);
        if (scope instanceof SearchScope.Refused refused) {
            recorder.recordSearch(ctx, scope, List.of());
            throw new AccessDeniedException(new AccessDecision.Denied(refused.reason(),
                    AccessDecision.Visibility.FORBIDDEN));
        }
        SearchScope.Matching matching = (SearchScope.Matching) scope;
        R result;
        List<String> ids;
        try {
            result = search.apply(matching);
            ids = List.copyOf(returnedIds.apply(result));
        } catch (RuntimeException e) {
            recorder.recordFailedSearch(ctx, matching);
            throw e;
        }
        recorder.recordSearch(ctx, matching, ids);
        return result;
    }

    /** Purge requests and their four-eyes approval; the way records are destroyed on request. */
    public PurgeRequests purgeRequests() {
        return purges;
    }

    /** The access facts of a stored record, without deciding or auditing anything: for {@link PurgeRequests}. */
    Optional<RecordHeader> storedHeader(String recordId) {
        return recordId == null ? Optional.empty() : records.find(recordId).map(codec::header);
    }

    /** The id of the record linked to a Keycloak user, by the unique owner key. */
    Optional<String> recordIdOwnedBy(String subject) {
        return records.idByOwner(subject);
    }

    /**
     * Unlinks a record from a Keycloak user that was removed: a new version without an owner, content unchanged,
     * through the change feed like every write. Retried on a concurrent change; does nothing when the record is gone
     * or linked to someone else by now.
     */
    void unlinkOwner(String recordId, String subject) {
        for (int attempt = 1; ; attempt++) {
            Optional<Document> doc = records.find(recordId);
            if (doc.isEmpty() || !subject.equals(codec.header(doc.get()).ownerSubject())) {
                return;
            }
            long current = codec.header(doc.get()).version();
            byte[] dataKey = dataKey(recordId);
            StoredRecord before = decodeSettled(doc.get(), FieldGroup.ALL, dataKey);
            StoredRecord after = new StoredRecord(recordId, current + 1, null, before.content(), before.createdAt(),
                    now(), before.verifiedAt());
            if (writeVersion(after, dataKey, current)) {
                return;
            }
            if (attempt == CONFIRM_ATTEMPTS) {
                throw new StaleVersionException(current, current + 1);
            }
        }
    }

    /**
     * Decides a self-service look at facts about the caller's own record that returns none of its content (such as
     * who can reach it), and audits it under {@code auditCode} without groups: one entry per call.
     *
     * @return the record's id and unit
     * @throws RecordNotFoundException when the caller has no record
     * @throws AccessDeniedException   when the caller may not use self service
     */
    public OwnRecord ownRecord(AccessContext ctx, String auditCode) {
        String recordId = ownRecordId(ctx);
        Located found = locate(ctx, Operation.READ, recordId, FieldGroup.ALL, new AuditLabel(auditCode, Set.of()));
        return new OwnRecord(recordId, codec.header(found.doc()).unit());
    }

    /** Students' misuse reports about their own records, decided and audited on the same path as every operation. */
    public MisuseReports misuseReports() {
        return misuseReports;
    }

    /** The change feed, for the search index. */
    public ChangeFeed changes() {
        return feed;
    }

    /** The audit trail (read-only use: its entries are appended by the store itself). */
    public AuditTrail auditTrail() {
        return audit;
    }

    /** Checks the audit trail's hash chain end to end. */
    public ChainVerification verifyAudit() {
        return audit.verify();
    }

    private RecordView patch(AccessContext ctx, String recordId, long expectedVersion, String mergePatch) {
        RecordMergePatch patch = RecordMergePatch.parse(mergePatch);
        Document doc = locate(ctx, Operation.UPDATE, recordId, patch.touchedGroups()).doc();
        long current = codec.header(doc).version();
        if (current != expectedVersion) {
            throw new StaleVersionException(expectedVersion, current);
        }
        byte[] dataKey = dataKey(recordId);
        StoredRecord before = decodeSettled(doc, FieldGroup.ALL, dataKey);
        StudentRecord content = patch.applyTo(before.content());
        requireValid(content);
        StoredRecord after = new StoredRecord(recordId, current + 1, before.ownerSubject(), content,
                before.createdAt(), now(), before.verifiedAt());
        if (!writeVersion(after, dataKey, expectedVersion)) {
            recorder.recordOutcome(ctx, Operation.UPDATE, recordId, patch.touchedGroups(), "STALE_VERSION");
            long now = records.find(recordId).map(d -> codec.header(d).version()).orElseThrow(RecordNotFoundException::new);
            throw new StaleVersionException(expectedVersion, now);
        }
        // Echo back only what the caller wrote and may also read: a partial patch must not reveal the rest of a group.
        AccessTarget changed = new AccessTarget(recordId, after.ownerSubject(), UnitPath.parse(content.profile().unit()));
        Set<FieldGroup> echoed = policy.decide(ctx, Operation.READ, changed, patch.touchedGroups())
                instanceof AccessDecision.Allowed readable ? readable.groups() : Set.of();
        return view(after, echoed);
    }

    /**
     * Writes {@code after} if the record is still at {@code expectedVersion}: the change feed's intent first,
     * then the record; an intent whose write was refused or failed is marked abandoned.
     *
     * @return false when the record moved on since {@code expectedVersion}; nothing was written
     */
    private boolean writeVersion(StoredRecord after, byte[] dataKey, long expectedVersion) {
        long intent = feed.intendUpsert(after.id(), after.version());
        boolean written;
        try {
            written = records.replaceIfVersion(codec.encode(after, dataKey), expectedVersion);
        } catch (RuntimeException e) {
            feed.abandon(intent);
            throw e;
        }
        if (!written) {
            feed.abandon(intent);
            return false;
        }
        headers.put(new RecordHeader(after.id(), after.version(), after.ownerSubject(), after.content().profile().unit()));
        return true;
    }

    private RecordView readAs(AccessContext ctx, Operation operation, String recordId) {
        Located found = locate(ctx, operation, recordId, FieldGroup.ALL);
        return decodeView(found.doc(), found.allowed().groups());
    }

    private RecordView readRequiring(AccessContext ctx, String recordId, FieldGroup required) {
        Located found = locate(ctx, Operation.READ, recordId, FieldGroup.ALL);
        if (required != null && !found.allowed().groups().contains(required)) {
            throw new RecordNotFoundException();
        }
        return decodeView(found.doc(), found.allowed().groups());
    }

    /**
     * Finds the record, decides, audits the decision, and returns the stored document only when allowed.
     * A missing record is decided against a unit no one holds, so a refusal that does not depend on the
     * record (purpose, scope) is still reported as such, and everything else as "not found".
     */
    private Located locate(AccessContext ctx, Operation operation, String recordId, Set<FieldGroup> requested) {
        return locate(ctx, operation, recordId, requested, null);
    }

    private Located locate(AccessContext ctx, Operation operation, String recordId, Set<FieldGroup> requested,
            AuditLabel label) {
        boolean read = operation == Operation.READ || operation == Operation.EXPORT;
        Optional<RecordHeader> hint = recordId == null || !read ? Optional.empty() : headers.get(recordId);
        if (hint.isPresent()) {
            return locateDecidedEarly(ctx, operation, hint.get(), requested, label);
        }
        Optional<Document> doc = recordId == null ? Optional.empty() : records.find(recordId);
        doc.ifPresent(d -> headers.put(codec.header(d)));
        AccessTarget target = doc.map(d -> target(codec.header(d)))
                .orElseGet(() -> new AccessTarget(recordId == null ? "none" : recordId, null, NOWHERE));
        AccessDecision decision = policy.decide(ctx, operation, target, requested);
        if (doc.isEmpty() && decision instanceof AccessDecision.Allowed) {
            recorder.recordMissing(ctx, operation, recordId);
            throw new RecordNotFoundException();
        }
        audit(ctx, operation, recordId, decision, label);
        // A refusal wins over a missing record: who may not use this door learns that, not whether a record exists.
        AccessDecision.Allowed allowed = requireAllowed(decision);
        return new Located(doc.orElseThrow(RecordNotFoundException::new), allowed);
    }

    /**
     * A read of a record whose access facts were seen before: decided on them and audited while the record
     * is fetched, then confirmed against the stored record. When the stored facts differ (the record moved
     * to another unit, or is gone) the read is decided again on them and that decision is audited too, as a
     * revision of the first; only the confirmed decision is acted on.
     */
    private Located locateDecidedEarly(AccessContext ctx, Operation operation, RecordHeader hint, Set<FieldGroup> requested,
            AuditLabel label) {
        String recordId = hint.id();
        Future<Optional<Document>> fetch = fetcher.submit(() -> records.find(recordId));
        AccessDecision early;
        try {
            early = policy.decide(ctx, operation, target(hint), requested);
            audit(ctx, operation, recordId, early, label);
        } catch (RuntimeException e) {
            fetch.cancel(false);
            throw e;
        }
        Optional<Document> doc = awaitFetch(fetch);
        Optional<RecordHeader> stored = doc.map(codec::header);
        if (stored.isPresent() && RecordHeaderCache.sameAccessFacts(hint, stored.get())) {
            return new Located(doc.get(), requireAllowed(early));
        }
        stored.ifPresentOrElse(headers::put, () -> headers.remove(recordId));
        AccessDecision confirmed = stored.isPresent()
                ? policy.decide(ctx, operation, target(stored.get()), requested)
                : policy.decide(ctx, operation, new AccessTarget(recordId, null, NOWHERE), requested);
        if (stored.isEmpty() && confirmed instanceof AccessDecision.Allowed) {
            recorder.recordMissing(ctx, operation, recordId);
            throw new RecordNotFoundException();
        }
        if (!confirmed.equals(early)) {
            audit(ctx, operation, recordId, confirmed, label);
        }
        AccessDecision.Allowed allowed = requireAllowed(confirmed);
        return new Located(doc.orElseThrow(RecordNotFoundException::new), allowed);
    }

    private static Optional<Document> awaitFetch(Future<Optional<Document>> fetch) {
        try {
            return fetch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a record", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("reading a record failed", e.getCause());
        }
    }

    /** Decides a self-service operation on the caller's own record and audits it under {@code auditCode} with {@code touched}. */
    private AccessDecision.Allowed decideOwn(AccessContext ctx, Operation operation, String recordId,
            Set<FieldGroup> requested, String auditCode, Set<FieldGroup> touched) {
        return locate(ctx, operation, recordId, requested, new AuditLabel(auditCode, touched)).allowed();
    }

    /**
     * How an operation is written to the audit trail when it is not simply the operation with the groups it
     * was allowed: a code of its own and the groups it touched.
     */
    private record AuditLabel(String code, Set<FieldGroup> groups) {
    }

    private void audit(AccessContext ctx, Operation operation, String recordId, AccessDecision decision, AuditLabel label) {
        if (label == null) {
            recorder.record(ctx, operation, recordId, decision);
        } else {
            recorder.recordAs(ctx, label.code(), recordId, decision, label.groups());
        }
    }

    /** A stored record and the decision that allowed reaching it. */
    private record Located(Document doc, AccessDecision.Allowed allowed) {
    }

    private String ownRecordId(AccessContext ctx) {
        return ctx.subject() == null ? null : records.idByOwner(ctx.subject()).orElse(null);
    }

    /** Now, to the millisecond: what MongoDB keeps, so that what a write returns equals what a read gives back. */
    private Instant now() {
        return settings.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static AccessDecision.Allowed requireAllowed(AccessDecision decision) {
        if (decision instanceof AccessDecision.Allowed allowed) {
            return allowed;
        }
        AccessDecision.Denied denied = (AccessDecision.Denied) decision;
        if (denied.visibility() == AccessDecision.Visibility.NOT_FOUND) {
            throw new RecordNotFoundException();
        }
        throw new AccessDeniedException(denied);
    }

    private void requireValid(StudentRecord content) {
        List<FieldError> errors = validator.validate(content);
        if (!errors.isEmpty()) {
            throw new InvalidRecordException(errors);
        }
    }

    private byte[] dataKey(String recordId) {
        // A record whose key is gone is being destroyed: it no longer exists for anyone.
        return keys.find(recordId).orElseThrow(RecordNotFoundException::new);
    }

    private RecordView decodeView(Document doc, Set<FieldGroup> groups) {
        boolean sensitive = groups.stream().anyMatch(FieldGroup::sensitive);
        byte[] dataKey = sensitive ? dataKey(doc.getString("_id")) : null;
        return view(decodeSettled(doc, groups, dataKey), groups);
    }

    /**
     * Opens a stored document. The embedded engine may hand out a document while a change to it is being
     * applied, so that its sealed groups do not match its version and fail to open; such a read is retried
     * on a fresh copy. A copy whose access facts (owner, unit) differ from those the read was decided on is
     * not used: the read then finds nothing, rather than return what another decision would have refused.
     * A ciphertext that still fails to open is a real fault and is thrown.
     */
    private StoredRecord decodeSettled(Document doc, Set<FieldGroup> groups, byte[] dataKey) {
        RecordHeader decidedOn = codec.header(doc);
        Document copy = doc;
        for (int attempt = 1; ; attempt++) {
            try {
                return codec.decode(copy, groups, dataKey);
            } catch (UnreadableCiphertextException torn) {
                if (attempt >= TORN_READ_ATTEMPTS) {
                    throw torn;
                }
                copy = records.find(decidedOn.id()).orElseThrow(RecordNotFoundException::new);
                if (!RecordHeaderCache.sameAccessFacts(decidedOn, codec.header(copy))) {
                    throw new RecordNotFoundException();
                }
            }
        }
    }

    /** How often a read is tried on fresh copies before a ciphertext that will not open counts as a fault. */
    private static final int TORN_READ_ATTEMPTS = 5;

    private static AccessTarget target(RecordHeader header) {
        return new AccessTarget(header.id(), header.ownerSubject(), UnitPath.parse(header.unit()));
    }

    private static RecordView view(StoredRecord record, Set<FieldGroup> groups) {
        StudentRecord c = record.content();
        return new RecordView(record.id(), record.version(), groups,
                groups.contains(FieldGroup.PROFILE) ? c.profile() : null,
                groups.contains(FieldGroup.IDENTITY) ? c.identity() : null,
                groups.contains(FieldGroup.CONTACT) ? c.contact() : null,
                groups.contains(FieldGroup.GUARDIANS) ? c.guardians() : null,
                record.updatedAt(), record.verifiedAt());
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
        audit.close();
        if (ownsClient) {
            client.close();
        }
    }
}
