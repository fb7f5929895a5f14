package edu.studentrecords.store.internal.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * Walks the kept entries of a time window in sequence order, by key lookups only: a binary search finds the first
 * entry of the window, then chunks are read until an entry is past its end. Entries are in sequence order and, across
 * nodes, nearly in time order: a margin either side finds them all, so the visitor sees some entries just outside
 * the window and keeps only those inside.
 */
final class WindowScan {

    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final ChainReader chain;

    WindowScan(ChainReader chain) {
        this.chain = chain;
    }

    /**
     * Hands {@code visitor} each stored entry from about {@code from} to about {@code to}, between {@code firstKept}
     * and {@code head}, oldest first; stops at a missing entry.
     *
     * @return how many entries were read
     * @throws RuntimeException from {@code tooMany} once more than {@code maxScan} entries were read
     */
    long walk(Instant from, Instant to, long firstKept, long head, long maxScan,
            Supplier<? extends RuntimeException> tooMany, Consumer<Document> visitor) {
        long next = firstAtOrAfter(from.minus(CLOCK_MARGIN), firstKept, head);
        long scanned = 0;
        Instant stop = to.plus(CLOCK_MARGIN);
        while (next <= head) {
            int count = (int) Math.min(ChainReader.CHUNK, head - next + 1);
            Map<Long, Document> found = chain.fetchRange(next, count);
            for (long sequence = next; sequence < next + count; sequence++) {
                Document document = found.get(sequence);
                if (document == null) {
                    return scanned;
                }
                if (++scanned > maxScan) {
                    throw tooMany.get();
                }
                visitor.accept(document);
                if (timeOf(document).isAfter(stop)) {
                    return scanned;
                }
            }
            next += count;
        }
        return scanned;
    }

    /** The first kept sequence whose entry is at or after {@code time}, by binary search over key lookups. */
    private long firstAtOrAfter(Instant time, long low, long high) {
        long lo = low;
        long hi = high + 1;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            Document document = chain.fetch(List.of(mid)).get(mid);
            if (document == null) {
                return lo;
            }
            if (timeOf(document).isBefore(time)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static Instant timeOf(Document document) {
        return document.getDate(EntryDocument.TIME).toInstant();
    }
}
