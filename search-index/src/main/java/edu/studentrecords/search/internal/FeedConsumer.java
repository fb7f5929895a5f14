package edu.studentrecords.search.internal;

import edu.studentrecords.search.SearchSettings;
import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeFeed;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The thread that keeps the index up with the change feed: first reads the feed's head (the position the index
 * must reach to have caught up since it opened), then polls a batch from the applied position, applies it, commits
 * at most every {@link SearchSettings#commitInterval()}, waits a little once caught up, and on a failure retries
 * with a doubling backoff.
 *
 * <p>An entry the index cannot take is quarantined in the store and passed (see {@link IndexFolder#apply}); any
 * other failure (the store unreachable, the index folder failing, the quarantine not recorded) is retried from the
 * same position, never skipped. Logs positions, codes and exception types only, never record contents.
 */
public final class FeedConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(FeedConsumer.class);

    private final ChangeFeed feed;
    private final IndexFolder folder;
    private final SearchSettings settings;
    private final Quarantine quarantine;
    private final Thread thread;
    private volatile boolean running = true;
    private final Object wake = new Object();
    private long lastCommitNanos = System.nanoTime();
    private volatile long catchUpTarget = -1;
    private volatile int consecutiveFailures;
    private volatile long startNanos;
    private volatile long startPosition;

    public FeedConsumer(ChangeFeed feed, IndexFolder folder, SearchSettings settings) {
        this.feed = feed;
        this.folder = folder;
        this.settings = settings;
        this.quarantine = Quarantine.in(feed);
        this.thread = new Thread(this, "student-index-feed");
        this.thread.setDaemon(true);
    }

    public void start() {
        startNanos = System.nanoTime();
        startPosition = folder.visiblePosition();
        thread.start();
    }

    @Override
    public void run() {
        Duration backoff = settings.retryBackoff();
        while (running) {
            try {
                if (catchUpTarget < 0) {
                    catchUpTarget = feed.head();
                    LOG.infof("Search index catching up from feed position %d to %d", folder.appliedPosition(),
                            catchUpTarget);
                }
                boolean caughtUp = step(feed, folder, settings.batchSize(), quarantine);
                if (System.nanoTime() - lastCommitNanos >= settings.commitInterval().toNanos()) {
                    folder.commit();
                    lastCommitNanos = System.nanoTime();
                }
                backoff = settings.retryBackoff();
                consecutiveFailures = 0;
                if (caughtUp) {
                    sleep(settings.idlePollInterval());
                }
            } catch (RuntimeException | java.io.IOException e) {
                if (!running) {
                    return;
                }
                consecutiveFailures++;
                LOG.warnf("Search index feed consumer failed at position %d (%s); retrying in %d ms",
                        folder.appliedPosition(), e.getClass().getSimpleName(), backoff.toMillis());
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), settings.maxRetryBackoff());
            }
        }
    }

    /**
     * Polls and applies one batch from the applied position; a batch that removed a document (a removal, or an
     * entry quarantined) is made visible at once.
     *
     * @return whether the feed was caught up at the time of the poll
     */
    static boolean step(ChangeFeed feed, IndexFolder folder, int batchSize, Quarantine quarantine)
            throws java.io.IOException {
        long after = folder.appliedPosition();
        ChangeBatch batch = feed.poll(after, batchSize);
        if (!batch.events().isEmpty() || batch.nextAfter() > after) {
            if (folder.apply(after, batch.events(), batch.nextAfter(), quarantine)) {
                folder.refresh();
            }
        }
        return batch.caughtUp() && batch.events().isEmpty();
    }

    /**
     * The feed's head as this consumer first read it after the index opened: the position the index must make
     * searchable to have caught up. -1 until it has been read (the store not reached yet).
     */
    public long catchUpTarget() {
        return catchUpTarget;
    }

    /** How many polls or batches in a row have failed (and are being retried); 0 while all is well. */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Feed positions made searchable per second since the consumer started; 0 when none yet. */
    public double positionsPerSecond() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long done = folder.visiblePosition() - startPosition;
        return seconds <= 0 || done <= 0 ? 0 : done / seconds;
    }

    /**
     * Stops the thread and waits (up to 30 seconds) for it to finish its current batch. The thread is woken, never
     * interrupted: an interrupt during the index's file I/O would close the index's files under it.
     */
    public void stop() {
        synchronized (wake) {
            running = false;
            wake.notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("Search index feed consumer still busy at position %d after 30 s; closing anyway",
                    folder.appliedPosition());
        }
    }

    /** Waits {@code d}, or until {@link #stop()}. */
    private void sleep(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (wake) {
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wake, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
