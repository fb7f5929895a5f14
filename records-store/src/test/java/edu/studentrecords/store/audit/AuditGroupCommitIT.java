package edu.studentrecords.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.internal.audit.AuditCollectionNames;
import edu.studentrecords.store.internal.audit.MongoAuditTrail;
import edu.studentrecords.store.testing.InProcessMongo;
import edu.studentrecords.store.testing.InsertCounter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Appends that arrive together are written together: many threads, fewer inserts than entries, one chain in sequence
 * order with every acknowledged entry in it; and a batch that fails fails every caller in it while the chain goes on
 * from the last entry that is durable. Inserts are counted by the driver's command listener.
 */
class AuditGroupCommitIT {

    private static final String ENTRIES = AuditCollectionNames.DEFAULTS.entries();
    private static final int THREADS = 16;

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    @Test
    void concurrentAppendersShareInsertsAndMakeOneChainWithEveryAcknowledgedEntry() throws Exception {
        int perThread = 250;
        // Each insert takes 2 ms more, as on a slower disk: on a busy machine the threads would otherwise take turns
        // and no two entries would ever wait for the same insert, which says nothing about group commit.
        InsertCounter inserts = new InsertCounter(ENTRIES, 2);
        MongoDatabase database = MONGO.newClient(inserts).getDatabase(InProcessMongo.freshDatabaseName());
        try (AuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, Clock.systemUTC())) {
            List<List<AuditEntry>> acknowledged = runThreads(THREADS, thread -> {
                List<AuditEntry> own = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    own.add(trail.append(AuditFixtures.read("rec-" + thread + "-" + i)));
                }
                return own;
            });

            int total = THREADS * perThread;
            assertThat(trail.verify()).isEqualTo(ChainVerification.intact(total));
            Map<Long, AuditEntry> stored = chainOf(trail);
            Set<Long> sequences = new HashSet<>();
            for (List<AuditEntry> own : acknowledged) {
                long previous = 0;
                for (AuditEntry entry : own) {
                    assertThat(stored.get(entry.sequence())).as("acknowledged entry %d", entry.sequence()).isEqualTo(entry);
                    assertThat(entry.sequence()).as("one thread's entries in the order it appended").isGreaterThan(previous);
                    previous = entry.sequence();
                    sequences.add(entry.sequence());
                }
            }
            assertThat(sequences).hasSize(total);
            assertThat(inserts.documents()).isEqualTo(total);
            assertThat(inserts.inserts()).as("insert commands for %d entries", total).isLessThan(total / 2);
            System.out.printf("group commit: %d entries from %d threads in %d inserts%n", total, THREADS, inserts.inserts());
        }
    }

    @Test
    void aLoneAppenderWritesEachEntryAtOnce() {
        InsertCounter inserts = new InsertCounter(ENTRIES);
        MongoDatabase database = MONGO.newClient(inserts).getDatabase(InProcessMongo.freshDatabaseName());
        try (AuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, Clock.systemUTC())) {
            for (int i = 1; i <= 20; i++) {
                assertThat(trail.append(AuditFixtures.read("rec-" + i)).sequence()).isEqualTo(i);
                assertThat(inserts.inserts()).isEqualTo(i);
            }
            assertThat(trail.verify()).isEqualTo(ChainVerification.intact(20));
        }
    }

    @ParameterizedTest
    @EnumSource(value = FaultyMongo.Fault.class, names = {"REFUSE", "FAIL_AFTER_STORING"})
    void aFailedBatchFailsEveryCallerInItAndTheChainGoesOnFromTheLastDurableEntry(FaultyMongo.Fault fault)
            throws Exception {
        InsertCounter inserts = new InsertCounter(ENTRIES);
        try (FaultyMongo server = new FaultyMongo(ENTRIES)) {
            MongoDatabase database = server.newClient(inserts).getDatabase(InProcessMongo.freshDatabaseName());
            try (AuditTrail trail = MongoAuditTrail.open(database, AuditFixtures.KEY, Clock.systemUTC())) {
                List<AuditEntry> acknowledged = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    acknowledged.add(trail.append(AuditFixtures.read("before-" + i)));
                }

                // One caller's insert is held while the others queue behind it; then every insert fails.
                server.holdNextInsert();
                server.fault(fault);
                int insertsBefore = inserts.inserts();
                List<FutureTask<AuditEntry>> callers = new ArrayList<>();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String record = "failing-" + t;
                    FutureTask<AuditEntry> caller = new FutureTask<>(() -> trail.append(AuditFixtures.read(record)));
                    callers.add(caller);
                    threads.add(new Thread(caller, "appender-" + t));
                }
                threads.forEach(Thread::start);
                assertThat(server.awaitHeldInsert(30)).as("an insert reached the server").isTrue();
                awaitWaiting(threads, THREADS - 1);
                server.releaseHeldInsert();

                for (FutureTask<AuditEntry> caller : callers) {
                    assertThat(failureOf(caller)).isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.UNAVAILABLE));
                }
                int failedInserts = inserts.inserts() - insertsBefore;
                assertThat(inserts.failedInserts()).isEqualTo(failedInserts);
                assertThat(inserts.documentsInFailedInserts()).as("every failed caller's entry was in a failed insert")
                        .isEqualTo(THREADS);
                assertThat(failedInserts).as("the callers queued behind the held one were one batch").isEqualTo(2);

                server.fault(FaultyMongo.Fault.NONE);
                for (List<AuditEntry> own : runThreads(THREADS, thread -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        entries.add(trail.append(AuditFixtures.read("after-" + thread + "-" + i)));
                    }
                    return entries;
                })) {
                    acknowledged.addAll(own);
                }

                // The held insert, when it failed after storing, left its entries in the chain: recorded, never
                // answered. The batch after it collided with them and stored nothing.
                Map<Long, AuditEntry> stored = chainOf(trail);
                long storedAnyway = stored.values().stream().filter(e -> e.recordId().startsWith("failing-")).count();
                if (fault == FaultyMongo.Fault.REFUSE) {
                    assertThat(storedAnyway).isZero();
                } else {
                    assertThat(storedAnyway).isBetween(1L, THREADS - 1L);
                }
                assertThat(trail.verify()).isEqualTo(ChainVerification.intact(3 + storedAnyway + THREADS * 20));
                assertThat(stored).hasSize((int) (3 + storedAnyway + THREADS * 20));
                for (AuditEntry entry : acknowledged) {
                    assertThat(stored.get(entry.sequence())).as("acknowledged entry %d", entry.sequence()).isEqualTo(entry);
                }
            }
        }
    }

    /** Something one numbered thread does. */
    @FunctionalInterface
    private interface Work<T> {
        T run(int thread) throws Exception;
    }

    /** Runs the work on that many threads at once and returns each thread's result, in thread order. */
    private static <T> List<T> runThreads(int count, Work<T> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<FutureTask<T>> tasks = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            int thread = t;
            Callable<T> body = () -> {
                start.await();
                return work.run(thread);
            };
            FutureTask<T> task = new FutureTask<>(body);
            tasks.add(task);
            new Thread(task, "appender-" + t).start();
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (FutureTask<T> task : tasks) {
            results.add(task.get(2, TimeUnit.MINUTES));
        }
        return results;
    }

    /** Waits until that many of the threads are parked, i.e. queued behind the held insert. */
    private static void awaitWaiting(List<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int stable = 0;
        while (stable < 20) {
            long waiting = threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count();
            stable = waiting >= count ? stable + 1 : 0;
            assertThat(System.nanoTime()).as("%d callers queued in time", count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static Throwable failureOf(FutureTask<AuditEntry> caller) throws Exception {
        try {
            AuditEntry entry = caller.get(30, TimeUnit.SECONDS);
            throw new AssertionError("caller was answered although its batch failed: entry " + entry.sequence());
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static Map<Long, AuditEntry> chainOf(AuditTrail trail) {
        Map<Long, AuditEntry> all = new HashMap<>();
        for (long from = 1;; from += 1000) {
            List<AuditEntry> page = trail.range(from, 1000);
            page.forEach(entry -> all.put(entry.sequence(), entry));
            if (page.size() < 1000) {
                return all;
            }
        }
    }
}
