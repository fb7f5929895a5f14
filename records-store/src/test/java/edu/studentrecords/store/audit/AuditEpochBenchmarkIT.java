package edu.studentrecords.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import edu.studentrecords.embedded.EmbeddedStoreProcess;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail at scale on one embedded store process (H2 file backend): appends from many threads (group commit)
 * against a raw ordered {@code insertMany} of documents of the same shape; sealing (every entry walked and checked),
 * a full verify and an incremental verify (only the entries after the last checkpoint); export of one epoch to a
 * signed, compressed file; a raw read of the same entries by key as the baseline of the walks. Writes
 * {@code records-store/benchmarks/audit-epochs.md}. Not part of the normal build: run with {@value #COMMAND}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class AuditEpochBenchmarkIT {

    static final String COMMAND = "mvn -B -pl records-store -am verify -Dbenchmark=true -Dit.test=AuditEpochBenchmarkIT "
            + "-Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "
            + "[-Dbenchmark.entries=N -Dbenchmark.appended=N -Dbenchmark.epoch=N]";

    private static final int ENTRIES = Integer.getInteger("benchmark.entries", 200_000);
    /** How many of the entries are appended through the trail (the rest are generated straight into the chain). */
    private static final int APPENDED = Integer.getInteger("benchmark.appended", ENTRIES);
    private static final int EPOCH = Integer.getInteger("benchmark.epoch", 50_000);
    private static final int THREADS = 32;
    private static final int LATER = 1_000;
    private static final long TARGET = 50_000_000L;

    @TempDir
    Path dir;

    @Test
    void storeVerifyAndExportAtScale() throws Exception {
        EmbeddedStoreProcess store = EmbeddedStoreProcess.start(dir.resolve("store"));
        StringBuilder report = new StringBuilder();
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase database = client.getDatabase("audit_bench");
            TestSigner signer = new TestSigner();
            long append;
            long generate;
            long seal;
            long full;
            long incremental;
            long export;
            long rawInsert;
            long rawRead;
            long exportBytes;
            long storeBytes;
            try (MongoAuditTrail first = MongoAuditTrail.open(database, AuditFixtures.KEY, Clock.systemUTC())) {
                append = timed(() -> appendConcurrently(first, APPENDED));
            }
            Random generated = new Random(7);
            generate = timed(() -> edu.studentrecords.store.internal.audit.ChainGenerator.extend(database,
                    AuditFixtures.KEY, ENTRIES - APPENDED, Instant.now(), () -> AuditFixtures.random(generated, 30_000)));
            try (MongoAuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, Clock.systemUTC())) {
                AuditEpochs epochs = trail.epochs(Set::of);
                seal = timed(() -> assertThat(epochs.sealDue(Instant.now(), EPOCH, true, signer)).isNotEmpty());
                long[] fullChecked = new long[1];
                full = timed(() -> {
                    TrailVerification v = epochs.verify(false, List.of());
                    assertThat(v.intact()).isTrue();
                    fullChecked[0] = v.chain().entriesChecked();
                });
                assertThat(fullChecked[0]).isEqualTo(ENTRIES);
                appendConcurrently(trail, LATER);
                long[] walked = new long[1];
                incremental = timed(() -> {
                    TrailVerification v = epochs.verify(true, List.of());
                    assertThat(v.intact()).isTrue();
                    walked[0] = v.chain().entriesChecked();
                });
                assertThat(walked[0]).isEqualTo(LATER);
                Path file = dir.resolve("epoch-1.jsonl.gz");
                export = timed(() -> epochs.export(1, signer, file));
                exportBytes = Files.size(file);
            }
            storeBytes = folderSize(dir.resolve("store"));
            MongoCollection<Document> entries = database.getCollection("audit_entries");
            rawRead = timed(() -> {
                long found = 0;
                for (long from = 1; from <= ENTRIES; from += 256) {
                    List<Long> ids = new ArrayList<>();
                    for (long s = from; s < from + 256 && s <= ENTRIES; s++) {
                        ids.add(s);
                    }
                    for (Document ignored : entries.find(Filters.in("_id", ids)).batchSize(256)) {
                        found++;
                    }
                }
                assertThat(found).isEqualTo(ENTRIES);
            });
            List<Document> sample = new ArrayList<>();
            entries.find(Filters.in("_id", List.of(1L, 2L, 3L, 4L))).forEach(sample::add);
            // Its room in the store file is reused by the copy: at 50,000,000 entries two copies would not fit the disk.
            entries.drop();
            MongoCollection<Document> copy = database.getCollection("raw_copy");
            rawInsert = timed(() -> {
                List<Document> batch = new ArrayList<>(256);
                for (long s = 1; s <= ENTRIES; s++) {
                    Document d = new Document(sample.get((int) (s % sample.size())));
                    d.put("_id", s);
                    batch.add(d);
                    if (batch.size() == 256) {
                        copy.insertMany(batch, new InsertManyOptions().ordered(true));
                        batch = new ArrayList<>(256);
                    }
                }
                if (!batch.isEmpty()) {
                    copy.insertMany(batch, new InsertManyOptions().ordered(true));
                }
            });
            report.append(render(append, generate, rawInsert, seal, full, rawRead, incremental, export, exportBytes,
                    storeBytes));
        } finally {
            store.stop();
        }
        Path out = Path.of(System.getProperty("benchmark.out", "benchmarks/audit-epochs.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private static String render(long append, long generate, long rawInsert, long seal, long full, long rawRead, long incremental,
            long export, long exportBytes, long storeBytes) {
        StringBuilder md = new StringBuilder();
        md.append("# The audit trail at scale: store, seal, verify, export\n\n");
        md.append(String.format(Locale.ROOT, "Made by `%s` (from the repository root) on %s, %d cores, Java %s, with "
                + "%,d entries (epochs of %,d).%n%n", COMMAND, Instant.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), ENTRIES, EPOCH));
        md.append(String.format(Locale.ROOT, "One embedded store process (H2 file backend, every acknowledged write "
                + "committed). Entries are varied generated events (reads, denials, searches naming two of 30,000 "
                + "records); the first %,d are appended by %d threads through the trail (group commit: one ordered "
                + "insert per batch, durable before any caller returns; the history index written behind), the rest "
                + "generated straight into the chain (sealed with the audit key, no history index), so that the walks "
                + "can be measured on a larger chain than appending allows in the time.%n%n", APPENDED, THREADS));
        md.append("| step | entries | seconds | entries/s | baseline | baseline entries/s | ratio |\n|---|---|---|---|---|---|---|\n");
        row(md, "append through the trail (" + THREADS + " threads)", APPENDED, append,
                "raw ordered insertMany, 256 a batch, one thread", scaled(rawInsert, APPENDED));
        if (APPENDED < ENTRIES) {
            row(md, "generated into the chain (sealed, insertMany of 1,000, no history index)", ENTRIES - APPENDED,
                    generate, "raw ordered insertMany, 256 a batch, one thread",
                    scaled(rawInsert, ENTRIES - APPENDED));
        }
        row(md, "seal (walk, check, sign each epoch)", ENTRIES, seal, "raw read by `_id $in`, 256 a query", rawRead);
        row(md, "full verify", ENTRIES, full, "raw read by `_id $in`, 256 a query", rawRead);
        row(md, "export of epoch 1 (gzip JSON Lines, signed)", EPOCH, export, "raw read by `_id $in` (scaled)",
                scaled(rawRead, EPOCH));
        md.append(String.format(Locale.ROOT, "%nIncremental verify after %,d more entries (every sealed checkpoint "
                + "checked at its ends, the %,d new entries walked): %.3f s.%n", LATER, LATER, incremental / 1e9));
        md.append(String.format(Locale.ROOT, "Export of %,d entries: %,d bytes compressed (%.0f bytes an entry).%n%n",
                EPOCH, exportBytes, (double) exportBytes / EPOCH));
        md.append(String.format(Locale.ROOT, "The store's data folder after the chain was sealed, verified and "
                + "exported (dropped before the raw copy, which reuses its room): %,d bytes (%.0f bytes an entry, its "
                + "indexes included).%n%n",
                storeBytes, (double) storeBytes / ENTRIES));
        if (ENTRIES >= TARGET) {
            md.append(String.format(Locale.ROOT, "## At %,d entries%n%nMeasured, not extrapolated: the %,d "
                    + "entries generated %.1f h, seal %.1f h, full verify %.1f h, export of all epochs at the rate of "
                    + "epoch 1 %.1f h; an incremental verify %.3f s.%n", ENTRIES, ENTRIES - APPENDED, generate / 3.6e12,
                    seal / 3.6e12, full / 3.6e12, export * ((double) ENTRIES / EPOCH) / 3.6e12, incremental / 1e9));
            return md.toString();
        }
        double scale = (double) TARGET / ENTRIES;
        md.append("## Extrapolated to 50,000,000 entries\n\n");
        md.append(String.format(Locale.ROOT, "Linear in the entries (every step reads or writes each entry once, by key): "
                + "append through the trail %.1f h, seal %.1f h, full verify %.1f h, export of all epochs %.1f h; an "
                + "incremental verify "
                + "stays at the entries since the last checkpoint plus one key lookup per sealed epoch (50 lookups for "
                + "50 epochs of 1,000,000).%n", append * ((double) TARGET / APPENDED) / 3.6e12, seal * scale / 3.6e12, full * scale / 3.6e12,
                export * (TARGET / (double) EPOCH) / 3.6e12));
        return md.toString();
    }

    /**
     * A baseline's time over all the entries, scaled to {@code entries}; in floating point, since nanoseconds times
     * 50,000,000 entries overflow a long.
     */
    private static long scaled(long nanos, long entries) {
        return Math.round((double) nanos * entries / ENTRIES);
    }

    private static void row(StringBuilder md, String step, long entries, long nanos, String baseline, long baseNanos) {
        double rate = entries / (nanos / 1e9);
        double baseRate = entries / (baseNanos / 1e9);
        md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %s | %,.0f | %.2f |%n", step, entries,
                nanos / 1e9, rate, baseline, baseRate, rate / baseRate));
    }

    private static void appendConcurrently(AuditTrail trail, int count) throws Exception {
        AtomicLong left = new AtomicLong(count);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(t);
                workers.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        trail.append(AuditFixtures.random(random, 30_000));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static long folderSize(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static long timed(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }
}
