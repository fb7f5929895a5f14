package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's backend ({@link StoreBackend}: unique indexes in their own key order, documents as BSON) against the
 * stock H2 backend of mongo-java-server, on the same documents in the same run: finds by {@code _id} and by another
 * unique key, updates by {@code _id} and inserts, one thread. Both backends write their file in the background (the
 * stock behaviour), so that only the indexes and the documents' form differ. Skipped unless {@code -Dbenchmark=true}; the record count is
 * {@code -Dbenchmark.records} (default 100,000). Writes {@code benchmarks/index-keys.md}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class IndexKeyOrderBenchmarkIT {

    private static final int RECORDS = Integer.getInteger("benchmark.records", 100_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
    private static final int FINDS = 5_000;
    private static final int WRITES = 2_000;
    private static final int BATCH = 1_000;
    private static final String PAYLOAD = "p".repeat(900);

    /** What is compared: the stock backend and the store's, both with H2's default page cache, and the launcher's. */
    private enum Backend {
        STOCK("stock", LauncherOptions.MIN_CACHE_MEGABYTES),
        OURS("ours", LauncherOptions.MIN_CACHE_MEGABYTES),
        OURS_CACHED("ours, launcher's cache", 0);

        final String label;
        final int cacheMegabytes;

        Backend(String label, int cacheMegabytes) {
            this.label = label;
            this.cacheMegabytes = cacheMegabytes;
        }

        int cache() throws UsageException {
            return cacheMegabytes > 0 ? cacheMegabytes
                : LauncherOptions.parse().cacheMegabytes(Runtime.getRuntime().maxMemory());
        }
    }

    private enum Operation {
        FIND_BY_ID("find by `_id`"),
        FIND_BY_NUMBER("find by another unique key"),
        UPDATE_BY_ID("`updateOne` by `_id`"),
        INSERT_ONE("`insertOne`");

        final String label;

        Operation(String label) {
            this.label = label;
        }
    }


    @TempDir
    Path folder;

    @Test
    void oursAgainstTheStockBackend() throws Exception {
        assertThat(Backend.OURS_CACHED.cache()).as("the launcher's cache").isGreaterThan(LauncherOptions.MIN_CACHE_MEGABYTES);
        List<String> ids = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            ids.add(UUID.nameUUIDFromBytes(("student-" + i).getBytes(StandardCharsets.UTF_8)).toString());
        }
        Map<Backend, Map<Operation, List<Timing>>> timings = new LinkedHashMap<>();
        Map<Backend, Double> loads = new LinkedHashMap<>();
        try (Server stock = new Server(folder.resolve("stock.mv"), H2Backend::new, Backend.STOCK.cache());
                Server ours = new Server(folder.resolve("ours.mv"), StoreBackend::new, Backend.OURS.cache());
                Server cached = new Server(folder.resolve("cached.mv"), StoreBackend::new, Backend.OURS_CACHED.cache())) {
            Map<Backend, Server> servers = Map.of(Backend.STOCK, stock, Backend.OURS, ours, Backend.OURS_CACHED, cached);
            loads.putAll(load(servers, ids));
            for (int round = 0; round < ROUNDS; round++) {
                List<Backend> order = new ArrayList<>(List.of(Backend.values()));
                java.util.Collections.rotate(order, round);
                for (Backend backend : order) {
                    Map<Operation, Timing> run = measure(servers.get(backend).students, ids, round);
                    if (round > 0) {
                        run.forEach((operation, timing) -> timings.computeIfAbsent(backend, b -> new LinkedHashMap<>())
                            .computeIfAbsent(operation, o -> new ArrayList<>()).add(timing));
                    }
                }
            }
        }
        Path out = Path.of("benchmarks", "index-keys.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report(timings, loads), StandardCharsets.UTF_8);
    }

    /**
     * Inserts the records into both, {@value #BATCH} a command, the backends taking turns command by command; the
     * documents per second of each.
     */
    private static Map<Backend, Double> load(Map<Backend, Server> servers, List<String> ids) {
        Map<Backend, Long> nanos = new LinkedHashMap<>();
        for (Backend backend : Backend.values()) {
            servers.get(backend).students.createIndex(Indexes.ascending("number"), new IndexOptions().unique(true));
            nanos.put(backend, 0L);
        }
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Document> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(ids.size(), from + BATCH); i++) {
                batch.add(student(ids.get(i), i));
            }
            for (Backend backend : Backend.values()) {
                long start = System.nanoTime();
                servers.get(backend).students.insertMany(batch);
                nanos.merge(backend, System.nanoTime() - start, Long::sum);
            }
        }
        Map<Backend, Double> rates = new LinkedHashMap<>();
        nanos.forEach((backend, spent) -> rates.put(backend, ids.size() / (spent / 1e9)));
        return rates;
    }

    private static Document student(String id, int n) {
        return new Document("_id", id).append("number", number(n)).append("year", 2024).append("payload", PAYLOAD);
    }

    private static String number(int n) {
        return String.format(Locale.ROOT, "G%08d", n);
    }

    private static Map<Operation, Timing> measure(MongoCollection<Document> students, List<String> ids, int round) {
        Random random = new Random(round);
        Map<Operation, Timing> run = new LinkedHashMap<>();
        run.put(Operation.FIND_BY_ID, Timing.of(FINDS, i -> {
            String id = ids.get(random.nextInt(ids.size()));
            assertThat(students.find(Filters.eq("_id", id)).first()).isNotNull();
        }));
        run.put(Operation.FIND_BY_NUMBER, Timing.of(FINDS, i -> {
            String number = number(random.nextInt(ids.size()));
            assertThat(students.find(Filters.eq("number", number)).first()).isNotNull();
        }));
        run.put(Operation.UPDATE_BY_ID, Timing.of(WRITES, i -> {
            String id = ids.get(random.nextInt(ids.size()));
            assertThat(students.updateOne(Filters.eq("_id", id), Updates.inc("year", 1)).getModifiedCount()).isOne();
        }));
        int first = ids.size() + round * WRITES;
        run.put(Operation.INSERT_ONE, Timing.of(WRITES, i ->
            students.insertOne(student(UUID.randomUUID().toString(), first + i))));
        return run;
    }

    private static String report(Map<Backend, Map<Operation, List<Timing>>> timings, Map<Backend, Double> loads)
            throws UsageException {
        StringBuilder md = new StringBuilder();
        md.append("# The store's backend (index key order, BSON documents) against the stock H2 backend\n\n");
        md.append(String.format(Locale.ROOT, "Made by `mvn -B -pl deploy/embedded-store -am verify -Dbenchmark=true "
                + "-Dit.test=IndexKeyOrderBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false "
                + "-Dfailsafe.failIfNoSpecifiedTests=false` (from the repository root) on %s, %d cores, Java %s.%n%n",
            Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        md.append(String.format(Locale.ROOT, "Three mongo-java-server 1.47.0 servers in one JVM, each on its own H2 file, "
            + "written in the background (the stock behaviour, so that only the indexes, the documents' form and the "
            + "cache differ): the stock `H2Backend` (documents as serialised Java objects) and the store's "
            + "`StoreBackend` (unique indexes in its own key order, documents as BSON) with H2's default page cache of %d MB, and the store's "
            + "with the cache the launcher gives it by default (a quarter of the heap: %d MB in this JVM). Each holds "
            + "%,d documents of about 1 KB with a UUID `_id` and a unique `number`. Then %d rounds (the first a "
            + "warm-up, not counted), the backend that goes first rotating: %,d finds by `_id`, %,d by `number`, %,d "
            + "updates by `_id`, %,d inserts, random keys, one thread, through the MongoDB driver. Medians over the "
            + "counted rounds.%n%n", LauncherOptions.MIN_CACHE_MEGABYTES, Backend.OURS_CACHED.cache(),
            RECORDS, ROUNDS, FINDS, FINDS, WRITES, WRITES));
        md.append("| operation | stock p50 (us) | ours p50 (us) | ours, launcher's cache p50 (us) | stock (ops/s) | "
            + "ours (ops/s) | ours, launcher's cache (ops/s) | ours / stock | ours, launcher's cache / stock |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| `insertMany` of the %,d documents, %,d a command, the backends taking "
                + "turns | | | | %,.0f | %,.0f | %,.0f | %.2fx | %.2fx |%n", RECORDS, BATCH, loads.get(Backend.STOCK),
            loads.get(Backend.OURS), loads.get(Backend.OURS_CACHED), loads.get(Backend.OURS) / loads.get(Backend.STOCK),
            loads.get(Backend.OURS_CACHED) / loads.get(Backend.STOCK)));
        for (Operation operation : Operation.values()) {
            Map<Backend, Double> p50 = new LinkedHashMap<>();
            Map<Backend, Double> rate = new LinkedHashMap<>();
            for (Backend backend : Backend.values()) {
                List<Timing> runs = timings.get(backend).get(operation);
                p50.put(backend, Timing.median(runs.stream().mapToDouble(Timing::p50Micros).toArray()));
                rate.put(backend, Timing.median(runs.stream().mapToDouble(Timing::perSecond).toArray()));
            }
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %,.0f | %,.0f | %,.0f | %.2fx | %.2fx |%n",
                operation.label, p50.get(Backend.STOCK), p50.get(Backend.OURS), p50.get(Backend.OURS_CACHED),
                rate.get(Backend.STOCK), rate.get(Backend.OURS), rate.get(Backend.OURS_CACHED),
                rate.get(Backend.OURS) / rate.get(Backend.STOCK), rate.get(Backend.OURS_CACHED) / rate.get(Backend.STOCK)));
        }
        return md.toString();
    }

    /** One server on its own file, written in the background like the stock backend, and a client of it. */
    private static final class Server implements AutoCloseable {

        final MongoServer server;
        final MongoClient client;
        final MongoCollection<Document> students;

        Server(Path file, Function<MVStore, H2Backend> backend, int cacheMegabytes) {
            MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled()
                .cacheSize(cacheMegabytes).open();
            H2Backend opened = backend.apply(store);
            store.setAutoCommitDelay(1000);
            server = new MongoServer(opened);
            InetSocketAddress address = server.bind();
            client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
            students = client.getDatabase("records").getCollection("students");
        }

        @Override
        public void close() {
            client.close();
            server.shutdownNow();
        }
    }
}
