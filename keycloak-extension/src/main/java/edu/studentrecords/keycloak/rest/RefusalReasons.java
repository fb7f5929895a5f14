package edu.studentrecords.keycloak.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AuditReason;
import jakarta.ws.rs.ForbiddenException;
import java.util.Optional;

/**
 * What a call that ended before the store recorded it comes to, for its one audit entry: refused for its input (a body
 * or header the API cannot read, an origin the client does not allow), allowed but not done (content the store
 * refused before deciding: invalid, stale, a conflict), or failed. The store records its own decisions; these are the
 * calls that ended before them.
 */
final class RefusalReasons {

    /** How the call ended: refused (a denial) or not done (allowed to be tried), and why. */
    record Ending(boolean refused, AuditReason reason) {
    }

    private RefusalReasons() {
    }

    /** How a call that threw {@code failure} ended; empty when it failed. */
    static Optional<Ending> endingOf(Exception failure) {
        if (failure instanceof StoreException e) {
            return switch (e.kind()) {
                case MALFORMED -> Optional.of(new Ending(true, AuditReason.MALFORMED_REQUEST));
                case TOO_LARGE -> Optional.of(new Ending(true, AuditReason.PAYLOAD_TOO_LARGE));
                case INVALID -> Optional.of(new Ending(false, AuditReason.INVALID_REQUEST));
                case STALE -> Optional.of(new Ending(false, AuditReason.STALE_VERSION));
                case CONFLICT -> Optional.of(new Ending(false, AuditReason.CONFLICT));
                default -> Optional.empty();
            };
        }
        return of(failure).map(reason -> new Ending(true, reason));
    }

    private static Optional<AuditReason> of(Exception failure) {
        if (failure instanceof BadRequest bad) {
            return Optional.of(switch (bad.type()) {
                case UNSUPPORTED_MEDIA_TYPE -> AuditReason.UNSUPPORTED_MEDIA_TYPE;
                case PRECONDITION_REQUIRED -> AuditReason.PRECONDITION_REQUIRED;
                case PAYLOAD_TOO_LARGE -> AuditReason.PAYLOAD_TOO_LARGE;
                case VERSION_MISMATCH -> AuditReason.STALE_VERSION;
                default -> AuditReason.MALFORMED_REQUEST;
            });
        }
        if (failure instanceof JsonProcessingException) {
            return Optional.of(AuditReason.MALFORMED_REQUEST);
        }
        if (failure instanceof ForbiddenException) {
            return Optional.of(AuditReason.ORIGIN_NOT_ALLOWED);
        }
        return Optional.empty();
    }
}
