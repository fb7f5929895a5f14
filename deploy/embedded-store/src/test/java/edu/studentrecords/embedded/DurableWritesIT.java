package edu.studentrecords.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills the store with SIGKILL while a separate writer process writes to it, restarts it on the same data
 * folder and checks that every write the writer saw acknowledged is still there. The three tests run side by side, each
 * with its own store and writer processes and its own data folder.
 */
@Execution(ExecutionMode.CONCURRENT)
class DurableWritesIT {

    private static final int DURABLE_ROUNDS = 12;
    private static final int MAX_CONTROL_ROUNDS = 5;
    private static final long MIN_KILL_DELAY_MILLIS = 150;
    private static final int KILL_DELAY_SPREAD_MILLIS = 1200;

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    @TempDir
    Path dataDirectory;

    /** With {@code fsync} the store also writes over replaced chunks at once, and housekeeping moves pages meanwhile. */
    @ParameterizedTest
    @EnumSource(value = WriteDurability.class, names = {"COMMIT", "FSYNC"})
    void everyAcknowledgedWriteSurvivesAKill(WriteDurability durability) throws InterruptedException {
        List<String> rounds = new ArrayList<>();
        EmbeddedStoreProcess store = EmbeddedStoreProcess.start(dataDirectory, durability);
        try {
            for (int round = 0; round < DURABLE_ROUNDS; round++) {
                WriterMode mode = modeOfRound(round);
                String collection = "round" + round;
                long killAfter = killDelay();

                List<Long> acknowledged = CrashRound.run(store, collection, mode, killAfter);
                store = EmbeddedStoreProcess.start(dataDirectory, durability);
                long lost = LostWrites.count(store, collection, mode, acknowledged);

                rounds.add(String.format("round %d %s: killed after %d ms, %d acknowledged, %d lost",
                    round, mode, killAfter, acknowledged.size(), lost));
                assertThat(acknowledged).as("acknowledged writes in %s", rounds).isNotEmpty();
                assertThat(lost).as("lost acknowledged writes (seed %d) in %s", seed, rounds).isZero();
            }
            assertStoreServesWrites(store);
        } finally {
            store.kill();
        }
        System.out.println(String.join(System.lineSeparator(), rounds));
    }

    /**
     * The control: the stock backend, same harness. It must lose acknowledged writes in some round, or the
     * harness above could not tell a durable store from the stock one.
     */
    @Test
    void stockBackendLosesAcknowledgedWritesInTheSameHarness() throws InterruptedException {
        List<String> rounds = new ArrayList<>();
        long totalLost = 0;
        EmbeddedStoreProcess store = EmbeddedStoreProcess.start(dataDirectory, WriteDurability.NONE);
        try {
            for (int round = 0; round < MAX_CONTROL_ROUNDS && totalLost == 0; round++) {
                String collection = "control" + round;
                long killAfter = killDelay();

                List<Long> acknowledged = CrashRound.run(store, collection, WriterMode.INSERT, killAfter);
                store = EmbeddedStoreProcess.start(dataDirectory, WriteDurability.NONE);
                long lost = LostWrites.count(store, collection, WriterMode.INSERT, acknowledged);

                totalLost += lost;
                rounds.add(String.format("control round %d: killed after %d ms, %d acknowledged, %d lost",
                    round, killAfter, acknowledged.size(), lost));
            }
        } finally {
            store.kill();
        }
        System.out.println(String.join(System.lineSeparator(), rounds));
        assertThat(totalLost).as("lost acknowledged writes of the stock backend in %s", rounds).isPositive();
    }

    /** Mostly inserts; some rounds update one counter, through update and through findAndModify. */
    private static WriterMode modeOfRound(int round) {
        switch (round % 6) {
            case 2:
                return WriterMode.UPDATE;
            case 5:
                return WriterMode.FIND_AND_MODIFY;
            default:
                return WriterMode.INSERT;
        }
    }

    private long killDelay() {
        return MIN_KILL_DELAY_MILLIS + random.nextInt(KILL_DELAY_SPREAD_MILLIS);
    }

    private static void assertStoreServesWrites(EmbeddedStoreProcess store) {
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> collection = client.getDatabase("records").getCollection("afterRestart");
            collection.insertOne(new Document("_id", "probe").append("state", "written"));
            Document probe = collection.find(new Document("_id", "probe")).first();
            assertThat(probe).isNotNull();
            assertThat(probe.getString("state")).isEqualTo("written");
        }
    }
}
