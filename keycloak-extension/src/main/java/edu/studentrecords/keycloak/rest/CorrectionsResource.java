package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.mail.CorrectionNotices;
import edu.studentrecords.keycloak.mail.RecipientMail;
import edu.studentrecords.keycloak.rest.representation.CorrectionDecisionRepresentation;
import edu.studentrecords.keycloak.rest.representation.CorrectionRepresentation;
import edu.studentrecords.keycloak.rest.representation.CorrectionReviewRepresentation;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.correction.CorrectionRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code /corrections}: the centre's review of students' correction requests (administrators, {@code student.admin}):
 * the pending ones with their values before and after, approve (the record changes, validated) or reject with a
 * reason; the student is told by email once the decision has committed.
 */
public final class CorrectionsResource extends CollectionResource {

    CorrectionsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** The pending correction requests with their values, for the centre (administrators with student.admin). */
    @GET
    public Response pending() {
        return pipeline.run(AuditOperation.REVIEW_CORRECTION, request -> json(Response.ok(), Map.of("corrections", request.store()
                .corrections().pending(request.access()).stream().map(CorrectionReviewRepresentation::of).toList())));
    }

    /** Approves a correction request: the record changes (validated); 412 when its groups changed since the request. */
    @POST
    @Path("{id}/approve")
    public Response approve(@PathParam("id") String id, InputStream body) {
        return pipeline.run(AuditOperation.APPROVE_CORRECTION, request -> {
            CorrectionDecisionRepresentation decision = decision(request, body);
            CorrectionRequest approved = request.store().corrections().approve(request.access(), id, decision.note());
            tellStudent(request, approved);
            if (approved.outcome() != null && approved.outcome().recordVersion() != null) {
                RecipientMail.afterCommit(request.session(), request.store().notices().ofChange(approved.recordId(),
                        approved.outcome().recordVersion()));
            }
            return json(Response.ok(), CorrectionRepresentation.of(approved));
        });
    }

    /** Rejects a correction request with a reason; the record does not change. */
    @POST
    @Path("{id}/reject")
    public Response reject(@PathParam("id") String id, InputStream body) {
        return pipeline.run(AuditOperation.REJECT_CORRECTION, request -> {
            CorrectionDecisionRepresentation decision = decision(request, body);
            CorrectionRequest rejected = request.store().corrections().reject(request.access(), id, decision.reason());
            tellStudent(request, rejected);
            return json(Response.ok(), CorrectionRepresentation.of(rejected));
        });
    }

    /**
     * The decision's body, which may be left out (a reject then fails for its missing reason); a body that is there, or
     * a content type that says there is one (a form's, whose body the server takes as form fields), is JSON with its
     * content type, as every body is.
     */
    private static CorrectionDecisionRepresentation decision(RequestContext request, InputStream body) throws Exception {
        byte[] bytes = JsonBodies.bytes(body);
        if (bytes.length > 0 || request.contentType() != null) {
            request.requireContentType(MediaType.APPLICATION_JSON);
        }
        return decision(bytes);
    }

    /** The decision a body of JSON says, or none when it is blank. */
    static CorrectionDecisionRepresentation decision(byte[] body) throws Exception {
        String text = JsonBodies.text(body);
        return text.isBlank() ? new CorrectionDecisionRepresentation(null, null)
                : JsonBodies.read(text, CorrectionDecisionRepresentation.class);
    }

    private static void tellStudent(RequestContext request, CorrectionRequest decided) {
        request.store().owners().ownerOf(decided.recordId())
                .ifPresent(owner -> CorrectionNotices.afterCommit(request.session(), owner, decided));
    }
}
