package edu.studentrecords.store;

import edu.studentrecords.store.retention.PaperCopy;
import java.time.Instant;
import java.util.List;

/**
 * The proof that a record was destroyed, on an approved purge request or by the realm's retention rules.
 *
 * @param recordId     the destroyed record
 * @param lastVersion  its version when it was destroyed
 * @param destroyedAt  when the destruction finished
 * @param reason       the reason of the purge request, or the retention rule that applied
 * @param requestedBy  who asked (a Keycloak user id, {@link PurgeRequests#USER_REMOVED}, or
 *                     {@link edu.studentrecords.store.retention.Retention#SYSTEM} for a retention run)
 * @param approvedBy   the Keycloak user id of the second administrator, or who started the retention run
 * @param purgeRequest the id of the purge request, or null for a retention destruction
 * @param paperCopies  the paper copies of the record in the register, to be destroyed by their custodians
 * @param retentionRun the id of the retention run that destroyed the record, or null for a purge request
 */
public record DestructionCertificate(
        String recordId,
        long lastVersion,
        Instant destroyedAt,
        String reason,
        String requestedBy,
        String approvedBy,
        String purgeRequest,
        List<PaperCopy> paperCopies,
        String retentionRun) {

    public DestructionCertificate {
        paperCopies = paperCopies == null ? List.of() : List.copyOf(paperCopies);
    }

    /** A certificate of a purge request without paper copies. */
    public DestructionCertificate(String recordId, long lastVersion, Instant destroyedAt, String reason,
            String requestedBy, String approvedBy, String purgeRequest) {
        this(recordId, lastVersion, destroyedAt, reason, requestedBy, approvedBy, purgeRequest, List.of(), null);
    }

    @Override
    public String toString() {
        return "DestructionCertificate[recordId=" + recordId + ", purgeRequest=" + purgeRequest + ", retentionRun="
                + retentionRun + "]";
    }
}
