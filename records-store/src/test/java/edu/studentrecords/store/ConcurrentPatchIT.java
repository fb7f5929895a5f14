package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers patch one record at once, each from the version it read. Every committed change must
 * survive (no lost update) and every writer whose version went stale must be told so.
 */
class ConcurrentPatchIT {

    private static final int WRITERS = 6;
    private static final int CHANGES_PER_WRITER = 8;

    @TempDir
    Path dir;

    @Test
    void noLostUpdateAndEveryRefusedWriterIsTold() throws Exception {
        try (StoreFixture fixture = StoreFixture.start(dir)) {
            StudentRecords store = fixture.store();
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            RecordView created = store.records().create(admin, new GeneratedStudents(7).next(LocalDate.now()), null);
            AtomicInteger refusals = new AtomicInteger();
            AtomicInteger attempts = new AtomicInteger();

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Callable<List<String>> task = () -> {
                    List<String> committed = new ArrayList<>();
                    for (int i = 0; i < CHANGES_PER_WRITER; i++) {
                        String marker = "w" + writer + "-" + i;
                        while (true) {
                            RecordView current = store.records().read(admin, created.id());
                            attempts.incrementAndGet();
                            try {
                                store.records().update(admin, created.id(), current.version(), increment(current));
                                committed.add(marker);
                                break;
                            } catch (StoreException e) {
                                assertThat(e.currentVersion()).isGreaterThan(current.version());
                                refusals.incrementAndGet();
                            }
                        }
                    }
                    return committed;
                };
                results.add(pool.submit(task));
            }
            List<String> committed = new ArrayList<>();
            for (Future<List<String>> f : results) {
                committed.addAll(f.get());
            }
            pool.shutdown();

            RecordView last = store.records().read(admin, created.id());
            int total = WRITERS * CHANGES_PER_WRITER;
            assertThat(committed).hasSize(total);
            assertThat(last.version()).isEqualTo(1 + total);
            // Each change incremented the counter it read: a lost update would leave it short.
            assertThat(counter(last)).isEqualTo(total);
            assertThat(attempts.get()).isEqualTo(total + refusals.get());
            System.out.printf("concurrent patch: %d writers, %d committed, %d refused as stale%n", WRITERS, total, refusals.get());
            assertThat(refusals.get()).as("writers really raced").isPositive();
        }
    }

    private static int counter(RecordView view) {
        String address = view.contact().homeAddress();
        return address.startsWith("counter ") ? Integer.parseInt(address.substring("counter ".length())) : 0;
    }

    /** A patch that increments the counter kept in the home address, from the value this writer read. */
    private static String increment(RecordView current) {
        return "{\"contact\":{\"homeAddress\":\"counter " + (counter(current) + 1) + "\"}}";
    }
}
