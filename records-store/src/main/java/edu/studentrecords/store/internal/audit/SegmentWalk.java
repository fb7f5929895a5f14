package edu.studentrecords.store.internal.audit;

import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.ChainVerification;
import java.time.Instant;
import java.util.Map;
import org.bson.Document;

/**
 * Walks consecutive entries from the one after {@code base} up to {@code last} (or to the first missing entry),
 * checking each entry's shape, hash and link to its predecessor. Reads by key only, a chunk at a time.
 */
final class SegmentWalk {

    /**
     * What a walk found.
     *
     * @param verification intact with the entries checked, or where it broke
     * @param end the last entry checked ({@code base} when none was)
     * @param firstTime the time of the first entry checked, or null
     * @param lastTime the time of the last entry checked, or null
     */
    record Result(ChainVerification verification, ChainHead end, Instant firstTime, Instant lastTime) {
    }

    private final ChainReader chain;
    private final ChainMac mac;

    SegmentWalk(ChainReader chain, ChainMac mac) {
        this.chain = chain;
        this.mac = mac;
    }

    Result walk(ChainHead base, long last) {
        String previousHash = base.hash();
        ChainHead end = base;
        Instant firstTime = null;
        Instant lastTime = null;
        long checked = 0;
        long next = base.sequence() + 1;
        while (next <= last) {
            int count = (int) Math.min(ChainReader.CHUNK, last - next + 1);
            Map<Long, Document> found = chain.fetchRange(next, count);
            for (int i = 0; i < count; i++, next++) {
                Document document = found.get(next);
                if (document == null) {
                    return new Result(ChainVerification.intact(checked), end, firstTime, lastTime);
                }
                AuditEntry entry;
                try {
                    entry = EntryDocument.toEntry(document);
                } catch (MalformedEntryException e) {
                    return broken(checked, next, "malformed entry: " + e.getMessage(), end, firstTime, lastTime);
                }
                if (!mac.hashOf(entry).equals(entry.hash())) {
                    return broken(checked, next, "hash mismatch", end, firstTime, lastTime);
                }
                if (!entry.previousHash().equals(previousHash)) {
                    return broken(checked, next, "broken link", end, firstTime, lastTime);
                }
                previousHash = entry.hash();
                end = ChainHead.of(entry);
                firstTime = firstTime == null ? entry.time() : firstTime;
                lastTime = entry.time();
                checked++;
            }
        }
        return new Result(ChainVerification.intact(checked), end, firstTime, lastTime);
    }

    private static Result broken(long checked, long sequence, String problem, ChainHead end, Instant firstTime,
            Instant lastTime) {
        return new Result(ChainVerification.broken(checked, sequence, problem), end, firstTime, lastTime);
    }
}
