package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.audit.AuditEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs {@link CatchUp} on its own thread for the entries this process appends, in batches, so that an
 * append costs one insert. A failed batch is kept and retried with growing pauses; a crash loses only
 * work that the next start redoes from the chain.
 *
 * <p>Thread-safe.
 */
final class BackgroundIndexer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BackgroundIndexer.class);
    private static final int MAX_BATCH = 1000;
    private static final long MAX_PAUSE_MILLIS = 5_000;
    /**
     * How long new entries wait for company before they are indexed: one write per batch instead of one
     * per entry keeps the index off the request path's back (the embedded engine commits every write).
     * A flush does not wait.
     */
    private static final long LINGER_MILLIS = 100;

    private final CatchUp catchUp;
    private final Thread thread;
    private final Object lock = new Object();
    private final List<AuditEntry> pending = new ArrayList<>();
    private long requested;
    private long completed;
    private boolean closing;
    private boolean urgent;

    BackgroundIndexer(CatchUp catchUp, long alreadyIndexed, String threadName) {
        this.catchUp = catchUp;
        this.requested = alreadyIndexed;
        this.completed = alreadyIndexed;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Schedules the entries for indexing and anchoring. */
    void submitAll(List<AuditEntry> entries) {
        synchronized (lock) {
            for (AuditEntry entry : entries) {
                pending.add(entry);
                requested = Math.max(requested, entry.sequence());
            }
            lock.notifyAll();
        }
    }

    /** Waits until everything submitted so far is indexed and anchored; false if that took too long. */
    boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            long target = requested;
            if (completed < target) {
                urgent = true;
                lock.notifyAll();
            }
            while (completed < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Flushes, waiting at most {@code timeout}, then stops the thread. */
    void close(Duration timeout) {
        boolean flushed = flush(timeout);
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!flushed) {
            LOG.warn("Audit history index not flushed before close; the next start catches it up from the chain");
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private void run() {
        long pause = 0;
        List<AuditEntry> batch = new ArrayList<>();
        while (true) {
            long target;
            synchronized (lock) {
                while (!closing && pending.isEmpty() && batch.isEmpty()) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closing) {
                    return;
                }
                long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000;
                while (!urgent && !closing && pending.size() < MAX_BATCH) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        lock.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closing) {
                    return;
                }
                urgent = false;
                int take = Math.min(MAX_BATCH - batch.size(), pending.size());
                List<AuditEntry> taken = pending.subList(0, take);
                batch.addAll(taken);
                taken.clear();
                target = batch.stream().mapToLong(AuditEntry::sequence).max().orElse(0);
            }
            try {
                catchUp.upTo(target, batch);
                batch.clear();
                pause = 0;
                synchronized (lock) {
                    completed = Math.max(completed, target);
                    lock.notifyAll();
                }
            } catch (RuntimeException e) {
                pause = Math.min(MAX_PAUSE_MILLIS, Math.max(50, pause * 2));
                LOG.warnf("Audit history index update failed, retrying in %d ms: %s", pause, e.getClass().getName());
                if (!sleep(pause)) {
                    return;
                }
            }
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
