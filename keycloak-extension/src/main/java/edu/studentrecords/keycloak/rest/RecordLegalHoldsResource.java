package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.retention.LegalHold;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code /records/{id}/legal-holds}: place a legal hold on one record, list its holds (administrators,
 * {@code student.admin}); a hold is lifted at {@code /legal-holds/{hid}/lift} ({@link LegalHoldsResource}).
 */
public final class RecordLegalHoldsResource extends CollectionResource {

    private final String recordId;

    RecordLegalHoldsResource(RequestPipeline pipeline, String recordId) {
        super(pipeline);
        this.recordId = recordId;
    }

    /** Places a hold: 201 with the hold, its address below {@code /legal-holds}. */
    @POST
    public Response place(InputStream body) {
        return pipeline.run(AuditOperation.LEGAL_HOLD_PLACE, request -> {
            RetentionRepresentation.HoldRequest asked = request.readJson(body,
                    RetentionRepresentation.HoldRequest.class);
            LegalHold hold = request.store().retention().placeHold(request.access(), recordId, asked.reason());
            return json(Response.created(request.apiLocation("legal-holds", hold.id())),
                    RetentionRepresentation.Hold.of(hold));
        });
    }

    /** The record's holds, newest first. */
    @GET
    public Response list() {
        return pipeline.run(AuditOperation.LEGAL_HOLD_LIST, request -> json(Response.ok(), Map.of("legalHolds",
                request.store().retention().holds(request.access()).stream()
                        .filter(h -> recordId.equals(h.recordId()))
                        .map(RetentionRepresentation.Hold::of).toList())));
    }
}
