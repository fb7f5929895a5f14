package edu.studentrecords.store.grants;

import edu.studentrecords.store.access.Grant;
import java.time.Instant;
import java.util.Objects;

/**
 * A grant as the store keeps it: the grant the access decision uses, and its history and agreement file facts.
 *
 * @param grant                the grant
 * @param requestedAt          when it was requested
 * @param approvedAt           when it was approved, or null
 * @param revokedBy            who revoked it, or null
 * @param agreementFileName    the uploaded agreement's file name
 * @param agreementContentType its media type
 * @param agreementSize        its size in bytes
 */
public record StoredGrant(
        Grant grant,
        Instant requestedAt,
        Instant approvedAt,
        String revokedBy,
        String agreementFileName,
        String agreementContentType,
        long agreementSize) {

    public StoredGrant {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /** Where the grant stands at {@code now}. */
    public GrantState stateAt(Instant now) {
        if (grant.isRevoked()) {
            return GrantState.REVOKED;
        }
        if (!grant.isApproved()) {
            return GrantState.PENDING;
        }
        return grant.isActiveAt(now) ? GrantState.ACTIVE : GrantState.EXPIRED;
    }
}
