package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.auth.BearerAuthentication;
import edu.studentrecords.keycloak.auth.CallKind;
import edu.studentrecords.keycloak.auth.Caller;
import edu.studentrecords.keycloak.auth.CorsPolicy;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.problem.ProblemMapper;
import edu.studentrecords.keycloak.rest.problem.ProblemTexts;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.CallAudit;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditOperation;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.cors.Cors;

/**
 * The path of every API request: authenticate the bearer token (401 without a valid one), check the request's origin
 * against the token's client (CORS), run the endpoint with a {@link RequestContext}, and answer whatever it throws as
 * a problem ({@link ProblemMapper}); CORS headers and {@code Cache-Control: no-store} on every answer (most carry
 * personal data, and none is worth keeping). The root resource makes one per request and hands it to the resource of
 * each collection.
 */
public final class RequestPipeline {

    private static final Logger LOG = Logger.getLogger(RequestPipeline.class);
    private static final String NO_STORE = "no-store";

    private final KeycloakSession session;

    RequestPipeline(KeycloakSession session) {
        this.session = session;
    }

    /** What one endpoint does once the caller is known; it may throw whatever {@link ProblemMapper} maps. */
    @FunctionalInterface
    public interface Endpoint {
        Response.ResponseBuilder apply(RequestContext request) throws Exception;
    }

    /**
     * Serves a call of staff, administrators, supervisors or clients, who declare a purpose ({@code Data-Purpose}).
     *
     * @param operation what the call is, for the audit entry of a call refused before it reaches the store
     */
    public Response run(AuditOperation operation, Endpoint endpoint) {
        return handle(CallKind.DECLARED_PURPOSE, operation, endpoint);
    }

    /** Serves a student's call about their own record, through {@code /me}. */
    public Response runSelfService(AuditOperation operation, Endpoint endpoint) {
        return handle(CallKind.SELF_SERVICE, operation, endpoint);
    }

    /** Serves a guardian's call for a linked child, through {@code /guardian/children}; no purpose. */
    public Response runAsGuardian(AuditOperation operation, Endpoint endpoint) {
        return handle(CallKind.GUARDIAN, operation, endpoint);
    }

    /** Answers a CORS preflight: 403 for an origin of none of the realm's clients. */
    public Response preflight() {
        try {
            return Response.fromResponse(CorsPolicy.preflight(session)).header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                    .build();
        } catch (ForbiddenException e) {
            return originRefused(ProblemTexts.forLanguages(session.getContext().getRequestHeaders()
                    .getAcceptableLanguages()));
        }
    }

    private Response handle(CallKind kind, AuditOperation operation, Endpoint endpoint) {
        long started = System.nanoTime();
        Response response = answer(kind, operation, endpoint);
        try {
            session.getProvider(StudentRecordsProvider.class).served(operation, response.getStatus(),
                    System.nanoTime() - started);
        } catch (RuntimeException e) {
            // A metric never fails a call that has its answer.
            LOG.debugf("A call could not be counted (%s)", e.getClass().getSimpleName());
        }
        return response;
    }

    private Response answer(CallKind kind, AuditOperation operation, Endpoint endpoint) {
        ProblemTexts texts = ProblemTexts.forLanguages(session.getContext().getRequestHeaders().getAcceptableLanguages());
        if (storeKnownUnreachable()) {
            // Nothing can be decided, done or audited; the driver would wait out its server selection (30 s) first.
            return CorsPolicy.actualFor(session, null).add(noStore(ProblemMapper.storeUnavailable(texts).toResponse()
                    .header(HttpHeaders.RETRY_AFTER, ProblemMapper.UNAVAILABLE_RETRY_SECONDS)));
        }
        Optional<Caller> caller;
        try {
            caller = new BearerAuthentication(session).authenticate(
                    session.getContext().getRequestHeaders().getHeaderString(AccessContext.PURPOSE_HEADER),
                    kind);
        } catch (RuntimeException e) {
            return CorsPolicy.actualFor(session, null).add(noStore(ProblemMapper.from(e, texts).toResponse()));
        }
        if (caller.isEmpty()) {
            String challenge = "Bearer realm=\"" + session.getContext().getRealm().getName() + "\"";
            return CorsPolicy.actualFor(session, null).add(noStore(Problem.of(ProblemType.NOT_AUTHENTICATED, texts,
                    "not-authenticated").toResponse()
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge)));
        }
        Cors cors;
        try {
            cors = CorsPolicy.actualFor(session, caller.get().token());
        } catch (ForbiddenException e) {
            leaveEntry(caller.get().context(), operation, e);
            return originRefused(texts);
        }
        Response.ResponseBuilder builder;
        try {
            builder = endpoint.apply(new RequestContext(session, caller.get()));
        } catch (Exception e) {
            leaveEntry(caller.get().context(), operation, e);
            Response.ResponseBuilder problem = ProblemMapper.from(e, texts).toResponse();
            ProblemMapper.retryAfterSeconds(e).ifPresent(seconds -> problem.header(HttpHeaders.RETRY_AFTER, seconds));
            builder = problem;
        }
        return cors.add(noStore(builder));
    }

    private static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
        return builder.header(HttpHeaders.CACHE_CONTROL, NO_STORE);
    }

    /** The answer to a request from an origin the API does not serve, without CORS headers. */
    private static Response originRefused(ProblemTexts texts) {
        return noStore(new Problem(ProblemType.FORBIDDEN.uri(), texts.title(ProblemType.FORBIDDEN), 403,
                texts.text("origin-not-allowed"), "ORIGIN_NOT_ALLOWED", null)
                .toResponse()).build();
    }

    /**
     * Leaves the audit entry of a call that ended before the store recorded it: refused for its input (the body, a
     * header, the origin) or failed. The store appends nothing when the call has its entry already.
     */
    private void leaveEntry(AccessContext ctx, AuditOperation operation, Exception failure) {
        if (ProblemMapper.storeUnreachable(failure) || storeKnownUnreachable()) {
            // The entry cannot be written either, and trying would hold the answer for another selection timeout.
            LOG.warnf("The audit entry of a %s call could not be written: the record store cannot be reached",
                    operation.code());
            return;
        }
        String recordId = recordIdInPath();
        try {
            CallAudit calls = session.getProvider(StudentRecordsProvider.class).store(session.getContext().getRealm())
                    .calls();
            Optional<RefusalReasons.Ending> ending = RefusalReasons.endingOf(failure);
            if (ending.isEmpty()) {
                calls.failed(ctx, operation, recordId);
            } else if (ending.get().refused()) {
                calls.refused(ctx, operation, recordId, ending.get().reason());
            } else {
                calls.notDone(ctx, operation, recordId, ending.get().reason());
            }
        } catch (RuntimeException auditFailure) {
            // The call's own answer says what went wrong; the audit trail's failure is reported by the self-check.
            LOG.warnf("The audit entry of a %s call could not be written (%s)", operation.code(),
                    auditFailure.getClass().getSimpleName());
        }
    }

    /** Whether the record store is known to be out of reach now (asks nothing of it). */
    private boolean storeKnownUnreachable() {
        return session.getProvider(StudentRecordsProvider.class).storeUnreachable();
    }

    /** The record the request's address names ({@code /records/{id}/...}, {@code /guardian/children/{id}/...}), or null. */
    private String recordIdInPath() {
        List<PathSegment> segments = session.getContext().getUri().getPathSegments();
        for (int i = 0; i + 1 < segments.size(); i++) {
            String segment = segments.get(i).getPath();
            if ("records".equals(segment) || "children".equals(segment)) {
                return segments.get(i + 1).getPath();
            }
        }
        return null;
    }
}
