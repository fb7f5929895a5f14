package edu.studentrecords.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.testing.Destructions;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process indexing the feed is killed hard (SIGKILL) at a random moment while the store keeps changing;
 * the index reopened on the same folder resumes from the feed position of its last commit and converges to
 * the store: the same record ids at the same versions.
 */
class IndexCrashIT {

    @TempDir
    Path dir;

    @Test
    void afterAKillDuringIndexingTheIndexResumesFromItsCommitAndConvergesToTheStore() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin("registrar-1");
            GeneratedStudents students = new GeneratedStudents(41);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                RecordView v = store.records().create(admin, students.next(LocalDate.now()), null);
                ids.add(v.id());
                if (i % 4 == 0) {
                    store.records().update(admin, v.id(), v.version(), "{\"profile\":{\"status\":\"SUSPENDED\"}}");
                }
            }
            Path data = dir.resolve("search");
            Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    IndexingProcess.class.getName(), fixture.process().connectionString(),
                    dir.resolve("keys").toString(), data.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            AtomicLong childPosition = new AtomicLong(-1);
            Thread reader = new Thread(() -> readPositions(child, childPosition));
            reader.setDaemon(true);
            reader.start();
            long killAt;
            try {
                // The store keeps changing while the child indexes: creations, updates and destructions.
                for (int i = 0; i < 60; i++) {
                    RecordView v = store.records().create(admin, students.next(LocalDate.now()), null);
                    ids.add(v.id());
                    if (i % 5 == 0) {
                        Destructions.destroy(store, ids.remove(i), "crash test");
                    }
                    if (i == 20) {
                        await().atMost(Duration.ofSeconds(60)).until(() -> childPosition.get() > 0);
                        // Kept on purpose: the kill must land at a random moment of indexing, and a random span of
                        // time is that moment; no state of the child can be awaited without choosing it for it.
                        Thread.sleep(new Random().nextInt(400));
                    }
                }
                killAt = childPosition.get();
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(killAt).as("the child was indexing when killed").isPositive();
            long head = store.changes().head();

            try (StudentSearchIndex index = StudentSearchIndex.open(SearchSettings.defaults(data), store.changes())) {
                long resumedFrom = index.searchablePosition();
                assertThat(resumedFrom).as("resumes from its committed position").isPositive();
                assertThat(index.awaitSearchable(head, Duration.ofSeconds(60))).isTrue();
                Map<String, Long> storeVersions = new HashMap<>();
                for (String id : ids) {
                    storeVersions.put(id, store.records().read(admin, id).version());
                }
                Drift drift = index.reconcile(storeVersions);
                assertThat(drift.missing()).isEmpty();
                assertThat(drift.extra()).isEmpty();
                assertThat(drift.mismatched()).isEmpty();
                assertThat(index.reconcileWithFeed().isEmpty()).isTrue();
                assertThat(storeVersions.values()).contains(2L);
            }
        }
    }

    private static void readPositions(Process child, AtomicLong position) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("POS ")) {
                    position.set(Long.parseLong(line.substring(4).trim()));
                }
            }
        } catch (Exception childGone) {
            // the child was killed: nothing more to read
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
