package edu.studentrecords.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import edu.studentrecords.embedded.EmbeddedStoreProcess;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child process appends audit entries from {@value #THREADS} threads, so that appends are written in groups (fewer
 * insert commands than acknowledged entries, as its driver's command listener counts them); the store process is
 * killed hard (SIGKILL) at a random moment; after a restart every append the child was answered for is in the chain
 * with the hash it was answered with, the chain verifies, and every such entry is in the history of its record (the
 * history index is written without waiting for the journal until the anchor moves over it). Ten rounds on the same
 * data.
 */
class AuditGroupCommitCrashIT {

    private static final int ROUNDS = 10;
    private static final int THREADS = 16;
    private static final String DATABASE = "audit_crash";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesAHardKillOfTheStore() throws Exception {
        Random random = new Random();
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        Map<Long, String> recordOf = new ConcurrentHashMap<>();
        AtomicInteger inserts = new AtomicInteger();
        Path data = dir.resolve("store");
        EmbeddedStoreProcess store = EmbeddedStoreProcess.start(data);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                int before = acknowledged.size();
                int insertsBefore = inserts.get();
                CountDownLatch firstAck = new CountDownLatch(1);
                Process appender = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                        AuditCrashAppender.class.getName(), store.connectionString(), DATABASE, Integer.toString(THREADS))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                Thread reader = new Thread(() -> readAcks(appender, acknowledged, recordOf, inserts, firstAck),
                        "ack-reader");
                reader.start();
                assertThat(firstAck.await(60, TimeUnit.SECONDS)).as("round %d: appender started", round).isTrue();
                Thread.sleep(200 + random.nextInt(1500));

                store.kill();
                // What the appender printed before the crash is all that counts; it can go.
                appender.destroyForcibly().waitFor();
                reader.join(10_000);

                store = EmbeddedStoreProcess.start(data);
                checkEverythingAcknowledgedIsThere(store, acknowledged, recordOf, round);
                System.out.printf("audit crash round %d: %d appends acknowledged, %d insert commands sent%n", round,
                        acknowledged.size() - before, inserts.get() - insertsBefore);
            }
            assertThat(inserts.get()).as("insert commands for %d acknowledged entries", acknowledged.size())
                    .isLessThan(acknowledged.size());
        } finally {
            store.stop();
        }
    }

    private static void readAcks(Process appender, Map<Long, String> acknowledged, Map<Long, String> recordOf,
            AtomicInteger inserts, CountDownLatch firstAck) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(appender.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 4 && parts[0].equals("ACK")) {
                    // Two answers for one sequence would be two entries in one place: keep both to fail on.
                    acknowledged.merge(Long.parseLong(parts[1]), parts[2], (one, other) -> one + "+" + other);
                    recordOf.put(Long.parseLong(parts[1]), parts[3]);
                    firstAck.countDown();
                } else if (parts.length == 2 && parts[0].equals("INSERT")) {
                    inserts.incrementAndGet();
                }
            }
        } catch (IOException ignored) {
            // the appender died with the store
        }
    }

    private static void checkEverythingAcknowledgedIsThere(EmbeddedStoreProcess store, Map<Long, String> acknowledged,
            Map<Long, String> recordOf, int round) {
        try (MongoClient client = MongoClients.create(store.connectionString());
                AuditTrail trail = MongoAuditTrail.open(client.getDatabase(DATABASE), AuditFixtures.KEY, Clock.systemUTC())) {
            ChainVerification verification = trail.verify();
            assertThat(verification.intact()).as("round %d: audit chain %s", round, verification).isTrue();
            Map<Long, String> stored = new HashMap<>();
            for (long from = 1;; from += 1000) {
                List<AuditEntry> page = trail.range(from, 1000);
                page.forEach(entry -> stored.put(entry.sequence(), entry.hash()));
                if (page.size() < 1000) {
                    break;
                }
            }
            for (Map.Entry<Long, String> ack : acknowledged.entrySet()) {
                assertThat(stored.get(ack.getKey())).as("round %d: acknowledged entry %d", round, ack.getKey())
                        .isEqualTo(ack.getValue());
            }
            assertThat(verification.entriesChecked()).isEqualTo(stored.size());
            Map<String, Set<Long>> expectedHistories = new TreeMap<>();
            recordOf.forEach((sequence, record) ->
                    expectedHistories.computeIfAbsent(record, r -> new TreeSet<>()).add(sequence));
            expectedHistories.forEach((record, sequences) -> {
                Set<Long> history = new TreeSet<>();
                trail.wholeHistoryOf(record, null, null).forEach(entry -> history.add(entry.sequence()));
                assertThat(history).as("round %d: history of %s", round, record).containsAll(sequences);
            });
            System.out.printf("audit crash round %d: all %d acknowledged so far present, chain of %d entries intact%n",
                    round, acknowledged.size(), stored.size());
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
