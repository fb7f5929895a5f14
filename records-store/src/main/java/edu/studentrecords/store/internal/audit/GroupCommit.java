package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets appenders that arrive together share one durable write. Each caller queues its event. A caller that finds no
 * write under way leads: it takes the queue's oldest events (its own among them, unless more than a batch wait
 * before it), up to {@link #MAX_BATCH}, writes them as one batch, and hands each of their callers its entry or the
 * batch's failure. Callers that queue meanwhile wait for that write to end; then one of those still waiting leads
 * the next batch with everything that queued. Nothing waits for company: a lone caller writes at once, and a batch
 * forms only from callers that arrived while the previous one was being written.
 *
 * <p>A caller returns only once the batch holding its event is written, or throws if that batch failed: a failed
 * batch fails every caller in it. Batches are written one at a time, in the order their events queued.
 *
 * <p>Thread-safe.
 */
final class GroupCommit {

    /** At most this many events in one batch. */
    static final int MAX_BATCH = 256;

    /** Writes one batch: returns an entry per event, in order, once all are durable, or throws. */
    @FunctionalInterface
    interface BatchWriter {
        List<AuditEntry> write(List<AuditEvent> events);
    }

    private final BatchWriter writer;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchDone = lock.newCondition();
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private boolean writing;

    GroupCommit(BatchWriter writer) {
        this(writer, MAX_BATCH);
    }

    GroupCommit(BatchWriter writer, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.writer = Objects.requireNonNull(writer, "writer");
        this.maxBatch = maxBatch;
    }

    /**
     * Appends the event with the next batch and returns its entry once that batch is durable.
     *
     * @throws StoreException of kind {@link StoreException.Kind#UNAVAILABLE} when the batch holding the event failed
     */
    AuditEntry append(AuditEvent event) {
        return appendAll(List.of(event)).get(0);
    }

    /**
     * Appends several events of one caller, in order and next to each other in the chain, and returns their entries
     * once every batch holding them is durable: one write for up to {@link #MAX_BATCH} of them, shared with whoever
     * else is appending.
     *
     * @throws StoreException of kind {@link StoreException.Kind#UNAVAILABLE} when a batch holding one of them failed
     *     (the entries of earlier batches may then be stored)
     */
    List<AuditEntry> appendAll(List<AuditEvent> events) {
        List<Waiter> own = new ArrayList<>(events.size());
        events.forEach(event -> own.add(new Waiter(event)));
        lock.lock();
        try {
            queue.addAll(own);
            // Batches take the queue's oldest events, in order: once the last of them is settled, all are.
            while (!own.isEmpty() && !own.get(own.size() - 1).settled) {
                if (writing) {
                    // A caller is not let go before its entries are durable or known not to be: an interrupt is
                    // kept for later, not acted on here.
                    batchDone.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
            List<AuditEntry> entries = new ArrayList<>(own.size());
            own.forEach(waiter -> entries.add(waiter.outcome()));
            return entries;
        } finally {
            lock.unlock();
        }
    }

    /** How many callers wait for a batch to take their event (not counting a batch being written). */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Called holding the lock, with no write under way; holds the lock again when it returns. */
    private void lead() {
        writing = true;
        List<Waiter> batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
        while (batch.size() < maxBatch && !queue.isEmpty()) {
            batch.add(queue.poll());
        }
        List<AuditEvent> events = new ArrayList<>(batch.size());
        batch.forEach(waiter -> events.add(waiter.event));
        List<AuditEntry> written = null;
        RuntimeException failure = null;
        // An interrupt of the leader's own request must not fail the write that the other callers wait for.
        boolean interrupted = Thread.interrupted();
        lock.unlock();
        try {
            written = writer.write(events);
            if (written.size() != batch.size()) {
                throw new IllegalStateException("batch of " + batch.size() + " written as " + written.size());
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            // Also reached when the writer throws an Error: its callers then fail rather than wait for ever.
            lock.lock();
            for (int i = 0; i < batch.size(); i++) {
                Waiter waiter = batch.get(i);
                waiter.settled = true;
                if (failure == null && written != null) {
                    waiter.entry = written.get(i);
                } else {
                    waiter.failure = failure;
                }
            }
            writing = false;
            batchDone.signalAll();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One caller's event and, once its batch is written, its entry or its batch's failure. Guarded by the lock. */
    private static final class Waiter {

        private final AuditEvent event;
        private boolean settled;
        private AuditEntry entry;
        private RuntimeException failure;

        Waiter(AuditEvent event) {
            this.event = event;
        }

        AuditEntry outcome() {
            if (entry == null) {
                throw StoreException.unavailable(StoreException.Subject.AUDIT_TRAIL, "audit entry not stored", failure);
            }
            return entry;
        }
    }
}
