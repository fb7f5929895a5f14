package edu.studentrecords.store.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * A feed entry a consumer could not take, as {@link ChangeFeed#quarantine} recorded it: ids, a version and a code,
 * nothing of the record's content. Immutable.
 *
 * @param sequence   the entry's position in the feed
 * @param recordId   the record concerned; not null
 * @param version    the record's version that could not be taken
 * @param reasonCode why, a stable code such as {@code UNIT_INVALID}; not null
 * @param at         when it was first quarantined; not null
 */
public record QuarantinedChange(long sequence, String recordId, long version, String reasonCode, Instant at) {

    /** Validates the components. */
    public QuarantinedChange {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(at, "at");
    }
}
