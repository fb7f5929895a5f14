package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.Outcome;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreUnderTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many writers patch one record at once, each from the version it read. Every committed change must
 * survive (no lost update) and every writer whose version went stale must be told so. Against the embedded store in
 * every build ({@link ConcurrentPatchIT}) and a real replica set where a Docker engine is
 * ({@link ReplicaSetConcurrentPatchIT}).
 */
abstract class ConcurrentPatchContract {

    private static final int WRITERS = 6;
    private static final int CHANGES_PER_WRITER = 8;

    /** The engine under test, running for the whole class. */
    abstract StoreUnderTest target();

    @Test
    void noLostUpdateAndEveryRefusedWriterIsTold() throws Exception {
        try (StudentRecords store = target().connect()) {
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

    @Test
    void writersRacingOnOneVersionLeaveOneDoneEntryAndTheRestNotDone() throws Exception {
        try (StudentRecords store = target().connect()) {
            RecordView created = store.records().create(Principals.admin(UUID.randomUUID().toString()),
                    new GeneratedStudents(11).next(LocalDate.now()), null);
            int racers = 12;
            List<AccessContext> admins = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                admins.add(Principals.admin(UUID.randomUUID().toString()));
            }
            CyclicBarrier start = new CyclicBarrier(racers);
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (AccessContext admin : admins) {
                answers.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.records().update(admin, created.id(), 1, "{\"contact\":{\"homeAddress\":\"raced\"}}");
                        return true;
                    } catch (StoreException e) {
                        assertThat(e.is(StoreException.Kind.STALE)).isTrue();
                        return false;
                    }
                }));
            }
            int done = 0;
            for (Future<Boolean> answer : answers) {
                done += answer.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(done).isEqualTo(1);

            Set<String> racing = new HashSet<>();
            admins.forEach(a -> racing.add(a.subject()));
            List<AuditEntry> updates = store.auditTrail().historyOf(created.id(), null, null, 0, 1000).stream()
                    .filter(e -> racing.contains(e.subject())).toList();
            assertThat(updates).as("one entry per call").hasSize(racers);
            assertThat(updates).filteredOn(e -> e.outcome() == Outcome.DONE).hasSize(1);
            assertThat(updates).filteredOn(e -> e.outcome() == Outcome.NOT_DONE)
                    .hasSize(racers - 1).allMatch(e -> "STALE_VERSION".equals(e.reason()));
        }
    }

    @Test
    void readsRacingMovesAreEnteredAsTheyWereAnswered() throws Exception {
        try (StudentRecords store = target().connect()) {
            AccessContext admin = Principals.admin(UUID.randomUUID().toString());
            RecordView created = store.records().create(admin, new GeneratedStudents(13).next(LocalDate.now()), null);
            String home = created.profile().unit();
            String elsewhere = home.startsWith("arts/") ? "science/physics/2019-1" : "arts/history/2019-1";
            AccessContext teacher = Principals.staff(UUID.randomUUID().toString(), Principals.allScopes(), home);
            int readers = 3;
            int reads = 100;
            AtomicInteger answered = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
            Future<?> mover = pool.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    RecordView now = store.records().read(admin, created.id());
                    String to = i % 2 == 0 ? elsewhere : home;
                    store.records().update(admin, created.id(), now.version(),
                            "{\"profile\":{\"unit\":\"" + to + "\"}}");
                }
                return null;
            });
            List<Future<?>> readings = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                readings.add(pool.submit(() -> {
                    for (int i = 0; i < reads; i++) {
                        try {
                            store.records().read(teacher, created.id());
                            answered.incrementAndGet();
                        } catch (StoreException e) {
                            assertThat(e.is(StoreException.Kind.NOT_FOUND) || e.is(StoreException.Kind.REFUSED)).isTrue();
                        }
                    }
                    return null;
                }));
            }
            mover.get();
            for (Future<?> reading : readings) {
                reading.get();
            }
            pool.shutdown();

            List<AuditEntry> entries = store.auditTrail().historyOf(created.id(), null, null, 0, 1000).stream()
                    .filter(e -> teacher.subject().equals(e.subject())).toList();
            assertThat(entries).as("one entry per read").hasSize(readers * reads);
            assertThat(entries).filteredOn(e -> e.outcome() == Outcome.DONE).as("entered as done = answered")
                    .hasSize(answered.get());
            System.out.printf("reads racing moves: %d of %d answered%n", answered.get(), readers * reads);
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
