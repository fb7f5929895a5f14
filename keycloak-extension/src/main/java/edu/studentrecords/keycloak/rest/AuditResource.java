package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.RequestParameters.DEFAULT_LOG_PAGE;
import static edu.studentrecords.keycloak.rest.RequestParameters.MAX_LOG_PAGE;
import static edu.studentrecords.keycloak.rest.RequestParameters.instant;
import static edu.studentrecords.keycloak.rest.RequestParameters.integer;
import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.representation.AccessLogRepresentation;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.audit.ChainVerification;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /audit}: the audit trail and a check of its hash chain (supervisors and administrators, student.audit). */
public final class AuditResource extends CollectionResource {

    AuditResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /**
     * The audit trail for supervisors and administrators: a record's entries newest first ({@code record}), or the
     * whole trail oldest first from a sequence number ({@code fromSequence}, default 1).
     */
    @GET
    public Response entries(@QueryParam("record") String record, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("fromSequence") String fromSequence,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return pipeline.run(AuditOperation.AUDIT_READ, request -> {
            int page = integer("limit", limit, DEFAULT_LOG_PAGE, 1, MAX_LOG_PAGE);
            if (record != null && !record.isBlank()) {
                int skip = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
                List<AuditEntry> entries = request.store().auditReview().ofRecord(request.access(), record.strip(),
                        instant("from", from), instant("to", to), skip, page);
                return json(Response.ok(), AccessLogRepresentation.of(entries, skip, page));
            }
            long start = integer("fromSequence", fromSequence, 1, 1, Integer.MAX_VALUE);
            List<AuditEntry> entries = request.store().auditReview().range(request.access(), start, page);
            return json(Response.ok(), AccessLogRepresentation.of(entries, 0, page));
        });
    }

    /** Walks the audit trail's hash chain and says whether it is intact, and where it breaks if not. */
    @GET
    @Path("verify")
    public Response verify() {
        return pipeline.run(AuditOperation.AUDIT_VERIFY, request -> {
            ChainVerification verification = request.store().auditReview().verify(request.access());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("intact", verification.intact());
            body.put("entriesChecked", verification.entriesChecked());
            body.put("firstBrokenSequence", verification.firstBrokenSequence());
            body.put("problem", verification.problem());
            return json(Response.ok(), body);
        });
    }
}
