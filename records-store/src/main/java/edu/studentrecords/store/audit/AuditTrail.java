package edu.studentrecords.store.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only, tamper-evident record of every access decision.
 *
 * <p>Entries form one linear hash chain (see {@link AuditEntry}) even when several processes append
 * to the same store. Implementations are thread-safe.
 */
public interface AuditTrail extends AutoCloseable {

    /**
     * Appends an entry for the event and returns it once it is durably stored; only then may the
     * caller answer the request the event is about. Entries of concurrent callers may be stored
     * together, with one write.
     *
     * @throws edu.studentrecords.store.StoreException of kind {@code UNAVAILABLE} when the entry could
     *     not be stored; the caller must then not answer as if the access had been recorded
     * @throws IllegalStateException after {@link #close()}
     */
    AuditEntry append(AuditEvent event);

    /**
     * Appends entries for several events of one call (a file of enrolments), in their order, and returns them once
     * all are durably stored, written together rather than one by one.
     *
     * @throws edu.studentrecords.store.StoreException of kind {@code UNAVAILABLE} when an entry could not be stored
     *     (entries before it may be); the caller must then not answer as if the accesses had been recorded
     * @throws IllegalStateException after {@link #close()}
     */
    List<AuditEntry> appendAll(List<AuditEvent> events);

    /**
     * Walks the whole chain in sequence order and reports the first entry that is changed, missing or
     * out of place, including entries removed from the end. Reads every entry: an administrative
     * operation, not for request paths.
     */
    ChainVerification verify();

    /**
     * The entries about one record (as {@code recordId} or among {@code recordIds}), newest first.
     *
     * @param recordId the record; required
     * @param from earliest time included, or null for no lower bound
     * @param to time excluded and everything after it, or null for no upper bound
     * @param offset how many matching entries to skip, at least 0
     * @param limit at most this many entries, 1 to 1000
     * @return an unmodifiable list, empty when nothing matches
     */
    List<AuditEntry> historyOf(String recordId, Instant from, Instant to, int offset, int limit);

    /** Every entry about the record with {@code from <= time < to}, newest first, read page by page. */
    default List<AuditEntry> wholeHistoryOf(String recordId, Instant from, Instant to) {
        int page = 1000;
        List<AuditEntry> log = new ArrayList<>();
        List<AuditEntry> read;
        do {
            read = historyOf(recordId, from, to, log.size(), page);
            log.addAll(read);
        } while (read.size() == page);
        return log;
    }

    /**
     * The entries that name an access grant (its request, approval, revocation and every access it opened),
     * newest first, after skipping {@code offset}, at most {@code limit}.
     *
     * @param grantId the grant; not null
     */
    List<AuditEntry> historyOfGrant(String grantId, int offset, int limit);

    /**
     * Up to {@code limit} consecutive entries starting at {@code fromSequence}, oldest first; stops at
     * the end of the chain or at the first missing entry.
     *
     * @param fromSequence the first sequence, at least 1
     * @param limit at most this many entries, 1 to 1000
     * @return an unmodifiable list
     */
    List<AuditEntry> range(long fromSequence, int limit);

    /** Writes what is still pending in the background, then releases the trail's threads. Idempotent. */
    @Override
    void close();
}
