package edu.studentrecords.keycloak.auth;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.keycloak.common.util.UriUtils;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;

/**
 * CORS for the API, through Keycloak's {@link Cors}, on the web origins of the realm's clients as Keycloak resolves
 * them ({@code +} for the origins of the redirect URIs). An actual response allows the origins of the token's client
 * (none without a token); a preflight, which carries no token, is answered only for an origin of one of the realm's
 * enabled clients. An origin entry ending in {@code *}, as {@code http://localhost:*} from a redirect URI, allows the
 * origins that start with what comes before it.
 */
public final class CorsPolicy {

    /** Every method of the API, listed in preflights (Keycloak's default is only GET, HEAD, OPTIONS). */
    static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    /** The request headers a browser may send. */
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, Data-Purpose";
    /** The response headers a browser script may read. */
    static final String[] EXPOSED_HEADERS = {"ETag", "Location", "Retry-After", "WWW-Authenticate"};

    private CorsPolicy() {
    }

    /**
     * CORS for an actual response to a caller, or to an unauthenticated request when {@code token} is null.
     *
     * @throws ForbiddenException when the request's Origin is neither the server's own nor one of the web origins of
     *     the token's client; checked before the request is served, so a refused origin never causes a change
     */
    public static Cors actualFor(KeycloakSession session, AccessToken token) {
        Cors cors = Cors.builder().auth().allowedMethods(METHODS).exposedHeaders(EXPOSED_HEADERS);
        if (token == null) {
            return cors;
        }
        String origin = origin(session);
        if (origin != null && allows(originsOf(session, token), origin)) {
            return cors.checkAllowedOrigins(List.of(origin));
        }
        // Keycloak's own check: the server's own origin passes, any other is refused.
        return cors.checkAllowedOrigins(token);
    }

    /**
     * Answers a preflight with the API's methods and request headers.
     *
     * @throws ForbiddenException when the request's Origin is no web origin of an enabled client of the realm: such a
     *     preflight gets no {@code Access-Control-Allow-Origin}
     */
    public static Response preflight(KeycloakSession session) {
        String origin = origin(session);
        if (origin == null) {
            return Response.ok().build();
        }
        boolean known = session.getContext().getRealm().getClientsStream().filter(ClientModel::isEnabled)
                .anyMatch(client -> allows(WebOriginsUtils.resolveValidWebOrigins(session, client), origin));
        if (!known) {
            throw new ForbiddenException("The origin is no web origin of the realm's clients.");
        }
        Response response = Cors.builder().auth().preflight().allowedMethods(METHODS).add(Response.ok());
        // Keycloak's Cors allows only its fixed header list (plus Authorization): the API also needs If-Match and
        // Data-Purpose.
        session.getContext().getHttpResponse().setHeader(Cors.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        return response;
    }

    /**
     * Whether {@code origin} is one of {@code allowed}: the same, {@code *}, or an entry ending in {@code *} that the
     * origin starts with (without it) when the origin is a well-formed one (scheme, host, port and nothing else), so
     * that {@code http://localhost:*} allows {@code http://localhost:5173} and not
     * {@code http://localhost:5173.example.com}.
     */
    static boolean allows(Collection<String> allowed, String origin) {
        if (allowed == null || origin == null) {
            return false;
        }
        if (allowed.contains(origin) || allowed.contains("*")) {
            return true;
        }
        return UriUtils.isOrigin(origin) && allowed.stream().anyMatch(entry -> entry.length() > 1 && entry.endsWith("*")
                && origin.startsWith(entry.substring(0, entry.length() - 1)));
    }

    /** The web origins of the token's client: as the token carries them, else as the client has them now. */
    private static Collection<String> originsOf(KeycloakSession session, AccessToken token) {
        Set<String> carried = token.getAllowedOrigins();
        if (carried != null && !carried.isEmpty()) {
            return carried;
        }
        ClientModel client = token.getIssuedFor() == null ? null
                : session.getContext().getRealm().getClientByClientId(token.getIssuedFor());
        return client == null ? Set.of() : WebOriginsUtils.resolveValidWebOrigins(session, client);
    }

    private static String origin(KeycloakSession session) {
        return session.getContext().getRequestHeaders().getHeaderString(Cors.ORIGIN_HEADER);
    }
}
