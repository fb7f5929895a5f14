package edu.studentrecords.store.retention;

import edu.studentrecords.store.DestructionCertificate;
import java.time.Instant;
import java.util.List;

/**
 * The report of one retention run (or of a dry run: what a run would do now, nothing changed).
 *
 * @param id        the run's id
 * @param dryRun    whether nothing was changed
 * @param ranAt     the instant the run judged dates against
 * @param archived  records archived by the run (a dry run: that would be)
 * @param destroyed records destroyed, each with its certificate (a dry run: that would be, unsigned)
 * @param held      records due for destruction but kept by a legal hold
 * @param waiting   archived records whose retention has not ended yet
 */
public record RetentionRun(String id, boolean dryRun, Instant ranAt, List<String> archived, List<Destroyed> destroyed,
        List<String> held, int waiting) {

    public RetentionRun {
        archived = List.copyOf(archived);
        destroyed = List.copyOf(destroyed);
        held = List.copyOf(held);
    }

    /**
     * One destruction of a run.
     *
     * @param recordId          the destroyed record
     * @param certificate       its destruction certificate
     * @param signedCertificate the certificate signed by the realm (a compact JWS), or null in a dry run or when no
     *                          signer was given
     */
    public record Destroyed(String recordId, DestructionCertificate certificate, String signedCertificate) {
    }
}
