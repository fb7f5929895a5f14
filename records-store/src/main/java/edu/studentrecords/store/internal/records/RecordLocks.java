package edu.studentrecords.store.internal.records;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps a node's calls on one record in order, so that each call's one audit entry tells what the call did: a write
 * holds its record from the version check through its entry to the written version, and a read holds it (shared with
 * other reads) from the access decision through its entry to the copy it answers. Without it, writes racing on one
 * version would each be judged and entered as done before all but one lose, and a read racing a move could be
 * entered as allowed and answered as not found. Striped by record id: two records may share a stripe, which costs a
 * wait, never correctness. Across nodes the version checks still decide, and a write lost there is entered again as
 * not done. Thread-safe.
 */
final class RecordLocks {

    private static final int STRIPES = 1024;

    private final ReentrantReadWriteLock[] stripes = new ReentrantReadWriteLock[STRIPES];

    RecordLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantReadWriteLock();
        }
    }

    /** Holds {@code recordId} for a read until the returned hold is closed; nothing is held for a null id. */
    Hold reading(String recordId) {
        return hold(recordId, true);
    }

    /** Holds {@code recordId} for a write until the returned hold is closed; nothing is held for a null id. */
    Hold writing(String recordId) {
        return hold(recordId, false);
    }

    private Hold hold(String recordId, boolean shared) {
        if (recordId == null) {
            return () -> { };
        }
        ReentrantReadWriteLock stripe = stripes[Math.floorMod(recordId.hashCode(), STRIPES)];
        Lock lock = shared ? stripe.readLock() : stripe.writeLock();
        lock.lock();
        return lock::unlock;
    }

    /** A record held; closing it lets the others through. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }
}
