package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.auth.CorsPolicy;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.StudentRecordStore;
import edu.studentrecords.store.retention.LegalHold;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import org.keycloak.models.KeycloakSession;

/**
 * Legal holds: {@code POST /records/{id}/legal-holds} places one, {@code GET /legal-holds} lists them,
 * {@code POST /legal-holds/{id}/lift} lifts one (administrators, {@code student.admin}).
 */
public final class LegalHoldsResource {

    private final KeycloakSession session;
    private final RetentionCalls calls;
    private final String recordId;

    /** @param recordId the record of {@code /records/{id}/legal-holds}, or null for {@code /legal-holds} */
    LegalHoldsResource(KeycloakSession session, StudentRecordsResource api, String recordId) {
        this.session = session;
        this.calls = new RetentionCalls(api);
        this.recordId = recordId;
    }

    @POST
    public Response place(String body) {
        if (recordId == null) {
            throw new NotFoundException();
        }
        return calls.handle(caller -> {
            RetentionRepresentation.HoldRequest request = JsonBodies.read(calls.jsonBody(body), RetentionRepresentation.HoldRequest.class);
            LegalHold hold = store().retention().placeHold(caller.context(), recordId, request.reason());
            URI location = session.getContext().getUri().getBaseUriBuilder()
                    .path("realms").path(session.getContext().getRealm().getName())
                    .path("student-records").path("legal-holds").path(hold.id()).build();
            return RetentionCalls.json(Response.created(location), RetentionRepresentation.Hold.of(hold));
        });
    }

    /** Every hold of the realm, newest first ({@code /legal-holds}) or those of one record. */
    @GET
    public Response list() {
        return calls.handle(caller -> RetentionCalls.json(Response.ok(), Map.of("legalHolds",
                store().retention().holds(caller.context()).stream()
                        .filter(h -> recordId == null || recordId.equals(h.recordId()))
                        .map(RetentionRepresentation.Hold::of).toList())));
    }

    @POST
    @Path("{hid}/lift")
    public Response lift(@PathParam("hid") String holdId) {
        if (recordId != null) {
            throw new NotFoundException();
        }
        return calls.handle(caller -> RetentionCalls.json(Response.ok(),
                RetentionRepresentation.Hold.of(store().retention().liftHold(caller.context(), holdId))));
    }

    /** Preflight for every path below this one. */
    @OPTIONS
    @Path("{any: .*}")
    public Response preflight() {
        return CorsPolicy.preflight(session);
    }

    private StudentRecordStore store() {
        return session.getProvider(StudentRecordsProvider.class).store(session.getContext().getRealm());
    }
}
