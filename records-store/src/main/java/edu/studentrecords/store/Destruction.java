package edu.studentrecords.store;

import java.time.Instant;

/**
 * What a destruction did, for the destruction certificate.
 *
 * @param recordId       the destroyed record
 * @param lastVersion    its version when destroyed
 * @param destroyedAt    when
 * @param reason         the reason given
 * @param feedSequence   the change-feed position of the removal (the search index drops it from there on)
 */
public record Destruction(String recordId, long lastVersion, Instant destroyedAt, String reason, long feedSequence) {
}
