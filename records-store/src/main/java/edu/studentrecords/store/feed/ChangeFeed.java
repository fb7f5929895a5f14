package edu.studentrecords.store.feed;

/**
 * The store's feed of committed record changes, for consumers that keep derived copies (the search index,
 * caches). Every committed create, update and destruction appears, in commit order, with no gaps, across
 * crashes of writers and of consumers; a consumer keeps its own position and polls from it, and applying an
 * event twice is harmless. Thread-safe.
 */
public interface ChangeFeed {

    /**
     * The events after position {@code after} (0 for the beginning), at most {@code limit}. A write still
     * in flight holds the feed back briefly (until it commits or the feed's settle time passes), so that no
     * consumer ever skips it.
     */
    ChangeBatch poll(long after, int limit);

    /** The position of the newest entry in the feed. */
    long head();
}
