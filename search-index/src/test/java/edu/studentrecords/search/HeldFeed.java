package edu.studentrecords.search;

import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.feed.ChangedRecords;
import edu.studentrecords.store.feed.QuarantinedChange;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A change feed an index consumes that can be held: while held, every poll answers that nothing follows, so the
 * index stays exactly where it is while the store moves on. Everything else goes to the feed it wraps.
 */
final class HeldFeed implements ChangeFeed {

    private final ChangeFeed feed;
    private volatile boolean held;
    private final AtomicLong pollsWhileHeld = new AtomicLong();

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

    @Override
    public long head() {
        return feed.head();
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
