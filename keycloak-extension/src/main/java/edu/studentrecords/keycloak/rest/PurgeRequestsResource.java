package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.jobs.DestructionCertificates;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.representation.PurgeRequestRepresentation;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.DestructionCertificate;
import edu.studentrecords.store.PurgeRequest;
import edu.studentrecords.store.PurgeStatus;
import edu.studentrecords.store.audit.AuditOperation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.keycloak.models.RealmModel;

/**
 * {@code /purge-requests}: destruction with four eyes ({@code student.purge}). An administrator files a request for a
 * record ({@code POST /records/{id}/purge-requests}), a different administrator approves it (the record, its key
 * and its index entries are destroyed, and the signed destruction certificate answered) or cancels it.
 */
public final class PurgeRequestsResource extends CollectionResource {

    private static final int MAX_PURGE_REASON = 1000;

    PurgeRequestsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** Asks for a record's destruction ({@code POST /records/{id}/purge-requests}); another administrator decides. */
    Response file(String recordId, InputStream body) {
        return pipeline.run(AuditOperation.PURGE_REQUEST, request -> {
            String reason = reasonOf(request.readJson(body, PurgeRequestRepresentation.Filing.class));
            PurgeRequest filed = request.store().purgeRequests().request(request.access(), recordId, reason);
            return json(Response.status(Response.Status.CREATED), PurgeRequestRepresentation.of(filed));
        });
    }

    /** The reason a filing gives: 1 to {@value #MAX_PURGE_REASON} characters, or a 400. */
    static String reasonOf(PurgeRequestRepresentation.Filing filing) {
        if (filing.reason() == null || filing.reason().isBlank() || filing.reason().length() > MAX_PURGE_REASON) {
            throw new BadRequest("bad.purge-reason", MAX_PURGE_REASON);
        }
        return filing.reason();
    }

    /** The purge requests in one state (default {@code PENDING}), newest first: the centre's work queue. */
    @GET
    public Response list(@QueryParam("status") String status) {
        return pipeline.run(AuditOperation.PURGE_LIST, request -> {
            PurgeStatus wanted = RequestParameters.oneOf("status", status, PurgeStatus.class, PurgeStatus.PENDING);
            List<PurgeRequestRepresentation> found = request.store().purgeRequests().list(request.access(), wanted)
                    .stream().map(PurgeRequestRepresentation::of).toList();
            return json(Response.ok(), Map.of("purgeRequests", found));
        });
    }

    /**
     * A second administrator approves: the store destroys the record (key, record, archive), this node's index drops it,
     * and the destruction certificate is returned, signed with the realm's key.
     */
    @POST
    @Path("{rid}/approve")
    public Response approve(@PathParam("rid") String requestId) {
        return pipeline.run(AuditOperation.PURGE_APPROVE, request -> {
            StudentRecordsProvider provider = request.provider();
            RealmModel realm = request.realm();
            DestructionCertificate certificate = provider.store(realm).purgeRequests().approve(request.access(),
                    requestId, destruction -> provider.purgeFromIndex(realm, destruction));
            PurgeRequestRepresentation.Certificate body = PurgeRequestRepresentation.Certificate.of(certificate);
            return json(Response.ok(), new PurgeRequestRepresentation.Certified(body,
                    DestructionCertificates.sign(request.session(), body)));
        });
    }

    /** Cancels a pending purge request: the record stays. */
    @POST
    @Path("{rid}/cancel")
    public Response cancel(@PathParam("rid") String requestId) {
        return pipeline.run(AuditOperation.PURGE_CANCEL, request -> json(Response.ok(),
                PurgeRequestRepresentation.of(request.store().purgeRequests().cancel(request.access(), requestId))));
    }
}
