package edu.studentrecords.store.feed;

import java.util.Set;

/**
 * The records with feed entries in a range of positions, as {@link ChangeFeed#changedAfter} read them. Immutable.
 *
 * @param recordIds the records with an entry after {@code after} up to {@code upTo}; unmodifiable
 * @param after     the position the range starts after
 * @param upTo      the last position read (equal to {@code after} when nothing followed)
 * @param complete  whether the range reaches the feed's head as it was when read; false when the limit cut it short
 */
public record ChangedRecords(Set<String> recordIds, long after, long upTo, boolean complete) {

    /** Copies the ids. */
    public ChangedRecords {
        recordIds = Set.copyOf(recordIds);
        if (upTo < after) {
            throw new IllegalArgumentException("upTo must not precede after");
        }
    }
}
