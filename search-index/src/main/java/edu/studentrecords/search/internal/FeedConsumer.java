package edu.studentrecords.search.internal;

import edu.studentrecords.search.SearchSettings;
import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeFeed;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The thread that keeps the index up with the change feed: polls a batch from the applied position, applies
 * it, commits at most every {@link SearchSettings#commitInterval()}, waits a little once caught up, and on a
 * failure retries with a doubling backoff. Logs positions and failures only, never record contents.
 */
public final class FeedConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(FeedConsumer.class);

    private final ChangeFeed feed;
    private final IndexFolder folder;
    private final SearchSettings settings;
    private final Thread thread;
    private volatile boolean running = true;
    private long lastCommitNanos = System.nanoTime();

    public FeedConsumer(ChangeFeed feed, IndexFolder folder, SearchSettings settings) {
        this.feed = feed;
        this.folder = folder;
        this.settings = settings;
        this.thread = new Thread(this, "student-index-feed");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void run() {
        Duration backoff = settings.retryBackoff();
        while (running) {
            try {
                boolean caughtUp = step(feed, folder, settings.batchSize());
                if (System.nanoTime() - lastCommitNanos >= settings.commitInterval().toNanos()) {
                    folder.commit();
                    lastCommitNanos = System.nanoTime();
                }
                backoff = settings.retryBackoff();
                if (caughtUp) {
                    sleep(settings.idlePollInterval());
                }
            } catch (RuntimeException | java.io.IOException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Search index feed consumer failed at position %d (%s); retrying in %d ms",
                        folder.appliedPosition(), e.getClass().getSimpleName(), backoff.toMillis());
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), settings.maxRetryBackoff());
            }
        }
    }

    /**
     * Polls and applies one batch from the applied position; a batch that removed a record is made visible at
     * once.
     *
     * @return whether the feed was caught up at the time of the poll
     */
    static boolean step(ChangeFeed feed, IndexFolder folder, int batchSize) throws java.io.IOException {
        long after = folder.appliedPosition();
        ChangeBatch batch = feed.poll(after, batchSize);
        if (!batch.events().isEmpty() || batch.nextAfter() > after) {
            if (folder.apply(after, batch.events(), batch.nextAfter())) {
                folder.refresh();
            }
        }
        return batch.caughtUp() && batch.events().isEmpty();
    }

    /** Stops the thread and waits for it to finish its current batch. */
    public void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            if (!running) {
                return;
            }
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
