package edu.studentrecords.store.audit;

import java.util.Objects;

/**
 * The result of walking an audit chain from its first entry to its end.
 *
 * <p>When {@code intact} is false, {@code firstBrokenSequence} names the first sequence number where
 * the chain is not what was appended (the entry that was changed or is missing) and {@code problem}
 * says what is wrong there, e.g. {@code "hash mismatch"}, {@code "broken link"}, {@code "gap"},
 * {@code "missing tail"}, {@code "malformed entry"}. When intact, both are null. {@code entriesChecked}
 * counts the entries whose hash and link were found correct before the walk stopped.
 *
 * <p>Immutable and thread-safe.
 */
public record ChainVerification(boolean intact, long entriesChecked, Long firstBrokenSequence, String problem) {

    public ChainVerification {
        if (intact && (firstBrokenSequence != null || problem != null)) {
            throw new IllegalArgumentException("an intact chain has no broken entry");
        }
        if (!intact) {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** An intact chain of {@code entriesChecked} entries. */
    public static ChainVerification intact(long entriesChecked) {
        return new ChainVerification(true, entriesChecked, null, null);
    }

    /** A chain broken first at {@code sequence}. */
    public static ChainVerification broken(long entriesChecked, long sequence, String problem) {
        return new ChainVerification(false, entriesChecked, sequence, problem);
    }
}
