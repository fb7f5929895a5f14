package edu.studentrecords.store.feed;

import java.util.List;

/**
 * The store's feed of committed record changes, for consumers that keep derived copies (the search index,
 * caches). Every committed create, update and destruction appears, in commit order, with no gaps, across
 * crashes of writers and of consumers; a consumer keeps its own position and polls from it, and applying an
 * event twice is harmless. Thread-safe.
 *
 * <p>A consumer that cannot take one entry (its record cannot be turned into the consumer's copy) does not stop
 * there: it {@linkplain #quarantine quarantines} the entry in the store, keeps the record out of its copy, and
 * goes on. Quarantined entries stay visible through {@link #quarantined()} (the security self-check reports them)
 * until their record changes again. A failure that is not the entry's own (the store or the consumer's storage
 * unreachable) is never quarantined: the consumer retries it. The feed itself quarantines an entry whose stored
 * record it cannot read as a record ({@code RECORD_UNREADABLE}) and delivers it as an upsert without a profile, so
 * that such a record holds no consumer back either.
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

    /**
     * Whether the store is known to be out of reach now, without asking it: the last contact with each of its
     * servers failed and none has answered since. Answers at once, where {@link #head()} would wait for a server
     * until the client's server selection timeout; false while nothing is known yet (before the first contact).
     * A probe asks this first, so that it says at once that the store cannot be reached.
     */
    default boolean unreachable() {
        return false;
    }

    /**
     * The records with an entry after position {@code after}: the records a copy that has applied the feed up to
     * {@code after} may hold in another state than the store. Reads the entries only (no record), so it is cheap
     * for a few entries; entries of writes that were refused are left out.
     *
     * @param after a feed position, 0 for the beginning
     * @param limit the most entries to read, at least 1; when more follow, the answer is not
     *              {@linkplain ChangedRecords#complete() complete}
     * @return the ids of the records changed after {@code after}, up to the position read
     */
    ChangedRecords changedAfter(long after, int limit);

    /**
     * Records that a consumer could not take the entry at {@code sequence}, and why. Idempotent by sequence: a
     * second call for the same sequence keeps the first record. Holds ids, a version and a code, never a value of
     * the record.
     *
     * @param sequence   the entry's position in the feed, at least 1
     * @param recordId   the record the entry is about; not blank
     * @param version    the record's version the consumer could not take (the event's version)
     * @param reasonCode a stable code of why, such as {@code UNIT_INVALID}; upper case letters, digits and
     *                   underscores only, never a value
     * @throws IllegalArgumentException if an argument breaks these rules
     * @throws RuntimeException         (the driver's exception) when the store cannot record it; the consumer must
     *                                  then not move past the entry
     */
    void quarantine(long sequence, String recordId, long version, String reasonCode);

    /**
     * The quarantined entries still standing, in feed order: those whose record still exists at the version that
     * could not be taken. An entry stops standing once its record has changed again (the new version went through
     * the feed anew) or has been destroyed.
     */
    List<QuarantinedChange> quarantined();
}
