package edu.studentrecords.search;

import edu.studentrecords.store.model.Profile;
import java.util.Objects;

/**
 * One matching record: its id, the version the index holds and its profile, nothing else. Immutable;
 * {@code toString()} prints no personal data.
 *
 * @param recordId the record's id; not null
 * @param version  the record's version as indexed
 * @param profile  the record's profile fields; not null
 * @param score    the relevance score (higher first); only the order means something
 */
public record SearchHit(String recordId, long version, Profile profile, float score) {

    /** Validates the components. */
    public SearchHit {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(profile, "profile");
    }
}
