package edu.studentrecords.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link StudentSearchIndex} runs. Immutable; {@link #defaults(Path)} gives the documented defaults and
 * the {@code with...} methods change one setting.
 *
 * @param dataDirectory    the node's data folder; the index lives in its sub-folder {@code student-index}. Not null.
 * @param refreshInterval  how often a background thread reopens the searcher so applied changes become visible.
 *                         Default 200 ms; with {@link #idlePollInterval} it bounds how long a committed write takes
 *                         to become searchable (the goal is under one second).
 * @param idlePollInterval how long the feed consumer waits before polling again once it has caught up.
 *                         Default 100 ms.
 * @param batchSize        how many feed events one poll asks for and one batch applies. Default 1,000.
 * @param commitInterval   how often applied changes and the feed position are committed to disk. A crash loses
 *                         at most this much work, which is replayed from the committed position. Default 1 s.
 * @param retryBackoff     the first wait after a failed poll or apply; doubled on each further failure.
 *                         Default 100 ms.
 * @param maxRetryBackoff  the longest wait between retries. Default 10 s.
 * @param ramBufferMb      the index writer's RAM buffer before it flushes a segment. Default 64 MB.
 * @param maxResults       the most hits one search may return, whatever it asks. Default 200.
 */
public record SearchSettings(
        Path dataDirectory,
        Duration refreshInterval,
        Duration idlePollInterval,
        int batchSize,
        Duration commitInterval,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        double ramBufferMb,
        int maxResults) {

    /** Validates the settings. */
    public SearchSettings {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        requirePositive(refreshInterval, "refreshInterval");
        requirePositive(idlePollInterval, "idlePollInterval");
        requirePositive(commitInterval, "commitInterval");
        requirePositive(retryBackoff, "retryBackoff");
        requirePositive(maxRetryBackoff, "maxRetryBackoff");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        if (!(ramBufferMb >= 1)) {
            throw new IllegalArgumentException("ramBufferMb must be at least 1");
        }
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1");
        }
    }

    /** The defaults, with the index under {@code dataDirectory}. */
    public static SearchSettings defaults(Path dataDirectory) {
        return new SearchSettings(dataDirectory, Duration.ofMillis(200), Duration.ofMillis(100), 1_000,
                Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(10), 64, 200);
    }

    /** The folder of the index itself. */
    public Path indexDirectory() {
        return dataDirectory.resolve("student-index");
    }

    public SearchSettings withRefreshInterval(Duration value) {
        return new SearchSettings(dataDirectory, value, idlePollInterval, batchSize, commitInterval, retryBackoff,
                maxRetryBackoff, ramBufferMb, maxResults);
    }

    public SearchSettings withIdlePollInterval(Duration value) {
        return new SearchSettings(dataDirectory, refreshInterval, value, batchSize, commitInterval, retryBackoff,
                maxRetryBackoff, ramBufferMb, maxResults);
    }

    public SearchSettings withBatchSize(int value) {
        return new SearchSettings(dataDirectory, refreshInterval, idlePollInterval, value, commitInterval, retryBackoff,
                maxRetryBackoff, ramBufferMb, maxResults);
    }

    public SearchSettings withCommitInterval(Duration value) {
        return new SearchSettings(dataDirectory, refreshInterval, idlePollInterval, batchSize, value, retryBackoff,
                maxRetryBackoff, ramBufferMb, maxResults);
    }

    public SearchSettings withRamBufferMb(double value) {
        return new SearchSettings(dataDirectory, refreshInterval, idlePollInterval, batchSize, commitInterval,
                retryBackoff, maxRetryBackoff, value, maxResults);
    }

    public SearchSettings withMaxResults(int value) {
        return new SearchSettings(dataDirectory, refreshInterval, idlePollInterval, batchSize, commitInterval,
                retryBackoff, maxRetryBackoff, ramBufferMb, value);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
