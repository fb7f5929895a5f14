package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.retention.PaperCopy;
import edu.studentrecords.store.validation.FieldError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code /records/{id}/paper-copies}: the register of a record's paper copies (administrators). */
public final class PaperCopiesResource extends CollectionResource {

    private final String recordId;

    PaperCopiesResource(RequestPipeline pipeline, String recordId) {
        super(pipeline);
        this.recordId = recordId;
    }

    @POST
    public Response add(InputStream body) {
        return pipeline.run(AuditOperation.PAPER_COPY_ADD, request -> {
            RetentionRepresentation.PaperCopyRequest asked = request.readJson(body,
                    RetentionRepresentation.PaperCopyRequest.class);
            List<FieldError> errors = RetentionRepresentation.errors();
            LocalDate destroyBy = asked.destroyByDate(errors);
            PaperCopy copy;
            try {
                copy = request.store().retention().addPaperCopy(request.access(), recordId, asked.location(),
                        asked.custodian(), destroyBy);
            } catch (StoreException invalid) {
                if (!invalid.is(StoreException.Kind.INVALID)) {
                    throw invalid;
                }
                // The store's errors with the date's own, when the date could not be read.
                errors.addAll(invalid.errors().stream().filter(e -> !e.field().equals("destroyBy")).toList());
                throw StoreException.invalid(StoreException.Subject.PAPER_COPY, errors.isEmpty() ? invalid.errors() : errors);
            }
            return json(Response.created(request.locationBelow(copy.id())), copy);
        });
    }

    @GET
    public Response list() {
        return pipeline.run(AuditOperation.PAPER_COPY_LIST, request -> json(Response.ok(),
                Map.of("paperCopies", request.store().retention().paperCopies(request.access(), recordId))));
    }
}
