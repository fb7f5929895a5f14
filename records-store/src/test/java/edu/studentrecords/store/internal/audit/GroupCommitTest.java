package edu.studentrecords.store.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEvent;
import edu.studentrecords.store.audit.AuditEventBuilder;
import edu.studentrecords.store.audit.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The leader/follower queue alone, with a writer that numbers events and can be held or made to fail. */
class GroupCommitTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<List<AuditEvent>> batches = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final CountDownLatch firstBatchHeld = new CountDownLatch(1);
    private final CountDownLatch releaseFirstBatch = new CountDownLatch(1);
    private final AtomicBoolean holdFirstBatch = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void aLoneCallerWritesAtOnceInABatchOfItsOwn() {
        GroupCommit commit = new GroupCommit(this::write);
        for (int i = 1; i <= 5; i++) {
            AuditEntry entry = commit.append(event("r" + i));
            assertThat(entry.sequence()).isEqualTo(i);
            assertThat(entry.recordId()).isEqualTo("r" + i);
        }
        assertThat(batches).hasSize(5).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    @Test
    void callersArrivingDuringAWriteShareTheNextBatchAndEachGetsItsOwnEntry() throws Exception {
        GroupCommit commit = new GroupCommit(this::write);
        holdFirstBatch.set(true);
        Future<AuditEntry> first = pool.submit(() -> commit.append(event("first")));
        assertThat(firstBatchHeld.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<AuditEntry>> later = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String id = "later-" + i;
            later.add(pool.submit(() -> commit.append(event(id))));
        }
        awaitQueued(commit, 15);
        releaseFirstBatch.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).sequence()).isEqualTo(1);
        for (int i = 0; i < 15; i++) {
            assertThat(later.get(i).get(10, TimeUnit.SECONDS).recordId()).isEqualTo("later-" + i);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).hasSize(15);
        assertThat(later.stream().map(GroupCommitTest::sequenceOf).sorted().toList())
                .containsExactlyElementsOf(range(2, 16));
    }

    @Test
    void batchesAreBoundedAndWrittenInTheOrderCallersQueued() throws Exception {
        GroupCommit commit = new GroupCommit(this::write, 4);
        holdFirstBatch.set(true);
        Future<AuditEntry> first = pool.submit(() -> commit.append(event("first")));
        assertThat(firstBatchHeld.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<AuditEntry>> later = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "later-" + i;
            later.add(pool.submit(() -> commit.append(event(id))));
            awaitQueued(commit, i + 1);
        }
        releaseFirstBatch.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 10; i++) {
            assertThat(later.get(i).get(10, TimeUnit.SECONDS).sequence()).isEqualTo(i + 2);
        }
        assertThat(batches.stream().map(List::size).toList()).containsExactly(1, 4, 4, 2);
    }

    @Test
    void aFailedBatchFailsEveryCallerInItAndTheNextBatchIsWritten() throws Exception {
        GroupCommit commit = new GroupCommit(this::write);
        holdFirstBatch.set(true);
        Future<AuditEntry> first = pool.submit(() -> commit.append(event("first")));
        assertThat(firstBatchHeld.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<AuditEntry>> later = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "later-" + i;
            later.add(pool.submit(() -> commit.append(event(id))));
        }
        awaitQueued(commit, 7);
        failing.set(true);
        releaseFirstBatch.countDown();

        for (Future<AuditEntry> caller : concat(first, later)) {
            assertThatThrownBy(() -> caller.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(ExecutionException.class,
                    e -> assertThat(e.getCause()).isInstanceOfSatisfying(StoreException.class,
                            failure -> assertThat(failure.kind()).isEqualTo(StoreException.Kind.UNAVAILABLE)));
        }
        assertThat(batches.stream().map(List::size).toList()).containsExactly(1, 7);

        failing.set(false);
        assertThat(commit.append(event("after")).recordId()).isEqualTo("after");
    }

    @Test
    void anInterruptedLeaderStillWritesTheBatchAndKeepsItsInterrupt() {
        GroupCommit commit = new GroupCommit(events -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted during the write");
            }
            return write(events);
        });
        Thread.currentThread().interrupt();
        try {
            assertThat(commit.append(event("r")).sequence()).isEqualTo(1);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anErrorInTheWriterFailsItsCallersInsteadOfLeavingThemWaiting() throws Exception {
        GroupCommit commit = new GroupCommit(events -> {
            throw new AssertionError("writer broke");
        });
        assertThatThrownBy(() -> commit.append(event("r"))).isInstanceOf(AssertionError.class);
        Future<AuditEntry> next = pool.submit(() -> commit.append(event("s")));
        assertThatThrownBy(() -> next.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(AssertionError.class);
    }

    @Test
    void aCallersManyEventsAreWrittenTogetherInOrderAndNextToEachOtherInBatchesOfTheLimit() throws Exception {
        GroupCommit commit = new GroupCommit(this::write, 4);
        holdFirstBatch.set(true);
        Future<AuditEntry> first = pool.submit(() -> commit.append(event("first")));
        assertThat(firstBatchHeld.await(10, TimeUnit.SECONDS)).isTrue();
        List<AuditEvent> file = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            file.add(event("row-" + i));
        }
        Future<List<AuditEntry>> rows = pool.submit(() -> commit.appendAll(file));
        awaitQueued(commit, 10);
        Future<AuditEntry> after = pool.submit(() -> commit.append(event("after")));
        awaitQueued(commit, 11);
        releaseFirstBatch.countDown();

        assertThat(rows.get(10, TimeUnit.SECONDS)).extracting(AuditEntry::recordId, AuditEntry::sequence)
                .containsExactlyElementsOf(range(0, 9).stream()
                        .map(i -> org.assertj.core.groups.Tuple.tuple("row-" + i, i + 2)).toList());
        assertThat(after.get(10, TimeUnit.SECONDS).sequence()).isEqualTo(12);
        assertThat(first.get().sequence()).isEqualTo(1);
        // One write per four events: the caller's ten do not cost ten writes.
        assertThat(batches.stream().map(List::size).toList()).containsExactly(1, 4, 4, 3);
    }

    @Test
    void aFailedBatchFailsTheCallerOfManyEvents() {
        GroupCommit commit = new GroupCommit(this::write, 4);
        failing.set(true);
        assertThatThrownBy(() -> commit.appendAll(List.of(event("a"), event("b"), event("c"))))
                .isInstanceOfSatisfying(StoreException.class,
                        failure -> assertThat(failure.kind()).isEqualTo(StoreException.Kind.UNAVAILABLE));
        failing.set(false);
        assertThat(commit.appendAll(List.of(event("d"), event("e")))).extracting(AuditEntry::recordId)
                .containsExactly("d", "e");
        assertThat(batches.stream().map(List::size).toList()).containsExactly(3, 2);
    }

    private List<AuditEntry> write(List<AuditEvent> events) {
        batches.add(List.copyOf(events));
        if (holdFirstBatch.compareAndSet(true, false)) {
            firstBatchHeld.countDown();
            try {
                releaseFirstBatch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failing.get()) {
            throw new IllegalStateException("store gone");
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (AuditEvent event : events) {
            entries.add(AuditEntry.of(sequence.incrementAndGet(), Instant.EPOCH, event, "p", "h"));
        }
        return entries;
    }

    /** Waits until {@code count} callers besides the one being written wait in the queue. */
    private static void awaitQueued(GroupCommit commit, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commit.queued() < count) {
            assertThat(System.nanoTime()).as("callers queued in time").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static AuditEvent event(String recordId) {
        return AuditEventBuilder.builder().clientId("registry-portal").recordId(recordId).operation("READ")
                .decision(Decision.ALLOW).build();
    }

    private static long sequenceOf(Future<AuditEntry> future) {
        try {
            return future.get().sequence();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> range(long first, long last) {
        List<Long> values = new ArrayList<>();
        for (long value = first; value <= last; value++) {
            values.add(value);
        }
        return values;
    }

    private static List<Future<AuditEntry>> concat(Future<AuditEntry> first, List<Future<AuditEntry>> rest) {
        List<Future<AuditEntry>> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
