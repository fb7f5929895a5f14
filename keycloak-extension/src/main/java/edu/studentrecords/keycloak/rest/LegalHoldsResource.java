package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.store.audit.AuditOperation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code /legal-holds}: every legal hold of the realm, and lifting one (administrators, {@code student.admin}). A hold
 * is placed on a record at {@code /records/{id}/legal-holds} ({@link RecordLegalHoldsResource}).
 */
public final class LegalHoldsResource extends CollectionResource {

    LegalHoldsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** Every hold of the realm, newest first. */
    @GET
    public Response list() {
        return pipeline.run(AuditOperation.LEGAL_HOLD_LIST, request -> json(Response.ok(), Map.of("legalHolds",
                request.store().retention().holds(request.access()).stream()
                        .map(RetentionRepresentation.Hold::of).toList())));
    }

    @POST
    @Path("{hid}/lift")
    public Response lift(@PathParam("hid") String holdId) {
        return pipeline.run(AuditOperation.LEGAL_HOLD_LIFT, request -> json(Response.ok(),
                RetentionRepresentation.Hold.of(request.store().retention().liftHold(request.access(), holdId))));
    }
}
