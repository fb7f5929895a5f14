package edu.studentrecords.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to destroy a student record, waiting for (or having had) the approval of a second administrator.
 *
 * <p>Immutable. {@code reason} is the requester's own text: it is kept with the request, never in the audit trail or
 * in logs.
 *
 * @param id               the request id
 * @param recordId         the record to destroy
 * @param status           where the request stands
 * @param reason           why the record should be destroyed
 * @param requestedBy      the Keycloak user id of the requesting administrator, or {@link PurgeRequests#USER_REMOVED}
 *                         when the system filed it because the student's account was removed
 * @param requestedAt      when it was filed
 * @param decidedBy        who approved or cancelled it; null while pending
 * @param decidedAt        when the destruction finished or the request was cancelled; null before
 * @param accountRemovedAt when the student's Keycloak account was removed, for requests the system filed; null otherwise
 */
public record PurgeRequest(
        String id,
        String recordId,
        PurgeStatus status,
        String reason,
        String requestedBy,
        Instant requestedAt,
        String decidedBy,
        Instant decidedAt,
        Instant accountRemovedAt) {

    public PurgeRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    @Override
    public String toString() {
        // Not the reason: free text may name the student.
        return "PurgeRequest[id=" + id + ", recordId=" + recordId + ", status=" + status + "]";
    }
}
