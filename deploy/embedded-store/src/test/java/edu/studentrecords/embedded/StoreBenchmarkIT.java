package edu.studentrecords.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-thread latency and throughput of insertOne, updateOne by {@code _id} and find by {@code _id} for
 * each durability, measured in the same run. Skipped unless {@code -Dbenchmark=true}:
 * {@code mvn -o -pl deploy/embedded-store -am verify -Dbenchmark=true -Dit.test=StoreBenchmarkIT}.
 * The modes take turns in every repetition so that load from elsewhere on the machine hits them alike;
 * the report gives the median over the repetitions and is written to {@code target/benchmark-results.md}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class StoreBenchmarkIT {

    private static final int REPETITIONS = Integer.getInteger("benchmark.repetitions", 5);
    private static final int OPERATIONS = Integer.getInteger("benchmark.operations", 3000);
    private static final int WARM_UP_OPERATIONS = 2000;
    private static final String PAYLOAD = "p".repeat(1000);

    private enum Operation { INSERT_ONE, UPDATE_ONE_BY_ID, FIND_BY_ID }

    /** The store file's size in bytes at the end of each repetition, while the store still runs. */
    private final Map<WriteDurability, List<Long>> fileBytes = new EnumMap<>(WriteDurability.class);


    @TempDir
    Path folder;

    @Test
    void measureEachDurability() throws Exception {
        Map<WriteDurability, Map<Operation, List<Timing>>> results = new EnumMap<>(WriteDurability.class);
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            for (WriteDurability durability : WriteDurability.values()) {
                Path dataDirectory = folder.resolve(durability + "-" + repetition);
                Map<Operation, Timing> run = measure(durability, dataDirectory,
                    bytes -> fileBytes.computeIfAbsent(durability, d -> new ArrayList<>()).add(bytes));
                run.forEach((operation, result) -> results
                    .computeIfAbsent(durability, d -> new EnumMap<>(Operation.class))
                    .computeIfAbsent(operation, o -> new ArrayList<>())
                    .add(result));
            }
        }
        String report = report(results, fileBytes);
        Files.writeString(Path.of("target", "benchmark-results.md"), report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    private static Map<Operation, Timing> measure(WriteDurability durability, Path dataDirectory, LongConsumer fileBytes)
            throws IOException {
        Map<Operation, Timing> results = new EnumMap<>(Operation.class);
        try (EmbeddedStoreProcess store = EmbeddedStoreProcess.start(dataDirectory, durability);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> collection = client.getDatabase("records").getCollection("students");
            runAll(collection, 0, WARM_UP_OPERATIONS);
            long firstId = WARM_UP_OPERATIONS;
            results.put(Operation.INSERT_ONE, Timing.of(OPERATIONS, i ->
                collection.insertOne(new Document("_id", firstId + i).append("payload", PAYLOAD))));
            results.put(Operation.UPDATE_ONE_BY_ID, Timing.of(OPERATIONS, i ->
                collection.updateOne(Filters.eq("_id", firstId + i), Updates.set("year", i))));
            results.put(Operation.FIND_BY_ID, Timing.of(OPERATIONS, i ->
                collection.find(Filters.eq("_id", firstId + i)).first()));
            fileBytes.accept(Files.size(dataDirectory.resolve(RunningStore.STORE_FILE_NAME)));
        }
        return results;
    }

    private static void runAll(MongoCollection<Document> collection, long firstId, int count) {
        for (long id = firstId; id < firstId + count; id++) {
            collection.insertOne(new Document("_id", id).append("payload", PAYLOAD));
            collection.updateOne(Filters.eq("_id", id), Updates.set("year", 1));
            collection.find(Filters.eq("_id", id)).first();
        }
    }

    private static String report(Map<WriteDurability, Map<Operation, List<Timing>>> results,
            Map<WriteDurability, List<Long>> fileBytes) {
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Median of %d repetitions, %d operations each, 1 thread%n%n",
            REPETITIONS, OPERATIONS));
        report.append("| Operation | Durability | p50 | throughput |\n|---|---|---|---|\n");
        for (Operation operation : Operation.values()) {
            for (WriteDurability durability : WriteDurability.values()) {
                List<Timing> runs = results.get(durability).get(operation);
                report.append(String.format(Locale.ROOT, "| %s | %s | %.0f us | %,.0f/s |%n", operation,
                    durability.optionValue(),
                    Timing.median(runs.stream().mapToDouble(Timing::p50Micros).toArray()),
                    Timing.median(runs.stream().mapToDouble(Timing::perSecond).toArray())));
            }
        }
        report.append(String.format(Locale.ROOT, "%nThe store file at the end of a repetition (%,d documents of about 1 KB, "
            + "%,d single-document writes, each a commit of its own with commit and fsync), median: ", WARM_UP_OPERATIONS + OPERATIONS,
            2 * (WARM_UP_OPERATIONS + OPERATIONS)));
        report.append(String.join(", ", fileBytes.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.1f MB",
            e.getKey().optionValue(), Timing.median(e.getValue().stream().mapToDouble(b -> b / 1e6).toArray())))
            .toList()));
        report.append(String.format(Locale.ROOT, "; each repetition: %s%n", fileBytes));
        report.append("\nEach repetition (p50 us / per second):\n\n");
        results.forEach((durability, byOperation) -> byOperation.forEach((operation, runs) ->
            report.append(String.format(Locale.ROOT, "- %s %s: %s%n", durability.optionValue(), operation,
                runs.stream().map(run -> String.format(Locale.ROOT, "%.0f/%.0f", run.p50Micros(), run.perSecond()))
                    .reduce((a, b) -> a + ", " + b).orElse("")))));
        return report.toString();
    }
}
