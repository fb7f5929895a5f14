package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.auth.CorsPolicy;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.InvalidRecordException;
import edu.studentrecords.store.StudentRecordStore;
import edu.studentrecords.store.retention.PaperCopy;
import edu.studentrecords.store.validation.FieldError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;

/** {@code /records/{id}/paper-copies}: the register of a record's paper copies (administrators). */
public final class PaperCopiesResource {

    private final KeycloakSession session;
    private final RetentionCalls calls;
    private final String recordId;

    PaperCopiesResource(KeycloakSession session, StudentRecordsResource api, String recordId) {
        this.session = session;
        this.calls = new RetentionCalls(api);
        this.recordId = recordId;
    }

    @POST
    public Response add(String body) {
        return calls.handle(caller -> {
            RetentionRepresentation.PaperCopyRequest request = JsonBodies.read(calls.jsonBody(body),
                    RetentionRepresentation.PaperCopyRequest.class);
            List<FieldError> errors = RetentionRepresentation.errors();
            LocalDate destroyBy = request.destroyByDate(errors);
            PaperCopy copy;
            try {
                copy = store().retention().addPaperCopy(caller.context(), recordId, request.location(),
                        request.custodian(), destroyBy);
            } catch (InvalidRecordException invalid) {
                // The store's errors with the date's own, when the date could not be read.
                errors.addAll(invalid.errors().stream().filter(e -> !e.field().equals("destroyBy")).toList());
                throw new InvalidRecordException(errors.isEmpty() ? invalid.errors() : errors);
            }
            URI location = session.getContext().getUri().getAbsolutePathBuilder().path(copy.id()).build();
            return RetentionCalls.json(Response.created(location), copy);
        });
    }

    @GET
    public Response list() {
        return calls.handle(caller -> RetentionCalls.json(Response.ok(),
                Map.of("paperCopies", store().retention().paperCopies(caller.context(), recordId))));
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
