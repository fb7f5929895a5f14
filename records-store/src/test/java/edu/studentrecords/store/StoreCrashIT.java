package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.ChainVerification;
import edu.studentrecords.store.testing.CrashWriter;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child process writes records through the store; the store process is killed hard (SIGKILL) at a
 * random moment; after a restart every acknowledged write is there, every record decrypts and the audit
 * chain verifies. Ten rounds on the same data.
 */
class StoreCrashIT {

    private static final int ROUNDS = 10;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesAHardKillOfTheStore() throws Exception {
        Random random = new Random();
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        StoreFixture fixture = StoreFixture.start(dir);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                CountDownLatch firstAck = new CountDownLatch(1);
                Process writer = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                        CrashWriter.class.getName(), fixture.process().connectionString(), dir.resolve("keys").toString(),
                        Integer.toString(round))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                Thread reader = new Thread(() -> {
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            if (line.startsWith("ACK ")) {
                                String[] parts = line.split(" ");
                                acknowledged.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                                firstAck.countDown();
                            }
                        }
                    } catch (java.io.IOException ignored) {
                        // the writer died with the store
                    }
                });
                reader.start();
                assertThat(firstAck.await(60, TimeUnit.SECONDS)).as("writer started writing").isTrue();
                Thread.sleep(200 + random.nextInt(1500));

                fixture.crashStoreProcess();
                // What the writer printed before the crash is all that counts; it can go.
                writer.destroyForcibly().waitFor();
                reader.join(10_000);

                fixture.restart();
                checkEverythingAcknowledgedIsThere(fixture.store(), acknowledged, round);
            }
        } finally {
            fixture.close();
        }
    }

    private static void checkEverythingAcknowledgedIsThere(StudentRecords store, Map<String, Long> acknowledged, int round) {
        AccessContext admin = Principals.admin(UUID.randomUUID().toString());
        for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
            RecordView view = store.records().read(admin, ack.getKey());
            assertThat(view.version()).as("round %d: version of an acknowledged write", round).isGreaterThanOrEqualTo(ack.getValue());
            assertThat(view.identity().residentIdNumber()).hasSize(18);
            assertThat(view.contact().homeAddress()).isNotBlank();
        }
        ChainVerification verification = store.auditTrail().verify();
        assertThat(verification.intact()).as("round %d: audit chain %s", round, verification).isTrue();
        System.out.printf("crash round %d: %d acknowledged records present and readable, audit chain of %d entries intact%n",
                round, acknowledged.size(), verification.entriesChecked());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
