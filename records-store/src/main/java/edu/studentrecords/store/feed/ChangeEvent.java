package edu.studentrecords.store.feed;

import edu.studentrecords.store.model.Profile;
import java.util.List;
import java.util.Objects;

/**
 * One committed change of a record, as a consumer such as the search index should apply it: the record's
 * state after the change, or its removal. Events carry the record's current state when they are read, so
 * applying the events of a record in order, or only its last one, gives the same result: apply an upsert
 * only when its version is newer than what the consumer holds.
 *
 * @param sequence          position in the feed; strictly increasing, no gaps
 * @param recordId          the record concerned
 * @param kind              whether the record now exists
 * @param version           the record's version, 0 for a removal
 * @param profile           the record's profile (clear fields) for an upsert, {@code null} for a removal; also
 *                          {@code null} for an upsert of a record whose stored form the feed cannot read (the feed
 *                          has quarantined the entry as {@code RECORD_UNREADABLE}): a consumer keeps such a record
 *                          out of its copy
 * @param ownerSubject      the linked Keycloak user, or {@code null}
 * @param residentIdHash    keyed hash of the resident ID number (never the number), {@code null} for a removal
 * @param phoneHashes       keyed hashes of the student's and guardians' phones, empty for a removal
 */
public record ChangeEvent(
        long sequence,
        String recordId,
        Kind kind,
        long version,
        Profile profile,
        String ownerSubject,
        String residentIdHash,
        List<String> phoneHashes) {

    /** What happened to the record. */
    public enum Kind {
        /** The record exists in the given state (created or changed). */
        UPSERT,
        /** The record no longer exists (destroyed). */
        REMOVE
    }

    public ChangeEvent {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(kind, "kind");
        phoneHashes = phoneHashes == null ? List.of() : List.copyOf(phoneHashes);
    }

    @Override
    public String toString() {
        return "ChangeEvent[sequence=" + sequence + ", recordId=" + recordId + ", kind=" + kind + ", version=" + version + "]";
    }
}
