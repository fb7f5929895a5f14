package edu.studentrecords.store.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.ByteBuf;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore against a raw driver export (find all, BSON to a file) and a raw bulk insert of the same
 * collections, on one embedded store process in one run. Writes {@code records-store/benchmarks/backup-restore.md}.
 * Not part of the normal build: run with {@value #COMMAND}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class BackupRestoreBenchmarkIT {

    static final String COMMAND = "mvn -B -pl records-store -am verify -Dbenchmark=true -Dit.test=BackupRestoreBenchmarkIT "
            + "-Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false";

    private static final int RECORDS = Integer.getInteger("benchmark.records", 20_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
    private static final int BATCH = 1000;
    /** The most each path may take, as a multiple of its raw counterpart. */
    private static final double GOAL = 1.5;

    @TempDir
    Path dir;

    @Test
    void backupAndRestoreAgainstRawExportAndBulkInsert() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir);
             MongoClient raw = MongoClients.create(fixture.process().connectionString())) {
            enrol(fixture.store(), RECORDS);
            fixture.closeStore();
            MongoDatabase source = raw.getDatabase(fixture.settings().database());
            long[] backup = new long[ROUNDS];
            long[] export = new long[ROUNDS];
            long[] restore = new long[ROUNDS];
            long[] insert = new long[ROUNDS];
            long documents = 0;
            long backupBytes = 0;
            long exportBytes = 0;
            for (int round = 0; round < ROUNDS; round++) {
                Path backupFile = dir.resolve("round" + round + ".backup");
                Path exportFile = dir.resolve("round" + round + ".bson");
                StoreSettings restoreTarget = settingsFor(fixture, "bench_restore");
                MongoDatabase rawTarget = raw.getDatabase("bench_raw");
                long[] backedUp = new long[1];
                long[] exported = new long[1];
                // Which of the two goes first alternates by round: the second finds the collections in the page cache
                // the first warmed, the restore target's files grown by the first.
                boolean oursFirst = round % 2 == 0;
                Timed ourBackup = () -> {
                    try (StoreBackup store = StoreBackup.using(fixture.settings(), raw)) {
                        backedUp[0] = store.backup(backupFile, ProgressListener.NONE).totalDocuments();
                    }
                };
                Timed rawBackup = () -> exported[0] = rawExport(source, exportFile);
                long[] pair = timePair(oursFirst, ourBackup, rawBackup);
                backup[round] = pair[0];
                export[round] = pair[1];
                documents = backedUp[0];
                if (exported[0] != documents) {
                    throw new IllegalStateException("raw export saw " + exported[0] + " documents, the backup " + documents);
                }
                pair = timePair(oursFirst, () -> {
                    try (StoreBackup store = StoreBackup.using(restoreTarget, raw)) {
                        store.restore(backupFile, ProgressListener.NONE);
                    }
                }, () -> rawInsert(exportFile, rawTarget));
                restore[round] = pair[0];
                insert[round] = pair[1];

                backupBytes = Files.size(backupFile);
                exportBytes = Files.size(exportFile);
                raw.getDatabase("bench_restore").drop();
                rawTarget.drop();
                Files.delete(backupFile);
                Files.delete(exportFile);
            }
            String report = report(documents, backupBytes, exportBytes, median(backup), median(export), median(restore),
                    median(insert));
            Path out = Path.of(System.getProperty("benchmark.out", "benchmarks/backup-restore.md"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.out.println(report);
        }
    }

    /** A step whose time is measured. */
    @FunctionalInterface
    private interface Timed {
        void run() throws Exception;
    }

    /** The nanoseconds {@code ours} and {@code baseline} took, in that order, run in the order {@code oursFirst} says. */
    private static long[] timePair(boolean oursFirst, Timed ours, Timed baseline) throws Exception {
        long[] nanos = new long[2];
        for (int step = 0; step < 2; step++) {
            boolean measuringOurs = (step == 0) == oursFirst;
            long start = System.nanoTime();
            (measuringOurs ? ours : baseline).run();
            nanos[measuringOurs ? 0 : 1] = System.nanoTime() - start;
        }
        return nanos;
    }

    /** The baseline export: every document of every collection, as the driver hands it out, appended to one file. */
    private static long rawExport(MongoDatabase db, Path file) throws IOException {
        long count = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (String name : db.listCollectionNames()) {
                out.writeUTF(name);
                for (RawBsonDocument doc : db.getCollection(name, RawBsonDocument.class).find().batchSize(BATCH)) {
                    ByteBuf bytes = doc.getByteBuffer();
                    out.writeBoolean(true);
                    out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                    count++;
                }
                out.writeBoolean(false);
            }
        }
        return count;
    }

    /** The baseline restore: read that file back and insert in batches of {@value #BATCH}. */
    private static void rawInsert(Path file, MongoDatabase db) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                String name;
                try {
                    name = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                MongoCollection<RawBsonDocument> collection = db.getCollection(name, RawBsonDocument.class);
                List<RawBsonDocument> batch = new ArrayList<>();
                while (in.readBoolean()) {
                    byte[] size = new byte[4];
                    in.readFully(size);
                    int length = (size[0] & 0xff) | (size[1] & 0xff) << 8 | (size[2] & 0xff) << 16 | (size[3] & 0xff) << 24;
                    byte[] bson = Arrays.copyOf(size, length);
                    in.readFully(bson, 4, length - 4);
                    batch.add(new RawBsonDocument(bson));
                    if (batch.size() == BATCH) {
                        collection.insertMany(batch, new InsertManyOptions().ordered(true));
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    collection.insertMany(batch, new InsertManyOptions().ordered(true));
                }
            }
        }
    }

    private static void enrol(StudentRecords store, int count) throws Exception {
        AccessContext admin = Principals.admin(UUID.randomUUID().toString());
        GeneratedStudents students = new GeneratedStudents(2026);
        List<edu.studentrecords.store.model.StudentRecord> content = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            content.add(students.next(LocalDate.now()));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        store.records().create(admin, content.get(i), null);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static StoreSettings settingsFor(StoreFixture fixture, String database) {
        return StoreSettings.builder().connectionString(fixture.process().connectionString()).database(database)
                .keysDirectory(fixture.settings().masterKeyFile().getParent()).build();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String report(long documents, long backupBytes, long exportBytes, long backup, long export, long restore,
            long insert) {
        StringBuilder s = new StringBuilder();
        s.append("# Backup and restore against a raw driver export and bulk insert\n\n");
        s.append("Made by `").append(COMMAND).append("` (from the repository root) on ").append(Instant.now())
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(".\n\n");
        s.append("One embedded store process (H2 file backend, every acknowledged write committed). ").append(RECORDS)
                .append(" generated students enrolled through the store, which makes ").append(documents)
                .append(" documents in all collections (records, data keys, change feed, audit chain, its index and anchor). "
                        + "All four paths use one driver client, as the product's backup and restore jobs use the node's own. ")
                .append(ROUNDS).append(" rounds, medians reported; in each round the backup and the raw export run one after the "
                        + "other, then the restore and the raw bulk insert, and which of a pair goes first alternates by round "
                        + "(the second of a pair finds the page cache warmed by the first):\n\n");
        s.append("- **backup**: `StoreBackup.backup`: every collection read in the server's natural order, AES-256-GCM in 64 KiB "
                + "chunks, SHA-256 per collection over what was written, manifest sealed last and pointed at by the file's end, "
                + "fsync and rename;\n");
        s.append("- **raw export**: the driver's `find()` on every collection (no sort), BSON bytes appended to a file;\n");
        s.append("- **restore**: `StoreBackup.restore` into an empty database: the manifest authenticated first, then the file "
                + "read once, each chunk authenticated and each collection's hash checked as it is inserted in batches of 1,000, "
                + "indexes created, erasure ledger replayed (empty here);\n");
        s.append("- **raw bulk insert**: the raw export file read back and `insertMany` in batches of 1,000 into an empty "
                + "database, no indexes.\n\n");
        s.append("| path | median (ms) | documents/s | file size (bytes) |\n|---|---|---|---|\n");
        row(s, "backup", backup, documents, backupBytes);
        row(s, "raw export", export, documents, exportBytes);
        row(s, "restore", restore, documents, backupBytes);
        row(s, "raw bulk insert", insert, documents, exportBytes);
        double backupRatio = backup / (double) export;
        double restoreRatio = restore / (double) insert;
        s.append(String.format("%nRatios (time, lower is better): backup / raw export %.2f; restore / raw bulk insert %.2f.%n%n",
                backupRatio, restoreRatio));
        s.append(String.format("Goals: backup at most %.1fx a raw export: %s; restore at most %.1fx a raw bulk insert: %s.%n",
                GOAL, verdict(backupRatio), GOAL, verdict(restoreRatio)));
        return s.toString();
    }

    private static String verdict(double ratio) {
        return ratio <= GOAL ? String.format("**met** (%.2fx, %.2f to spare)", ratio, GOAL - ratio)
                : String.format("**not met** (%.2fx, missed by %.2f)", ratio, ratio - GOAL);
    }

    private static void row(StringBuilder s, String name, long nanos, long documents, long bytes) {
        s.append(String.format("| %s | %.0f | %.0f | %d |%n", name, nanos / 1e6, documents / (nanos / 1e9), bytes));
    }
}
