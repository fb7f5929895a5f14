package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.search.IndexStatus;
import edu.studentrecords.search.StudentSearchIndex;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The readiness of this node for one realm, in the shape of a MicroProfile Health answer: {@code UP} once the realm's
 * search index has caught up with the store's change feed (a search would miss nothing that was committed before the
 * node started) while the store answers and the feed moves; {@code DOWN} before, when the store or index cannot be
 * opened or reached, or when the index has failed to take the feed {@link #STUCK} times in a row. Positions only, no
 * record.
 */
final class Readiness {

    private static final Logger LOG = Logger.getLogger(Readiness.class);
    private static final String CHECK = "student-records-search-index";
    /** Failed polls or batches in a row (retried with backoff, about half a minute) after which the feed is stuck. */
    static final int STUCK = 5;
    private static final String STORE_UNREACHABLE = "the record store cannot be reached";

    private Readiness() {
    }

    static Response of(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        StudentSearchIndex index;
        try {
            index = session.getProvider(StudentRecordsProvider.class).index(realm);
        } catch (RuntimeException e) {
            LOG.warnf("Readiness: the realm's store or index cannot be opened (%s)", e.getClass().getSimpleName());
            return down(Map.of("reason", STORE_UNREACHABLE), 5);
        }
        IndexStatus status = index.status();
        if (status.feedHead() < 0) {
            return down(Map.of("reason", STORE_UNREACHABLE), 5);
        }
        if (status.consecutiveFailures() >= STUCK) {
            return down(Map.of("reason", "the change feed is stuck", "behind", status.behind(),
                    "consecutiveFailures", status.consecutiveFailures()), 5);
        }
        if (status.caughtUp()) {
            return json(Response.ok(), body("UP", Map.of("behind", status.behind())))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        return down(Map.of("reason", "the search index is catching up", "behind", status.behind(),
                "consecutiveFailures", status.consecutiveFailures()), Math.max(1, status.retryAfter().toSeconds()));
    }

    private static Response down(Map<String, Object> data, long retryAfterSeconds) {
        return json(Response.status(Response.Status.SERVICE_UNAVAILABLE), body("DOWN", data))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static Map<String, Object> body(String status, Map<String, Object> data) {
        return Map.of("status", status, "checks", List.of(Map.of("name", CHECK, "status", status, "data", data)));
    }
}
