package edu.studentrecords.store.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The epoch of the audit chain that is not closed yet: from the entry after the last sealed epoch to the chain's
 * anchored head. Immutable.
 *
 * @param firstSequence its first entry
 * @param entryCount    how many anchored entries it holds (at least one)
 * @param firstTime     when its first entry was appended
 */
public record OpenEpoch(long firstSequence, long entryCount, Instant firstTime) {

    public OpenEpoch {
        if (firstSequence < 1 || entryCount < 1) {
            throw new IllegalArgumentException("an open epoch holds at least one entry");
        }
        Objects.requireNonNull(firstTime, "firstTime");
    }

    /**
     * Whether a seal by hand may close it at {@code now}: once it holds {@code minEntries} entries or its first entry
     * is {@code minAge} old. Below both, a seal would only add a tiny epoch (a checkpoint, anchors, a line in every
     * listing and verify) that the timer's seal at the end of the day makes anyway.
     */
    public boolean closableByHand(Instant now, long minEntries, Duration minAge) {
        return entryCount >= minEntries || !firstTime.plus(minAge).isAfter(now);
    }
}
