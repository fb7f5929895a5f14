package edu.studentrecords.search;

import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.feed.ChangedRecords;
import edu.studentrecords.store.feed.QuarantinedChange;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A change feed an index consumes that can be held: while held, every poll answers that nothing follows, so the
 * index stays exactly where it is while the store moves on. It can also be cut off: then it knows its store to be
 * out of reach, and every read of its head fails (and is counted). Everything else goes to the feed it wraps.
 */
final class HeldFeed implements ChangeFeed {

    private final ChangeFeed feed;
    private volatile boolean held;
    private final AtomicLong pollsWhileHeld = new AtomicLong();
    private volatile boolean cutOff;
    private final AtomicLong headReadsWhileCutOff = new AtomicLong();

    HeldFeed(ChangeFeed feed) {
        this.feed = feed;
    }

    /** From now on polls return nothing. */
    void hold() {
        pollsWhileHeld.set(0);
        held = true;
    }

    /** Polls reach the feed again. */
    void release() {
        held = false;
    }

    /** How many polls were answered with nothing since the last {@link #hold()}. */
    long pollsWhileHeld() {
        return pollsWhileHeld.get();
    }

    @Override
    public ChangeBatch poll(long after, int limit) {
        if (held) {
            pollsWhileHeld.incrementAndGet();
            return new ChangeBatch(List.of(), after, true);
        }
        return feed.poll(after, limit);
    }

    /** From now on (or no longer) the store is known to be out of reach and the head cannot be read. */
    void cutOff(boolean cut) {
        headReadsWhileCutOff.set(0);
        cutOff = cut;
    }

    /** How many times the head was asked for since the feed was last cut off. */
    long headReadsWhileCutOff() {
        return headReadsWhileCutOff.get();
    }

    @Override
    public long head() {
        if (cutOff) {
            headReadsWhileCutOff.incrementAndGet();
            throw new IllegalStateException("the store cannot be reached");
        }
        return feed.head();
    }

    @Override
    public boolean unreachable() {
        return cutOff;
    }

    @Override
    public ChangedRecords changedAfter(long after, int limit) {
        return feed.changedAfter(after, limit);
    }

    @Override
    public void quarantine(long sequence, String recordId, long version, String reasonCode) {
        feed.quarantine(sequence, recordId, version, reasonCode);
    }

    @Override
    public List<QuarantinedChange> quarantined() {
        return feed.quarantined();
    }
}
