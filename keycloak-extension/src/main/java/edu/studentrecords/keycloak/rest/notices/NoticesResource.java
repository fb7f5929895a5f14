package edu.studentrecords.keycloak.rest.notices;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.CollectionResource;
import edu.studentrecords.keycloak.rest.RequestPipeline;
import edu.studentrecords.store.audit.AuditOperation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code /notices}: an application acting for itself (client credentials) lists the notices of changes to what it
 * read, unacknowledged first, and acknowledges them. Another application's notice is "not found". The store decides
 * and audits each call ({@code NOTICE_LIST}, {@code NOTICE_ACK}).
 */
public final class NoticesResource extends CollectionResource {

    public NoticesResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** The caller's notices. */
    @GET
    public Response list() {
        return pipeline.run(AuditOperation.NOTICE_LIST, request -> json(Response.ok(), request.store().notices()
                .forCaller(request.access()).stream().map(NoticeRepresentation::forRecipient).toList()));
    }

    /** Acknowledges one of the caller's notices; again is harmless. */
    @POST
    @Path("{id}/ack")
    public Response acknowledge(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.NOTICE_ACK, request -> json(Response.ok(),
                NoticeRepresentation.forRecipient(request.store().notices().acknowledge(request.access(), id))));
    }
}
