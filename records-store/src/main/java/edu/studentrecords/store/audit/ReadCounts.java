package edu.studentrecords.store.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How often records were read in a time window, per client or per purpose and per hour or day (UTC), counted from the
 * audit trail: identifiers and codes only, never record contents. Immutable.
 *
 * @param from    the window's start (included), at the start of a bucket
 * @param to      the window's end (excluded), at the start of a bucket
 * @param by      what the reads are counted by
 * @param bucket  the width of one count
 * @param buckets the start of each bucket, oldest first
 * @param series  one per client (or purpose) that read in the window, the most reads first
 * @param scanned how many entries of the trail were read to count them
 */
public record ReadCounts(Instant from, Instant to, By by, Bucket bucket, List<Instant> buckets, List<Series> series,
        long scanned) {

    /** The operations counted as reads of records: a record read, a search, an export, a record's history. */
    public static final Set<String> READS = Set.of(AuditOperation.READ.code(), AuditOperation.SEARCH.code(),
            AuditOperation.EXPORT.code(), AuditOperation.READ_HISTORY.code());

    public ReadCounts {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(bucket, "bucket");
        buckets = List.copyOf(buckets);
        series = List.copyOf(series);
    }

    /** What reads are counted by. */
    public enum By {
        CLIENT, PURPOSE;

        /** The word of the API ({@code client}, {@code purpose}). */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The width of one count, and the longest window counted in such buckets. */
    public enum Bucket {
        HOUR(Duration.ofHours(1), Duration.ofDays(7)), DAY(Duration.ofDays(1), Duration.ofDays(92));

        private final Duration width;
        private final Duration longestWindow;

        Bucket(Duration width, Duration longestWindow) {
            this.width = width;
            this.longestWindow = longestWindow;
        }

        /** One bucket's width. */
        public Duration width() {
            return width;
        }

        /** The longest window this bucket counts. */
        public Duration longestWindow() {
            return longestWindow;
        }

        /** The word of the API ({@code hour}, {@code day}). */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The start of the bucket {@code time} falls in (UTC). */
        public Instant floor(Instant time) {
            long seconds = width.toSeconds();
            return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), seconds) * seconds);
        }
    }

    /**
     * The reads of one client (or under one purpose).
     *
     * @param key     the client id or the purpose; null for reads that declared no purpose
     * @param counts  the allowed reads in each bucket, in the order of {@link #buckets()}
     * @param total   the allowed reads in the window
     * @param refused the refused reads in the window
     */
    public record Series(String key, List<Long> counts, long total, long refused) {
        public Series {
            counts = List.copyOf(counts);
        }
    }
}
