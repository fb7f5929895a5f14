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
 * node started), {@code DOWN} before, or when the store or index cannot be opened. Positions only, no record.
 */
final class Readiness {

    private static final Logger LOG = Logger.getLogger(Readiness.class);
    private static final String CHECK = "student-records-search-index";

    private Readiness() {
    }

    static Response of(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        StudentSearchIndex index;
        try {
            index = session.getProvider(StudentRecordsProvider.class).index(realm);
        } catch (RuntimeException e) {
            LOG.warnf("Readiness: the realm's store or index cannot be opened (%s)", e.getClass().getSimpleName());
            return json(Response.status(Response.Status.SERVICE_UNAVAILABLE), body("DOWN",
                    Map.of("reason", "the record store cannot be reached"))).header(HttpHeaders.RETRY_AFTER, 5).build();
        }
        if (index.caughtUp()) {
            return json(Response.ok(), body("UP", Map.of())).build();
        }
        IndexStatus status = index.status();
        return json(Response.status(Response.Status.SERVICE_UNAVAILABLE), body("DOWN", Map.of(
                "reason", "the search index is catching up", "behind", status.behind(),
                "consecutiveFailures", status.consecutiveFailures())))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, status.retryAfter().toSeconds())).build();
    }

    private static Map<String, Object> body(String status, Map<String, Object> data) {
        return Map.of("status", status, "checks", List.of(Map.of("name", CHECK, "status", status, "data", data)));
    }
}
