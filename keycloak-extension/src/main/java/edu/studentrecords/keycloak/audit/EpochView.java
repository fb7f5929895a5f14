package edu.studentrecords.keycloak.audit;

import edu.studentrecords.store.audit.AuditCheckpoint;
import edu.studentrecords.store.audit.SealedEpoch;
import java.time.Instant;
import java.util.List;

/**
 * A sealed epoch as {@code GET /audit/epochs} shows it: its checkpoint, the checkpoint signed by the realm (a compact
 * JWS), and whether its entries are kept ({@code SEALED}) or were dropped after their retention ({@code DROPPED}).
 */
public record EpochView(long id, String state, long firstSequence, long lastSequence, long entryCount,
        String previousHash, String headHash, Instant firstTime, Instant lastTime, Instant sealedAt, Instant droppedAt,
        String checkpoint) {

    /**
     * A page of {@code GET /audit/epochs}, oldest first.
     *
     * @param epochs the epochs of the page
     * @param offset epochs skipped
     * @param limit  the page size asked for
     */
    public record Page(List<EpochView> epochs, int offset, int limit) {

        public static Page of(List<SealedEpoch> epochs, int offset, int limit) {
            return new Page(epochs.stream().map(EpochView::of).toList(), offset, limit);
        }
    }

    public static EpochView of(SealedEpoch epoch) {
        AuditCheckpoint c = epoch.checkpoint();
        return new EpochView(epoch.id(), epoch.dropped() ? "DROPPED" : "SEALED", c.firstSequence(), c.lastSequence(),
                c.entryCount(), c.previousHash(), c.headHash(), c.firstTime(), c.lastTime(), c.sealedAt(),
                epoch.droppedAt(), epoch.signed());
    }
}
