package edu.studentrecords.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.audit.AuditEpochs;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.backup.Backups;
import edu.studentrecords.store.backup.ErasureLedger;
import edu.studentrecords.store.check.SecuritySelfCheck;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.consent.Consents;
import edu.studentrecords.store.grants.AccessGrants;
import edu.studentrecords.store.internal.consent.ConsentLedger;
import edu.studentrecords.store.internal.consent.GatedConsents;
import edu.studentrecords.store.guardians.Guardians;
import edu.studentrecords.store.internal.gate.GuardianGate;
import edu.studentrecords.store.internal.guardians.GatedGuardians;
import edu.studentrecords.store.internal.guardians.GuardianLinkRegister;
import edu.studentrecords.store.internal.audit.GatedAuditReview;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import edu.studentrecords.store.internal.backup.BackupDesk;
import edu.studentrecords.store.internal.backup.StoreCollections;
import edu.studentrecords.store.internal.check.MongoSelfCheck;
import edu.studentrecords.store.internal.crypto.BlindIndex;
import edu.studentrecords.store.internal.crypto.DataKeyVault;
import edu.studentrecords.store.internal.crypto.SecretKeyFile;
import edu.studentrecords.store.internal.gate.RecordGate;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.grants.MongoAccessGrants;
import edu.studentrecords.store.internal.mongo.CorrectionCollection;
import edu.studentrecords.store.internal.mongo.GrantCollection;
import edu.studentrecords.store.internal.mongo.MongoChangeFeed;
import edu.studentrecords.store.internal.mongo.PurgeRequestCollection;
import edu.studentrecords.store.internal.mongo.RecordCodec;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.internal.records.CorrectionDesk;
import edu.studentrecords.store.internal.records.GatedRecords;
import edu.studentrecords.store.internal.records.GatedSelfService;
import edu.studentrecords.store.internal.records.KeptAboutRecord;
import edu.studentrecords.store.internal.records.PurgeDesk;
import edu.studentrecords.store.internal.records.RecordOwnerIndex;
import edu.studentrecords.store.internal.records.RecordVault;
import edu.studentrecords.store.internal.records.RecordWrites;
import edu.studentrecords.store.internal.reports.MongoMisuseReports;
import edu.studentrecords.store.internal.retention.GatedRetention;
import edu.studentrecords.store.internal.retention.HoldRegister;
import edu.studentrecords.store.internal.retention.PaperCopyRegister;
import edu.studentrecords.store.internal.people.GatedPeopleDirectory;
import edu.studentrecords.store.internal.settings.GatedRealmSettings;
import edu.studentrecords.store.internal.applications.GatedApplications;
import edu.studentrecords.store.applications.Applications;
import edu.studentrecords.store.incidents.Incidents;
import edu.studentrecords.store.internal.gate.NoticeGate;
import edu.studentrecords.store.internal.incidents.IncidentBook;
import edu.studentrecords.store.internal.notices.ChangeRecipients;
import edu.studentrecords.store.internal.notices.GatedStudentNotices;
import edu.studentrecords.store.internal.notices.NoticeBook;
import edu.studentrecords.store.internal.notices.ReminderDesk;
import edu.studentrecords.store.notices.RecipientNotices;
import edu.studentrecords.store.notices.StudentNotices;
import edu.studentrecords.store.notices.VerificationReminders;
import edu.studentrecords.store.people.PeopleDirectory;
import edu.studentrecords.store.reports.MisuseReports;
import edu.studentrecords.store.retention.Retention;
import edu.studentrecords.store.settings.RealmSettings;
import edu.studentrecords.store.validation.RecordValidator;

/**
 * One realm's student record store, wired once: every service is built here on the store's one gate (locate, decide
 * with the access policy, audit, then act) and handed out; none of them reaches back here. There is no way to reach a
 * record without an access context. Thread-safe; one instance per realm and process, closed with it.
 */
public final class StudentRecords implements AutoCloseable {

    private final MongoClient client;
    private final boolean ownsClient;
    private final AuditTrail audit;
    private final AuditEpochs auditEpochs;
    private final RecordLookup lookup;
    private final BackupDesk backups;
    private final MongoChangeFeed feed;
    private final Records records;
    private final SelfService self;
    private final Corrections corrections;
    private final PurgeRequests purges;
    private final AccessGrants grants;
    private final Retention retention;
    private final MisuseReports reports;
    private final AuditReview auditReview;
    private final SecuritySelfCheck selfCheck;
    private final RealmSettings settings;
    private final Applications applications;
    private final RecordOwners owners;
    private final CallAudit calls;
    private final RecipientNotices notices;
    private final PeopleDirectory people;
    private final StudentNotices studentNotices;
    private final Incidents incidents;
    private final VerificationReminders reminders;
    private final Guardians guardians;
    private final Consents consents;
    private final ConsentLedger consentLedger;

    private StudentRecords(StoreSettings settings, MongoClient client, boolean ownsClient) {
        this.client = client;
        this.ownsClient = ownsClient;
        MongoDatabase db = client.getDatabase(settings.database())
                .withWriteConcern(settings.writeConcern())
                .withReadConcern(settings.readConcern());
        byte[] master = SecretKeyFile.load(settings.masterKeyFile(), settings.generateMissingKeys());
        byte[] blind = SecretKeyFile.load(settings.blindIndexKeyFile(), settings.generateMissingKeys());
        byte[] auditKey = SecretKeyFile.load(settings.auditKeyFile(), settings.generateMissingKeys());
        RecordCollection recordCollection = new RecordCollection(db.getCollection(StoreCollections.RECORDS));
        recordCollection.createIndexes();
        RecordCodec codec = new RecordCodec(new BlindIndex(blind));
        DataKeyVault keys = new DataKeyVault(db.getCollection("record_keys"), master, settings.keyCacheSize());
        this.feed = new MongoChangeFeed(db.getCollection(StoreCollections.CHANGES),
                db.getCollection(StoreCollections.FEED_QUARANTINE), recordCollection, keys::exists, settings.clock(),
                settings.feedSettle(), client::getClusterDescription);
        MongoAuditTrail trail = MongoAuditTrail.open(db, auditKey, settings.clock());
        this.audit = trail;
        this.lookup = new RecordLookup(recordCollection, codec, settings.keyCacheSize());
        RecordGate gate = new RecordGate(audit, lookup, settings.clock());
        RecordVault vault = new RecordVault(recordCollection, codec, keys, feed, lookup,
                ErasureLedger.at(settings.erasureLedgerFile()), db.getCollection(StoreCollections.RECORD_ARCHIVES),
                db.getCollection(StoreCollections.RECORD_HISTORY), settings.clock());
        RecordValidator validator = new RecordValidator(settings.clock());
        GuardianLinkRegister guardianLinks = new GuardianLinkRegister(db.getCollection(StoreCollections.GUARDIAN_LINKS));
        RecordWrites writes = new RecordWrites(gate, lookup, vault, validator, guardianLinks::ofRecord);
        GrantCollection grantCollection = new GrantCollection(db.getCollection("grants"),
                db.getCollection("grant_agreements"));
        MongoAccessGrants accessGrants = new MongoAccessGrants(grantCollection, gate, audit);
        CorrectionDesk correctionDesk = new CorrectionDesk(gate, lookup, vault, writes, new CorrectionCollection(db));
        PaperCopyRegister paper = new PaperCopyRegister(db.getCollection("paper_copies"));
        paper.createIndexes();
        this.records = new GatedRecords(gate, lookup, vault, writes, feed);
        this.corrections = correctionDesk;
        HoldRegister holds = new HoldRegister(db.getCollection(StoreCollections.LEGAL_HOLDS));
        holds.createIndexes();
        this.auditEpochs = trail.epochs(holds::heldRecords);
        this.purges = new PurgeDesk(gate, lookup, vault, new PurgeRequestCollection(db.getCollection("purge_requests")),
                paper, holds::isHeld);
        this.grants = accessGrants;
        this.retention = new GatedRetention(db, recordCollection, codec, keys, gate, lookup, vault, paper, holds,
                settings.retentionFloorDays());
        MongoMisuseReports misuseReports = new MongoMisuseReports(gate, db.getCollection("misuse_reports"), audit, vault);
        this.reports = misuseReports;
        this.auditReview = new GatedAuditReview(audit, auditEpochs, gate);
        this.selfCheck = new MongoSelfCheck(audit, grantCollection, recordCollection, db.getCollection("self_checks"),
                gate, vault, validator, feed);
        this.settings = new GatedRealmSettings(gate);
        this.applications = new GatedApplications(gate);
        this.backups = new BackupDesk(gate, settings, client);
        this.owners = new RecordOwnerIndex(lookup, recordCollection);
        this.calls = gate.calls();
        NoticeGate noticeGate = new NoticeGate(audit);
        this.people = new GatedPeopleDirectory(noticeGate);
        NoticeBook noticeBook = new NoticeBook(db.getCollection(StoreCollections.RECIPIENT_NOTICES),
                new ChangeRecipients(audit), noticeGate, settings.clock());
        vault.tell(noticeBook);
        IncidentBook incidentBook = new IncidentBook(db.getCollection(StoreCollections.INCIDENTS), gate, noticeGate,
                lookup, audit, settings.clock());
        this.notices = noticeBook;
        this.incidents = incidentBook;
        GatedStudentNotices ownNotices = new GatedStudentNotices(gate, lookup, noticeBook, incidentBook);
        this.studentNotices = ownNotices;
        GuardianGate guardianGate = new GuardianGate(audit);
        this.guardians = new GatedGuardians(gate, guardianGate, lookup, vault, audit, correctionDesk, guardianLinks,
                db.getCollection(StoreCollections.GUARDIAN_INVITATIONS));
        this.consentLedger = new ConsentLedger(db.getCollection(StoreCollections.CONSENT_EVENTS),
                db.getCollection(StoreCollections.CONSENT_STATES));
        GatedConsents gatedConsents = new GatedConsents(gate, guardianGate, vault, consentLedger, accessGrants, lookup);
        this.consents = gatedConsents;
        this.self = new GatedSelfService(gate, lookup, vault, writes, audit, accessGrants, correctionDesk,
                guardianLinks::ofRecord, new KeptAboutRecord(misuseReports::ofRecord,
                        gatedConsents::kept, ownNotices::ofRecord));
        this.reminders = new ReminderDesk(recordCollection, db.getCollection(StoreCollections.VERIFICATION_REMINDERS),
                gate);
    }

    /** Connects with a client of its own, built from the settings; {@link #close()} closes it. */
    public static StudentRecords connect(StoreSettings settings) {
        return new StudentRecords(settings, MongoClients.create(clientSettings(settings)), true);
    }

    /** Uses a client someone else owns (and closes); it should be built with {@link #clientSettings}. */
    public static StudentRecords using(StoreSettings settings, MongoClient client) {
        return new StudentRecords(settings, client, false);
    }

    /** The MongoDB client settings the store expects: the connection string, write concern and read concern. */
    public static MongoClientSettings clientSettings(StoreSettings settings) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(settings.connectionString()))
                .writeConcern(settings.writeConcern())
                .readConcern(settings.readConcern())
                .build();
    }

    /** Records as staff, administrators and applications reach them. */
    public Records records() {
        return records;
    }

    /** The student's own record. */
    public SelfService self() {
        return self;
    }

    /** The centre's review of correction requests. */
    public Corrections corrections() {
        return corrections;
    }

    /** Destruction on request, with four eyes. */
    public PurgeRequests purgeRequests() {
        return purges;
    }

    /** Access grants for outside bodies. */
    public AccessGrants grants() {
        return grants;
    }

    /** Retention: policy, archives, legal holds, paper copies, runs. */
    public Retention retention() {
        return retention;
    }

    /** Students' misuse reports. */
    public MisuseReports misuseReports() {
        return reports;
    }

    /** Supervision: the audit trail for supervisors and administrators. */
    public AuditReview auditReview() {
        return auditReview;
    }

    /** The security self-check (rule 7.3). */
    public SecuritySelfCheck selfCheck() {
        return selfCheck;
    }

    /** The realm's settings kept outside the store. */
    public RealmSettings settings() {
        return settings;
    }

    /** The realm's applications: which clients may reach which parts of a record. */
    public Applications applications() {
        return applications;
    }

    /** Backups started by the centre. */
    public Backups backups() {
        return backups;
    }

    /** Whom to tell about decisions already taken. */
    public RecordOwners owners() {
        return owners;
    }

    /** The entries of calls the services did not record: refused for their input, or failed. */
    public CallAudit calls() {
        return calls;
    }

    /** The names of the realm's people, for the centre's screens. */
    public PeopleDirectory people() {
        return people;
    }

    /** Notices of changes to the applications and outside bodies that read what changed. */
    public RecipientNotices notices() {
        return notices;
    }

    /** The notices about a student's own record (incidents, and whom its changes were told to). */
    public StudentNotices studentNotices() {
        return studentNotices;
    }

    /** Incidents: personal information leaked, altered or lost (PIPL art. 57). */
    public Incidents incidents() {
        return incidents;
    }

    /** Reminders of due confirmations, the system's scheduled work. */
    public VerificationReminders verificationReminders() {
        return reminders;
    }

    /** Guardian links, and a guardian's work for a linked child. */
    public Guardians guardians() {
        return guardians;
    }

    /** The consent ledger. */
    public Consents consents() {
        return consents;
    }

    /** The change feed, for the search index. */
    public ChangeFeed changes() {
        return feed;
    }

    /** The audit trail's sealed epochs, as the system's own timers work on them (sealing, retention, the log feed). */
    public AuditEpochs auditEpochs() {
        return auditEpochs;
    }

    /** The audit trail, read-only (its entries are appended by the gate). */
    public AuditTrail auditTrail() {
        return audit;
    }

    @Override
    public void close() {
        backups.close();
        lookup.close();
        audit.close();
        if (ownsClient) {
            client.close();
        }
    }
}
