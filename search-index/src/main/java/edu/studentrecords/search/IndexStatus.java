package edu.studentrecords.search;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a node's search index is with the store's change feed, for a readiness check and for answering "try again
 * later" (HTTP 503 with {@code Retry-After}) while it catches up. Positions and counts only. Immutable.
 *
 * @param caughtUp             whether the index has made searchable everything the feed held when the index opened
 *                             ({@link StudentSearchIndex#caughtUp()}); searches are refused until it has
 * @param searchablePosition   the feed position up to which changes are searchable
 * @param catchUpTarget        the feed's head when the index opened, the position it must reach to have caught up;
 *                             -1 while the store has not been reached
 * @param feedHead             the feed's head now; -1 when the store could not be reached for this status
 * @param consecutiveFailures  how many polls or batches in a row failed and are being retried (the store or the index
 *                             folder failing); 0 while all is well
 * @param quarantinedSinceOpen feed entries the index could not take since it opened (quarantined in the store)
 * @param retryAfter           how long a caller refused while the index catches up should wait before trying again;
 *                             zero once caught up. Not null.
 */
public record IndexStatus(boolean caughtUp, long searchablePosition, long catchUpTarget, long feedHead,
        int consecutiveFailures, long quarantinedSinceOpen, Duration retryAfter) {

    /** Validates the components. */
    public IndexStatus {
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How many feed entries are not searchable yet; -1 when the feed's head is not known. */
    public long behind() {
        return feedHead < 0 ? -1 : Math.max(0, feedHead - searchablePosition);
    }
}
