package edu.studentrecords.store.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A closed epoch of the audit chain as the store keeps it: its checkpoint, the checkpoint as the realm signed it (a
 * compact JWS), and when its entries were dropped after their retention ended (null while they are kept). A dropped
 * epoch keeps its checkpoint, so the chain still verifies from the first kept entry. Immutable.
 *
 * @param checkpoint what was sealed
 * @param signed the signed checkpoint; never null
 * @param droppedAt when the entries were dropped, or null
 */
public record SealedEpoch(AuditCheckpoint checkpoint, String signed, Instant droppedAt) {

    public SealedEpoch {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(signed, "signed");
    }

    /** The epoch's number. */
    public long id() {
        return checkpoint.epoch();
    }

    /** Whether its entries are dropped. */
    public boolean dropped() {
        return droppedAt != null;
    }
}
