package edu.studentrecords.embedded;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * Makes finished writes durable, sharing one store commit among writers that finish at about the same time.
 *
 * <p>Each caller takes a ticket after its write is complete. A commit records the highest ticket issued
 * when it starts; every write with a ticket up to that number finished before the commit began, so the
 * commit contains it. A caller whose ticket is already covered returns without committing again.
 *
 * <p>A commit never happens while a write is half done: writes run under the shared side of a lock and a
 * commit takes its exclusive side. Otherwise a commit made for one writer could store another writer's
 * document without its index entry, and a crash right after would leave the file inconsistent (seen as
 * "document already existed" on the next upsert). For the same reason the store must be opened with
 * auto-commit off.
 *
 * <p>Without {@code forceToDevice}, the room of a chunk whose pages have all been replaced is written again by a commit
 * that needs room once {@link #VERSIONS_KEPT} commits have followed and no read in progress may still need that chunk
 * ({@link #duringRead}); a write never overlaps a commit, so it needs no such care. H2 otherwise keeps every replaced
 * chunk for 45 seconds (its retention time, a guess at how long a disk may hold writes in its buffers): under a
 * sustained load the file then holds 45 seconds of commits, many times its data, and every commit pays for the
 * bookkeeping of those chunks and for finding room between them. Commits are then in the operating system's hands,
 * which a crash of the process does not lose; a power loss is not covered in this mode, and without the retention time
 * it may cost the file rather than the last writes. With {@code forceToDevice} (what production runs) the retention
 * time stays as H2 sets it: with 0, a power cut in the middle of a commit, under CPU load, once left a record at an
 * older state than its last acknowledged write ({@code PowerCutTest}, see the store's BENCHMARK.md).
 *
 * <p>Thread-safe.
 */
final class GroupCommit {

    /**
     * Without a retention time, how many commits must follow the one that replaced a chunk's last page in use before
     * the chunk's room is written over (H2 keeps 5). A file's header names a chunk at most about 20 commits old and a
     * reopened file follows the chain of chunks from there, so no chunk of that chain must be written over: with 5, a
     * process killed between a commit's chunk and the header it then writes left the file at a version hundreds of
     * acknowledged writes old in 7 of 600 rounds ({@code PowerCutTest}).
     */
    static final int VERSIONS_KEPT = 64;

    private final MVStore store;
    private final boolean forceToDevice;
    private final AtomicLong finishedWrites = new AtomicLong();
    private final Object commitLock = new Object();
    private final ReadWriteLock quiesce = new ReentrantReadWriteLock();
    private long durableUpTo;

    /**
     * @param store the store whose writes are made durable
     * @param forceToDevice also force the file to the storage device, not only to the operating system
     */
    GroupCommit(MVStore store, boolean forceToDevice) {
        this.store = store;
        this.forceToDevice = forceToDevice;
        if (!forceToDevice) {
            store.setRetentionTime(0);
            store.setVersionsToKeep(VERSIONS_KEPT);
        }
    }

    /**
     * Runs a read that takes no lock (a query): the chunks of the version it starts on keep their room until it returns,
     * however many commits happen meanwhile, so it never reads a page whose room a later commit wrote over (with the
     * retention time, one that runs for more than 45 seconds could).
     */
    <T> T duringRead(Supplier<T> read) {
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            return read.get();
        } finally {
            store.deregisterVersionUsage(version);
        }
    }

    /** Runs a write, which no commit overlaps: a commit waits for it to finish, and it waits for a commit under way. */
    <T> T duringWrite(Supplier<T> write) {
        quiesce.readLock().lock();
        try {
            return write.get();
        } finally {
            quiesce.readLock().unlock();
        }
    }

    /**
     * Returns once every write the calling thread has finished is in the store file. Call it after the
     * write and before acknowledging it.
     *
     * @throws org.h2.mvstore.MVStoreException if the store cannot be written; the write must then not be acknowledged
     */
    void awaitDurable() {
        long ticket = finishedWrites.incrementAndGet();
        synchronized (commitLock) {
            if (durableUpTo >= ticket) {
                return;
            }
            quiesce.writeLock().lock();
            try {
                long coveredUpTo = finishedWrites.get();
                writeStoreFile();
                durableUpTo = coveredUpTo;
            } finally {
                quiesce.writeLock().unlock();
            }
        }
    }

    private void writeStoreFile() {
        long newVersion = store.commit();
        if (newVersion < 0) {
            // Nothing left to commit: the background writer of H2 2.3 may have taken these changes and
            // still be writing them on its own threads. Waiting for its file operations to drain closes
            // that gap; a commit that did write waits for its own chunk already.
            store.executeFilestoreOperation(() -> { });
        }
        if (forceToDevice) {
            store.sync();
        }
    }
}
