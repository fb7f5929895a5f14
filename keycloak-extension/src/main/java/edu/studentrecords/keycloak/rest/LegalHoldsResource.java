package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.retention.LegalHold;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/**
 * Legal holds: {@code POST /records/{id}/legal-holds} places one, {@code GET /legal-holds} lists them,
 * {@code POST /legal-holds/{id}/lift} lifts one (administrators, {@code student.admin}).
 */
public final class LegalHoldsResource extends CollectionResource {

    private final String recordId;

    /** @param recordId the record of {@code /records/{id}/legal-holds}, or null for {@code /legal-holds} */
    private LegalHoldsResource(RequestPipeline pipeline, String recordId) {
        super(pipeline);
        this.recordId = recordId;
    }

    /** {@code /legal-holds}: every hold of the realm. */
    static LegalHoldsResource ofRealm(RequestPipeline pipeline) {
        return new LegalHoldsResource(pipeline, null);
    }

    /** {@code /records/{id}/legal-holds}: the holds of one record. */
    static LegalHoldsResource ofRecord(RequestPipeline pipeline, String recordId) {
        return new LegalHoldsResource(pipeline, recordId);
    }

    @POST
    public Response place(InputStream body) {
        if (recordId == null) {
            throw new NotFoundException();
        }
        return pipeline.run(AuditOperation.LEGAL_HOLD_PLACE, request -> {
            RetentionRepresentation.HoldRequest asked = request.readJson(body,
                    RetentionRepresentation.HoldRequest.class);
            LegalHold hold = request.store().retention().placeHold(request.access(), recordId, asked.reason());
            return json(Response.created(request.apiLocation("legal-holds", hold.id())),
                    RetentionRepresentation.Hold.of(hold));
        });
    }

    /** Every hold of the realm, newest first ({@code /legal-holds}) or those of one record. */
    @GET
    public Response list() {
        return pipeline.run(AuditOperation.LEGAL_HOLD_LIST, request -> json(Response.ok(), Map.of("legalHolds",
                request.store().retention().holds(request.access()).stream()
                        .filter(h -> recordId == null || recordId.equals(h.recordId()))
                        .map(RetentionRepresentation.Hold::of).toList())));
    }

    @POST
    @Path("{hid}/lift")
    public Response lift(@PathParam("hid") String holdId) {
        if (recordId != null) {
            throw new NotFoundException();
        }
        return pipeline.run(AuditOperation.LEGAL_HOLD_LIFT, request -> json(Response.ok(),
                RetentionRepresentation.Hold.of(request.store().retention().liftHold(request.access(), holdId))));
    }
}
