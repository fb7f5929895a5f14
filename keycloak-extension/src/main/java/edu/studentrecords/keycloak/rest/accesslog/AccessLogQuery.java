package edu.studentrecords.keycloak.rest.accesslog;

import static edu.studentrecords.keycloak.rest.RequestParameters.DEFAULT_LOG_PAGE;
import static edu.studentrecords.keycloak.rest.RequestParameters.MAX_LOG_PAGE;
import static edu.studentrecords.keycloak.rest.RequestParameters.instant;
import static edu.studentrecords.keycloak.rest.RequestParameters.integer;

import edu.studentrecords.store.OwnAccessLog;
import java.time.Instant;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The query parameters of an access log ({@code GET /me/access-log}, {@code GET /guardian/children/{recordId}/access-log}):
 * the dates the store reads between, the filter, and the page.
 *
 * @param from   the first instant (inclusive), or null
 * @param to     the last instant (exclusive), or null
 * @param filter who and purpose
 * @param offset matching entries skipped
 * @param limit  the page size
 */
public record AccessLogQuery(Instant from, Instant to, AccessLogFilter filter, int offset, int limit) {

    /** The query of the parameters, {@code who} one of {@code kinds}; a 400 naming the parameter for a bad value. */
    public static AccessLogQuery of(String from, String to, String offset, String limit, String who, String purpose,
            Set<Actor.Kind> kinds) {
        int skip = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
        int page = integer("limit", limit, DEFAULT_LOG_PAGE, 1, MAX_LOG_PAGE);
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        return new AccessLogQuery(start, end, AccessLogFilter.of(who, purpose, kinds), skip, page);
    }

    /** The page of {@code log} this query asks for, read by {@code caller}. */
    public OwnAccessLogPage page(KeycloakSession session, RealmModel realm, String caller, OwnAccessLog log) {
        return OwnAccessLogPage.of(session, realm, caller, log, filter, offset, limit);
    }
}
