package edu.studentrecords.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import edu.studentrecords.embedded.EmbeddedStoreProcess;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node that writes the audit log feed is killed hard (SIGKILL) at a random moment while entries keep coming; the
 * node starts again (the same node name, the same file) and feeds on: every entry is in the file exactly once, in
 * sequence order. Five rounds on the same file.
 */
class AuditFeedCrashIT {

    private static final int ROUNDS = 5;
    private static final int PER_ROUND = 1_500;
    private static final String DATABASE = "audit_feed_crash";
    private static final String NODE = "node-a";

    @TempDir
    Path dir;

    @Test
    void everyEntryReachesTheFeedExactlyOnceAcrossHardKillsOfItsNode() throws Exception {
        Random random = new Random();
        Path feed = dir.resolve("feed").resolve("campus.audit.jsonl");
        EmbeddedStoreProcess store = EmbeddedStoreProcess.start(dir.resolve("store"));
        long total = 0;
        try (MongoClient client = MongoClients.create(store.connectionString());
                MongoAuditTrail trail = MongoAuditTrail.open(client.getDatabase(DATABASE), AuditFixtures.KEY,
                        Clock.systemUTC())) {
            for (int round = 1; round <= ROUNDS; round++) {
                Process writer = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                        AuditFeedCrashWriter.class.getName(), store.connectionString(), DATABASE, feed.toString(), NODE)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                CountDownLatch fed = new CountDownLatch(1);
                AtomicInteger passes = new AtomicInteger();
                Thread reader = new Thread(() -> readFed(writer, fed, passes), "fed-reader");
                reader.start();
                int killAt = 200 + random.nextInt(PER_ROUND - 400);
                for (int i = 0; i < PER_ROUND; i++) {
                    trail.append(AuditFixtures.random(random, 50));
                    if (i == 100) {
                        assertThat(fed.await(60, TimeUnit.SECONDS)).as("round %d: the feed started", round).isTrue();
                    }
                    if (i == killAt) {
                        writer.destroyForcibly().waitFor();
                    }
                }
                reader.join(10_000);
                total += PER_ROUND;
                // The node starts again and feeds what is left.
                int after = trail.epochs(Set::of).feed(feed, NODE, Instant.now());
                Map<Long, Integer> seen = sequencesIn(feed);
                assertThat(seen.values()).as("round %d: no entry twice", round).allMatch(count -> count == 1);
                assertThat(seen).as("round %d: every entry", round).hasSize((int) total);
                long expected = total;
                assertThat(seen.keySet()).allMatch(sequence -> sequence >= 1 && sequence <= expected);
                System.out.printf("audit feed crash round %d: %d passes before the kill, %d entries fed after the "
                        + "restart, %d in the file, each once%n", round, passes.get(), after, seen.size());
            }
        } finally {
            store.stop();
        }
    }

    private static Map<Long, Integer> sequencesIn(Path feed) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<Long, Integer> seen = new HashMap<>();
        long previous = 0;
        for (String line : Files.readAllLines(feed, StandardCharsets.UTF_8)) {
            long sequence = json.readTree(line).path("sequence").asLong();
            assertThat(sequence).as("in sequence order").isGreaterThan(previous);
            previous = sequence;
            seen.merge(sequence, 1, Integer::sum);
        }
        return seen;
    }

    private static void readFed(Process writer, CountDownLatch fed, AtomicInteger passes) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("FED ")) {
                    passes.incrementAndGet();
                    fed.countDown();
                }
            }
        } catch (java.io.IOException ignored) {
            // the writer was killed
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
