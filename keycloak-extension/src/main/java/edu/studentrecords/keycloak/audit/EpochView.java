package edu.studentrecords.keycloak.audit;

import edu.studentrecords.store.audit.AuditCheckpoint;
import edu.studentrecords.store.audit.SealedEpoch;
import java.time.Instant;

/**
 * A sealed epoch as {@code GET /audit/epochs} shows it: its checkpoint, the checkpoint signed by the realm (a compact
 * JWS), and whether its entries are kept ({@code SEALED}) or were dropped after their retention ({@code DROPPED}).
 */
public record EpochView(long id, String state, long firstSequence, long lastSequence, long entryCount,
        String previousHash, String headHash, Instant firstTime, Instant lastTime, Instant sealedAt, Instant droppedAt,
        String checkpoint) {

    public static EpochView of(SealedEpoch epoch) {
        AuditCheckpoint c = epoch.checkpoint();
        return new EpochView(epoch.id(), epoch.dropped() ? "DROPPED" : "SEALED", c.firstSequence(), c.lastSequence(),
                c.entryCount(), c.previousHash(), c.headHash(), c.firstTime(), c.lastTime(), c.sealedAt(),
                epoch.droppedAt(), epoch.signed());
    }
}
