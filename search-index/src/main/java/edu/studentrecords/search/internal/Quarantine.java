package edu.studentrecords.search.internal;

import edu.studentrecords.store.feed.ChangeEvent;
import edu.studentrecords.store.feed.ChangeFeed;

/** Where the index records a feed entry it cannot take before it moves past it. */
@FunctionalInterface
public interface Quarantine {

    /**
     * Records that {@code event} could not be taken, for {@code reasonCode}.
     *
     * @throws RuntimeException when it cannot be recorded (the store unreachable): the index must not move past the
     *                          entry then, and retries it
     */
    void record(ChangeEvent event, String reasonCode);

    /** The store's quarantine, through its change feed: the entry's sequence, record id, version and the code. */
    static Quarantine in(ChangeFeed feed) {
        return (event, reasonCode) -> feed.quarantine(event.sequence(), event.recordId(), event.version(), reasonCode);
    }
}
