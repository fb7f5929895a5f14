package edu.studentrecords.embedded;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.h2.mvstore.MVStore;

/**
 * Moves the pages still in use out of the store file's sparsest chunks, once a second, so that those chunks can be
 * dropped and their room written again: the part of H2's background housekeeping a store without auto-commit goes
 * without (only {@link GroupCommit} may commit there).
 *
 * <p>Every group commit writes a chunk of its own, and a chunk keeps all its room as long as one of its pages is in
 * use: without this the file grows under writes to many times the size of its data. With a commit forced to the
 * device, H2 touches no chunk younger than its retention time (45 s, in case the commits that replaced its pages are
 * not on the device yet when the power fails), so under a sustained load the file still holds 45 seconds of chunks
 * ({@link GroupCommit} says why the other mode has none). The moved pages are written by a group
 * commit like any write, so a crash at any moment leaves the file as the last commit left it.
 *
 * <p>Each round also commits what writes acknowledged without the journal ({@code j: false}, see
 * {@link DurableH2Backend}) changed since the last commit, when no durable write came after them: such a write is in
 * the file within about a second, as MongoDB's journal takes one in within its commit interval.
 *
 * <p>Thread-safe; one thread of its own.
 */
final class StoreHousekeeping implements AutoCloseable {

    /** A round moves pages while less than this share (percent) of the chunks' room holds pages in use. */
    static final int TARGET_FILL_RATE = 80;
    /** The most a round moves, in bytes of pages in use: its extra work stays small beside the writes. */
    static final int MOVE_LIMIT_BYTES = 4 * 1024 * 1024;
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(StoreHousekeeping.class.getName());

    private final MVStore store;
    private final GroupCommit groupCommit;
    private final ScheduledExecutorService rounds;
    /** Whether the last round failed; only the rounds' thread reads and writes it. */
    private boolean failing;

    private StoreHousekeeping(MVStore store, GroupCommit groupCommit, ScheduledExecutorService rounds) {
        this.store = store;
        this.groupCommit = groupCommit;
        this.rounds = rounds;
    }

    /** Housekeeping that does not run on its own: each {@link #runOnce} is one round. */
    static StoreHousekeeping manual(MVStore store, GroupCommit groupCommit) {
        return new StoreHousekeeping(store, groupCommit, null);
    }

    /** Starts a round every {@link #INTERVAL} on a daemon thread; {@link #close} stops them. */
    static StoreHousekeeping start(MVStore store, GroupCommit groupCommit) {
        ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "embedded-store-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        StoreHousekeeping housekeeping = new StoreHousekeeping(store, groupCommit, rounds);
        rounds.scheduleWithFixedDelay(housekeeping::scheduledRound, INTERVAL.toMillis(), INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS);
        return housekeeping;
    }

    /**
     * One round: when the chunks are sparse, rewrites the pages in use of the sparsest of them (up to
     * {@link #MOVE_LIMIT_BYTES}) and commits, which drops the emptied chunks; commits as well when writes acknowledged
     * without the journal are not in the file yet.
     *
     * @return whether it moved anything
     * @throws org.h2.mvstore.MVStoreException if the store cannot be read or written
     */
    boolean runOnce() {
        boolean moved = store.compact(TARGET_FILL_RATE, MOVE_LIMIT_BYTES);
        if (moved || store.hasUnsavedChanges()) {
            groupCommit.awaitDurable();
        }
        return moved;
    }

    private void scheduledRound() {
        try {
            runOnce();
            failing = false;
        } catch (RuntimeException e) {
            // The file only keeps room it could have given back; the next round tries again. A store that cannot
            // write (a full disk) fails every round: said once, until a round succeeds again.
            LOG.log(failing ? Level.FINE : Level.WARNING, "a housekeeping round of the store file failed", e);
            failing = true;
        }
    }

    /** Stops the rounds, waiting for one under way (never interrupting it: that would close the store's file channel). */
    @Override
    public void close() {
        if (rounds == null) {
            return;
        }
        rounds.shutdown();
        try {
            if (!rounds.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warning("a housekeeping round of the store file did not end within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
