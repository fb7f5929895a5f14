package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.auth.BearerAuthentication;
import edu.studentrecords.keycloak.auth.Caller;
import edu.studentrecords.keycloak.auth.CorsPolicy;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.problem.ProblemMapper;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.store.access.AccessContext;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.cors.Cors;

/**
 * The path of every API request: authenticate the bearer token (401 without a valid one), check the request's origin
 * against the token's client (CORS), run the endpoint with a {@link RequestContext}, and answer whatever it throws as
 * a problem ({@link ProblemMapper}); CORS headers on every answer. The root resource makes one per request and hands
 * it to the resource of each collection.
 */
final class RequestPipeline {

    private final KeycloakSession session;

    RequestPipeline(KeycloakSession session) {
        this.session = session;
    }

    /** What one endpoint does once the caller is known; it may throw whatever {@link ProblemMapper} maps. */
    @FunctionalInterface
    interface Endpoint {
        Response.ResponseBuilder apply(RequestContext request) throws Exception;
    }

    /** Serves a call of staff, administrators, supervisors or clients, who declare a purpose ({@code Data-Purpose}). */
    Response run(Endpoint endpoint) {
        return handle(false, endpoint);
    }

    /** Serves a student's call about their own record, through {@code /me}. */
    Response runSelfService(Endpoint endpoint) {
        return handle(true, endpoint);
    }

    /** Answers a CORS preflight. */
    Response preflight() {
        return CorsPolicy.preflight(session);
    }

    private Response handle(boolean selfService, Endpoint endpoint) {
        Optional<Caller> caller;
        try {
            caller = new BearerAuthentication(session).authenticate(
                    session.getContext().getRequestHeaders().getHeaderString(AccessContext.PURPOSE_HEADER),
                    selfService);
        } catch (RuntimeException e) {
            return CorsPolicy.actualFor(null).add(ProblemMapper.from(e).toResponse());
        }
        if (caller.isEmpty()) {
            String challenge = "Bearer realm=\"" + session.getContext().getRealm().getName() + "\"";
            return CorsPolicy.actualFor(null).add(Problem.of(ProblemType.NOT_AUTHENTICATED,
                    "A valid bearer token with the audience student-records is required.").toResponse()
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge));
        }
        Cors cors;
        try {
            cors = CorsPolicy.actualFor(caller.get().token());
        } catch (ForbiddenException e) {
            return new Problem(ProblemType.FORBIDDEN.uri(), ProblemType.FORBIDDEN.title(), 403,
                    "Requests from this origin are not allowed for the token's client.", "ORIGIN_NOT_ALLOWED", null)
                    .toResponse().build();
        }
        Response.ResponseBuilder builder;
        try {
            builder = endpoint.apply(new RequestContext(session, caller.get()));
        } catch (Exception e) {
            builder = ProblemMapper.from(e).toResponse();
        }
        return cors.add(builder);
    }
}
