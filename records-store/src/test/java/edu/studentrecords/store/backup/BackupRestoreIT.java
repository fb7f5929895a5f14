package edu.studentrecords.store.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.backup.BackupProgress.Phase;
import edu.studentrecords.store.enrolment.EnrolmentRow;
import edu.studentrecords.store.enrolment.ImportReport;
import edu.studentrecords.store.enrolment.RowOutcome;
import edu.studentrecords.store.internal.backup.BackupFileHeader;
import edu.studentrecords.store.internal.backup.CheckedBackupRead;
import edu.studentrecords.store.internal.crypto.Aead;
import edu.studentrecords.store.internal.crypto.SecretKeyFile;
import edu.studentrecords.store.internal.crypto.UnreadableCiphertextException;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.Destructions;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore against a real embedded store process: a full round trip of 10,000 students, a thousand
 * damaged copies of a backup that each restore nothing, and a destroyed student who stays destroyed.
 */
class BackupRestoreIT {

    private static final AccessContext ADMIN = Principals.admin(UUID.randomUUID().toString());

    @TempDir
    Path dir;

    @Test
    void tenThousandStudentsComeBackFieldForFieldAfterBackupWipeAndRestore() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            Map<String, StudentRecord> enrolled = enrol(fixture.store(), 10_000, 42);
            // Some records at a later version, so versions and times are part of what must come back.
            List<String> ids = new ArrayList<>(enrolled.keySet());
            fourAtATime(200, i -> fixture.store().records().update(ADMIN, ids.get(i), 1,
                    "{\"contact\":{\"homeAddress\":\"" + (i + 1) + "号 学府路\"}}"));
            Map<String, RecordView> before = readAll(fixture.store(), ids);
            assertThat(before.get(ids.get(0)).version()).isEqualTo(2);
            assertThat(before.get(ids.get(0)).contact().homeAddress()).isEqualTo("1号 学府路");
            fixture.closeStore();

            Path file = dir.resolve("full.backup");
            List<BackupProgress> progress = new ArrayList<>();
            BackupManifest taken;
            try (StoreBackup backup = StoreBackup.connect(fixture.settings())) {
                taken = backup.backup(file, progress::add);
            }
            assertThat(taken.collection("records").orElseThrow().documents()).isEqualTo(10_000);
            assertThat(taken.collection("record_keys").orElseThrow().documents()).isEqualTo(10_000);
            assertThat(taken.collections()).extracting(CollectionSummary::name)
                    .contains("changes", "audit_entries", "audit_anchor", "audit_by_record");
            assertThat(progress).contains(new BackupProgress(Phase.BACKUP, "records", 5_000, 10_000),
                    new BackupProgress(Phase.BACKUP, "records", 10_000, 10_000));

            MongoDatabase raw = fixture.rawDatabase();
            raw.drop();
            assertThat(raw.listCollectionNames().into(new ArrayList<>())).isEmpty();

            RestoreReport report;
            BackupManifest again;
            progress.clear();
            try (StoreBackup backup = StoreBackup.connect(fixture.settings())) {
                report = backup.restore(file, progress::add);
                again = backup.backup(dir.resolve("after-restore.backup"), ProgressListener.NONE);
            }
            assertThat(report.documentsWritten()).isEqualTo(taken.totalDocuments());
            assertThat(report.erasedSkipped()).isZero();
            assertThat(progress).contains(new BackupProgress(Phase.RESTORE, "records", 5_000, 10_000),
                    new BackupProgress(Phase.RESTORE, "records", 10_000, 10_000));
            assertThat(progress).as("one read of the file, written as it is read").noneMatch(p -> p.phase() == Phase.VERIFY);
            // Same counts and the same SHA-256 over the same BSON bytes, collection by collection.
            assertThat(again.collections()).isEqualTo(taken.collections());

            StudentRecords restored = fixture.reopenStore();
            Map<String, RecordView> after = readAll(restored, ids);
            for (String id : ids) {
                // Every group, field by field, with version, update and verification times.
                assertThat(after.get(id)).usingRecursiveComparison().isEqualTo(before.get(id));
            }
            assertThat(restored.auditTrail().verify().intact()).isTrue();
        }
    }

    @Test
    void aBackupInTheEarlierDefaultChunksOfOneMebibyteVerifiesAndRestores() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            // Backups made before the default chunk became 64 KiB hold 1 MiB chunks; their header says so.
            Path file = backedUp(fixture, 3_000, 11, "mebibyte.backup", 1 << 20);
            assertThat(Files.size(file)).as("several chunks").isGreaterThan(3L << 20);
            StoreSettings target = settingsFor(fixture, "mebibyte_target");
            MongoDatabase rawTarget = rawSibling(fixture, "mebibyte_target");
            try (StoreBackup backup = StoreBackup.connect(target)) {
                assertThat(backup.verify(file, ProgressListener.NONE).collection("records").orElseThrow().documents())
                        .isEqualTo(3_000);
                RestoreReport report = backup.restore(file, ProgressListener.NONE);
                assertThat(report.manifest().collection("records").orElseThrow().documents()).isEqualTo(3_000);
            }
            assertThat(rawTarget.getCollection("records").countDocuments()).isEqualTo(3_000);
        }
    }

    @Test
    void aThousandByteFlipsAreEachDetectedAndEachRestoresNothing() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            // Small chunks, so that flips land in chunk frames, middles, tags and the last chunk alike.
            Path file = backedUp(fixture, 200, 7, "small.backup", 16 << 10);
            byte[] intact = Files.readAllBytes(file);
            StoreSettings target = settingsFor(fixture, "flip_target");
            MongoDatabase rawTarget = rawSibling(fixture, "flip_target");
            Random random = new Random();
            Map<String, Integer> messages = new HashMap<>();
            Path damaged = dir.resolve("damaged.backup");
            try (StoreBackup backup = StoreBackup.connect(target)) {
                for (int attempt = 0; attempt < 1_000; attempt++) {
                    byte[] copy = intact.clone();
                    int position = random.nextInt(copy.length);
                    copy[position] ^= (byte) (1 + random.nextInt(255));
                    Files.write(damaged, copy);
                    try {
                        backup.restore(damaged, ProgressListener.NONE);
                        throw new AssertionError("flip at byte " + position + " of " + copy.length + " was not detected");
                    } catch (StoreException e) {
                        assertThat(e.getMessage()).isNotBlank().doesNotContain("S007");
                        messages.merge(e.getMessage().replaceAll("\\d+", "N"), 1, Integer::sum);
                    }
                    assertThat(holdsDocuments(rawTarget)).as("flip at byte %d: target still empty", position).isFalse();
                }
                System.out.println("byte flips detected, by message: " + messages);
                // The same file undamaged restores: the flips, not the target, made every attempt fail.
                RestoreReport report = backup.restore(file, ProgressListener.NONE);
                assertThat(report.manifest().collection("records").orElseThrow().documents()).isEqualTo(200);
                assertThat(rawTarget.getCollection("records").countDocuments()).isEqualTo(200);
            }
        }
    }

    @Test
    void aChunkDamagedInTheMiddleOfACollectionIsRefusedAndWhatWasWrittenIsRemoved() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            int chunk = 16 << 10;
            Path file = backedUp(fixture, 2_500, 5, "tampered.backup", chunk);
            byte[] intact = Files.readAllBytes(file);
            // The chunk holding the 2,000th of 2,500 records: two batches of records are written before it is read.
            long damagedChunk = chunkHolding(fixture, file, chunk, "records", 2_000);
            byte[] tampered = intact.clone();
            // Every content chunk before it is full: a 4-byte frame, the ciphertext and a 16-byte tag.
            int at = Math.toIntExact(BackupFileHeader.LENGTH + damagedChunk * (4 + chunk + 16) + 4 + 100);
            tampered[at] ^= 0x20;
            Path damaged = dir.resolve("tampered-copy.backup");
            Files.write(damaged, tampered);

            MongoDatabase rawTarget = rawSibling(fixture, "tamper_target");
            List<Long> recordsSeenWritten = new ArrayList<>();
            ProgressListener watch = p -> {
                if (p.phase() == Phase.RESTORE && p.collection().equals("records") && p.done() > 0 && p.done() % 1_000 == 0) {
                    recordsSeenWritten.add(rawTarget.getCollection("records").countDocuments());
                }
            };
            try (StoreBackup backup = StoreBackup.connect(settingsFor(fixture, "tamper_target"))) {
                assertThatThrownBy(() -> backup.restore(damaged, watch)).is(Kinds.MALFORMED)
                        .hasMessageContaining("chunk " + damagedChunk + " fails authentication");
                assertThat(recordsSeenWritten).as("records were written before the damage was read").isNotEmpty()
                        .allMatch(n -> n >= 1_000);
                assertThat(holdsDocuments(rawTarget)).as("the target is empty again").isFalse();

                // The undamaged file restores into the same target: the damage, not the target, refused the restore.
                RestoreReport report = backup.restore(file, ProgressListener.NONE);
                assertThat(rawTarget.getCollection("records").countDocuments()).isEqualTo(2_500);
                assertThat(report.documentsWritten()).isEqualTo(report.manifest().totalDocuments());
            }
        }
    }

    @Test
    void aStudentDestroyedAfterTheBackupStaysDestroyedAndUnreadableAfterRestore() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            Map<String, StudentRecord> enrolled = enrol(fixture.store(), 20, 11);
            String victim = enrolled.keySet().iterator().next();
            Path file = dir.resolve("before-destruction.backup");
            try (StoreBackup backup = StoreBackup.connect(fixture.settings())) {
                backup.backup(file, ProgressListener.NONE);
            }
            Destructions.destroy(fixture.store(), victim, "retention period over");
            assertThat(Files.readString(fixture.settings().erasureLedgerFile())).contains(" " + victim + "\n");
            fixture.closeStore();

            fixture.rawDatabase().drop();
            RestoreReport report;
            try (StoreBackup backup = StoreBackup.connect(fixture.settings())) {
                report = backup.restore(file, ProgressListener.NONE);
            }
            assertThat(report.erasedSkipped()).as("the record and its data key").isEqualTo(2);
            assertThat(report.erasuresReplayed()).isEqualTo(1);

            StudentRecords restored = fixture.reopenStore();
            assertThatThrownBy(() -> restored.records().read(ADMIN, victim)).is(Kinds.NOT_FOUND);
            for (String other : enrolled.keySet()) {
                if (!other.equals(victim)) {
                    assertThat(content(restored.records().read(ADMIN, other))).isEqualTo(enrolled.get(other));
                }
            }

            // A raw look at everything restored: no record, no data key of the student anywhere in the database.
            MongoDatabase raw = fixture.rawDatabase();
            assertThat(raw.getCollection("records").countDocuments(new Document("_id", victim))).isZero();
            assertThat(raw.getCollection("record_keys").countDocuments(new Document("_id", victim))).isZero();
            // The copy of the student's sealed fields the backup held cannot be opened with anything the restored
            // store has: the master key does not open it and the restored data keys hold none for the student.
            byte[] sealedContact = backupCopy(fixture, file, "records", victim).get("sealed", Document.class)
                    .get("contact", Binary.class).getData();
            byte[] master = SecretKeyFile.load(fixture.settings().masterKeyFile(), false);
            byte[] ad = ("record|" + victim + "|1|contact").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Aead.open(master, sealedContact, ad)).isInstanceOf(UnreadableCiphertextException.class);
            for (Document key : raw.getCollection("record_keys").find()) {
                byte[] wrapped = key.get("wrapped", Binary.class).getData();
                byte[] dataKey = Aead.open(master, wrapped, ("record-key|" + key.getString("_id")).getBytes(StandardCharsets.UTF_8));
                assertThatThrownBy(() -> Aead.open(dataKey, sealedContact, ad)).isInstanceOf(UnreadableCiphertextException.class);
            }

            // Without its erasure ledger the same backup brings the student back: the ledger is what keeps them gone.
            Path bareKeys = Files.createDirectories(dir.resolve("keys-without-ledger"));
            for (String name : List.of("master.key", "blind-index.key", "audit.key", "backup.key")) {
                Files.copy(dir.resolve("keys").resolve(name), bareKeys.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
            }
            StoreSettings noLedger = StoreSettings.builder().connectionString(fixture.process().connectionString())
                    .database("without_ledger").keysDirectory(bareKeys).build();
            try (StoreBackup backup = StoreBackup.connect(noLedger)) {
                assertThat(backup.restore(file, ProgressListener.NONE).erasedSkipped()).isZero();
            }
            try (StudentRecords control = StudentRecords.connect(noLedger)) {
                assertThat(content(control.records().read(ADMIN, victim))).isEqualTo(enrolled.get(victim));
            }
        }
    }

    @Test
    void theCommandLineBacksUpVerifiesAndRestoresWithProgressAndNoPersonalData() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            Map<String, StudentRecord> enrolled = enrol(fixture.store(), 1_500, 13);
            fixture.closeStore();
            String uri = fixture.process().connectionString();
            String keys = fixture.settings().masterKeyFile().getParent().toString();
            Path file = dir.resolve("cli.backup");
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream print = new java.io.PrintStream(err, true, StandardCharsets.UTF_8);

            assertThat(BackupCommand.run(new String[] {"backup", "--connection-string", uri, "--database",
                fixture.settings().database(), "--keys-dir", keys, "--out", file.toString(), "--generate-key"}, print)).isZero();
            assertThat(BackupCommand.run(new String[] {"verify", "--keys-dir", keys, "--in", file.toString()}, print)).isZero();
            assertThat(BackupCommand.run(new String[] {"restore", "--connection-string", uri, "--database", "cli_restored",
                "--keys-dir", keys, "--in", file.toString()}, print)).isZero();
            assertThat(BackupCommand.run(new String[] {"restore", "--connection-string", uri, "--database", "cli_restored",
                "--keys-dir", keys, "--in", file.toString()}, print)).as("not into a database that holds documents").isEqualTo(1);
            assertThat(BackupCommand.run(new String[] {"restore", "--keys-dir", keys}, print)).isEqualTo(2);

            String output = err.toString(StandardCharsets.UTF_8);
            assertThat(output).contains("backup records: 1000/1500", "backup records: 1500/1500", "verify records: 1500/1500",
                    "restore records: 1500/1500", "backup complete", "backup intact", "restore complete", "is not empty");
            for (StudentRecord student : enrolled.values()) {
                assertThat(output).doesNotContain(student.profile().studentNumber()).doesNotContain(student.profile().name());
            }
            try (StudentRecords restored = StudentRecords.connect(settingsFor(fixture, "cli_restored"))) {
                String id = enrolled.keySet().iterator().next();
                assertThat(content(restored.records().read(ADMIN, id))).isEqualTo(enrolled.get(id));
            }
        }
    }

    /**
     * Enrols {@code count} generated students through the store's bulk import, in files of a thousand rows (each row
     * created as {@code create} does, with its audit entry); returns their content by record id.
     */
    private static Map<String, StudentRecord> enrol(StudentRecords store, int count, long seed) {
        GeneratedStudents students = new GeneratedStudents(seed);
        Map<String, StudentRecord> enrolled = new HashMap<>();
        for (int from = 0; from < count; from += 1_000) {
            List<EnrolmentRow> rows = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 1_000); i++) {
                rows.add(new EnrolmentRow(rows.size() + 1, students.next(LocalDate.now()), null, List.of()));
            }
            ImportReport report = store.records().importRecords(ADMIN, () -> rows);
            assertThat(report.failed()).as("rows refused: %s", report.rows()).isZero();
            for (RowOutcome outcome : report.rows()) {
                enrolled.put(outcome.id(), rows.get(outcome.row() - 1).content());
            }
        }
        assertThat(enrolled).hasSize(count);
        return new java.util.LinkedHashMap<>(new java.util.TreeMap<>(enrolled));
    }

    /** Reads each of {@code ids} as the administrator, four reads at a time (each with its audit entry). */
    private static Map<String, RecordView> readAll(StudentRecords store, List<String> ids) throws Exception {
        Map<String, RecordView> views = new ConcurrentHashMap<>();
        fourAtATime(ids.size(), i -> views.put(ids.get(i), store.records().read(ADMIN, ids.get(i))));
        return views;
    }

    /** Runs {@code work} for each number from 0 to {@code count - 1}, on four threads; fails with the first failure. */
    private static void fourAtATime(int count, IntConsumer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                done.add(pool.submit(() -> work.accept(n)));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Enrols {@code count} generated students, closes the store and backs it up into {@code name} in chunks of {@code chunk}. */
    private Path backedUp(StoreFixture fixture, int count, long seed, String name, int chunk) throws Exception {
        enrol(fixture.store(), count, seed);
        fixture.closeStore();
        Path file = dir.resolve(name);
        try (StoreBackup backup = StoreBackup.connect(fixture.settings())) {
            backup.backup(file, chunk, ProgressListener.NONE);
        }
        return file;
    }

    private static StoreSettings settingsFor(StoreFixture fixture, String database) {
        return StoreSettings.builder().connectionString(fixture.process().connectionString()).database(database)
                .keysDirectory(fixture.settings().masterKeyFile().getParent()).build();
    }

    private MongoClient rawClient;

    /** Another database of the fixture's store process, as a raw driver sees it. */
    private MongoDatabase rawSibling(StoreFixture fixture, String database) {
        rawClient = MongoClients.create(fixture.process().connectionString());
        return rawClient.getDatabase(database);
    }

    @AfterEach
    void closeRawClient() {
        if (rawClient != null) {
            rawClient.close();
        }
    }

    private static StudentRecord content(RecordView view) {
        return new StudentRecord(view.profile(), view.identity(), view.contact(), view.guardians());
    }

    private static boolean holdsDocuments(MongoDatabase db) {
        Set<String> names = new TreeSet<>();
        db.listCollectionNames().into(names);
        return names.stream().anyMatch(name -> db.getCollection(name).find().first() != null);
    }

    /**
     * The number of the content chunk that holds the {@code n}th document (from 1) of {@code collection}: its offset
     * in the plaintext (each collection a tag, its name, its size; each document a tag and its BSON; an end tag),
     * divided by the chunk size.
     */
    private static long chunkHolding(StoreFixture fixture, Path file, int chunkSize, String collection, int n) throws IOException {
        byte[] key = SecretKeyFile.load(fixture.settings().backupKeyFile(), false);
        long[] offset = {0};
        long[] found = {-1};
        Map<String, Integer> seen = new HashMap<>();
        try (CheckedBackupRead backup = CheckedBackupRead.open(file, key)) {
            List<CollectionSummary> order = backup.manifest().manifest().collections();
            int[] current = {-1};
            backup.readContents(Phase.VERIFY, ProgressListener.NONE, new CheckedBackupRead.DocumentSink() {
                @Override
                public void document(String name, byte[] bson) {
                    while (current[0] < 0 || !order.get(current[0]).name().equals(name)) {
                        if (current[0] >= 0) {
                            offset[0] += 1;
                        }
                        current[0]++;
                        offset[0] += 1 + 2 + order.get(current[0]).name().getBytes(StandardCharsets.UTF_8).length + 8;
                    }
                    if (name.equals(collection) && seen.merge(name, 1, Integer::sum) == n) {
                        found[0] = offset[0] / chunkSize;
                    }
                    offset[0] += 1 + bson.length;
                }
            });
        }
        assertThat(found[0]).isNotNegative();
        return found[0];
    }

    /** The document a backup file holds for {@code id} in {@code collection}, read through the checked reader. */
    private static Document backupCopy(StoreFixture fixture, Path file, String collection, String id) throws IOException {
        byte[] key = SecretKeyFile.load(fixture.settings().backupKeyFile(), false);
        List<Document> found = new ArrayList<>();
        CheckedBackupRead.read(file, key, Phase.VERIFY, ProgressListener.NONE, new CheckedBackupRead.DocumentSink() {
            @Override
            public void document(String name, byte[] bson) {
                RawBsonDocument doc = new RawBsonDocument(bson);
                if (name.equals(collection) && id.equals(doc.getString("_id").getValue())) {
                    found.add(Document.parse(doc.toJson()));
                }
            }
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
