package edu.studentrecords.keycloak.rest.applications;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.CollectionResource;
import edu.studentrecords.keycloak.rest.RequestContext;
import edu.studentrecords.keycloak.rest.RequestPipeline;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.applications.ApplicationAccess;
import edu.studentrecords.store.applications.ApplicationChange;
import edu.studentrecords.store.applications.ApplicationChangeResult;
import edu.studentrecords.store.audit.AuditOperation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /applications}: which campus applications may reach which parts of a record, for administrators
 * ({@code student.admin}). List the realm's clients with their trust, purposes, units and {@code student.*} scopes;
 * change one (written at once, or, when it makes the client less protected, kept for a second administrator); approve
 * such a change. The store decides and audits each call once ({@code APPLICATION_LIST}, {@code APPLICATION_CHANGE},
 * {@code APPLICATION_APPROVE}).
 */
public final class ApplicationsResource extends CollectionResource {

    public ApplicationsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** Every client of the realm with its settings and waiting change, and what the settings may name. */
    @GET
    public Response list() {
        return pipeline.run(AuditOperation.APPLICATION_LIST, request -> {
            ClientRegister register = register(request);
            List<ApplicationAccess> all = request.store().applications().list(request.access(), register);
            Map<String, ApplicationChange> pending = register.pending().stream()
                    .collect(Collectors.toMap(ApplicationChange::clientId, Function.identity(), (a, b) -> a));
            List<Map<String, Object>> applications = all.stream()
                    .sorted(Comparator.comparing(ApplicationAccess::clientId))
                    .map(a -> represent(request, register, a, pending.get(a.clientId()))).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("applications", applications);
            body.put("purposes", List.copyOf(register.realmPurposes()));
            body.put("units", register.units());
            body.put("scopes", List.copyOf(register.studentScopes().keySet()));
            return json(Response.ok(), body);
        });
    }

    /**
     * Replaces a client's settings: 200 with the client as it now is, or 202 with the change waiting for a second
     * administrator when it makes the client less protected. 422 naming every broken field, nothing kept.
     */
    @PUT
    @Path("{clientId}")
    public Response change(@PathParam("clientId") String clientId, InputStream body) {
        return pipeline.run(AuditOperation.APPLICATION_CHANGE, request -> {
            ApplicationAccess asked = request.readJson(body, ApplicationRepresentation.Settings.class)
                    .toAccess(clientId);
            holdClient(request, clientId);
            ClientRegister register = register(request);
            ApplicationChangeResult result = request.store().applications().change(request.access(), register, asked);
            return json(result.pending() == null ? Response.ok() : Response.accepted(),
                    represent(request, register, result.settings(), result.pending()));
        });
    }

    /** Approves the change waiting for {@code clientId}; the approver must not be its requester. */
    @POST
    @Path("{clientId}/changes/{changeId}/approve")
    public Response approve(@PathParam("clientId") String clientId, @PathParam("changeId") String changeId) {
        return pipeline.run(AuditOperation.APPLICATION_APPROVE, request -> {
            holdClient(request, clientId);
            ClientRegister register = register(request);
            ApplicationAccess now = request.store().applications().approve(request.access(), register, clientId,
                    changeId);
            return json(Response.ok(), represent(request, register, now, null));
        });
    }

    /**
     * Holds the client until this request's transaction completes, before its settings are read: a change and an
     * approval of the same client never interleave (409 when the one before does not finish in time).
     */
    private static void holdClient(RequestContext request, String clientId) {
        if (!request.session().getProvider(StudentRecordsProvider.class).clientChangeLocks()
                .holdUntilCompletion(request.session(), request.realm().getId(), clientId)) {
            throw StoreException.conflict(StoreException.Subject.APPLICATION, "BUSY");
        }
    }

    private static ClientRegister register(RequestContext request) {
        return new ClientRegister(request.session(), request.realm());
    }

    private static Map<String, Object> represent(RequestContext request, ClientRegister register,
            ApplicationAccess settings, ApplicationChange pending) {
        return ApplicationRepresentation.of(register.client(settings.clientId()), settings, pending,
                request.session(), request.realm(), request.access().subject());
    }
}
