package edu.studentrecords.keycloak.auth;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;

/**
 * CORS for the API, through Keycloak's {@link Cors}: an actual response allows the origins of the token's client
 * (none without a token); a preflight allows any origin to ask, since the token decides afterwards.
 */
public final class CorsPolicy {

    /** Every method of the API, listed in preflights (Keycloak's default is only GET, HEAD, OPTIONS). */
    static final String[] METHODS = {"GET", "POST", "PATCH", "DELETE", "OPTIONS"};
    /** The request headers a browser may send. */
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, Data-Purpose";
    /** The response headers a browser script may read. */
    static final String[] EXPOSED_HEADERS = {"ETag", "Location", "WWW-Authenticate"};

    private CorsPolicy() {
    }

    /**
     * CORS for an actual response to a caller, or to an unauthenticated request when {@code token} is null.
     *
     * @throws jakarta.ws.rs.ForbiddenException when the request's Origin is not one of the token client's web
     *     origins; checked before the request is served, so a refused origin never causes a change
     */
    public static Cors actualFor(AccessToken token) {
        Cors cors = Cors.builder().auth().allowedMethods(METHODS).exposedHeaders(EXPOSED_HEADERS);
        return token == null ? cors : cors.checkAllowedOrigins(token);
    }

    /** Answers a preflight. */
    public static Response preflight(KeycloakSession session) {
        Response response = Cors.builder().auth().preflight().allowedMethods(METHODS).add(Response.ok());
        // Keycloak's Cors allows only its fixed header list (plus Authorization): the API also needs If-Match and
        // Data-Purpose. A preflight with an Origin always gets Access-Control-Allow-Origin, so the list goes with it.
        if (session.getContext().getRequestHeaders().getHeaderString(Cors.ORIGIN_HEADER) != null) {
            session.getContext().getHttpResponse().setHeader(Cors.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        }
        return response;
    }
}
