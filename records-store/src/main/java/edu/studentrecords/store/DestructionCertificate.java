package edu.studentrecords.store;

import java.time.Instant;

/**
 * The proof that a record was destroyed on an approved purge request.
 *
 * @param recordId     the destroyed record
 * @param lastVersion  its version when it was destroyed
 * @param destroyedAt  when the destruction finished
 * @param reason       the reason of the purge request
 * @param requestedBy  who asked (a Keycloak user id, or {@link PurgeRequests#USER_REMOVED})
 * @param approvedBy   the Keycloak user id of the second administrator
 * @param purgeRequest the id of the purge request
 */
public record DestructionCertificate(
        String recordId,
        long lastVersion,
        Instant destroyedAt,
        String reason,
        String requestedBy,
        String approvedBy,
        String purgeRequest) {

    @Override
    public String toString() {
        return "DestructionCertificate[recordId=" + recordId + ", purgeRequest=" + purgeRequest + "]";
    }
}
