package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.store.audit.AuditOperation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code /records/{id}/archive}: the record's sealed archive and its re-verification (administrators). */
public final class ArchiveResource extends CollectionResource {

    private final String recordId;

    ArchiveResource(RequestPipeline pipeline, String recordId) {
        super(pipeline);
        this.recordId = recordId;
    }

    @GET
    public Response summary() {
        return pipeline.run(AuditOperation.ARCHIVE_READ, request -> json(Response.ok(),
                RetentionRepresentation.Archive.of(request.store().retention().archive(request.access(), recordId))));
    }

    /** Recomputes the SHA-256 of the sealed bytes: {@code {"sha256","intact"}}. */
    @POST
    @Path("verify")
    public Response verify() {
        return pipeline.run(AuditOperation.ARCHIVE_VERIFY, request -> json(Response.ok(),
                request.store().retention().verifyArchive(request.access(), recordId)));
    }
}
