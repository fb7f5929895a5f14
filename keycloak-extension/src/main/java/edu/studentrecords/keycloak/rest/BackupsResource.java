package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.rest.representation.BackupRepresentation;
import edu.studentrecords.store.audit.AuditOperation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Backups of the realm's store from the centre at {@code /backups} (administrators): start one (202, it runs off the
 * request thread), list them, poll one for its progress, restore a finished one (202; 409 when the realm's store is
 * not empty). The store decides and audits each call ({@code BACKUP_START}, {@code BACKUP_LIST}, {@code BACKUP_READ},
 * {@code BACKUP_RESTORE}) and runs the jobs.
 *
 * <p>A restore writes only into an empty store database; since every call to this API is itself audited in that
 * store, a realm in use is never empty and the REST restore answers 409 there: restore with the command line
 * ({@code BackupCommand restore}) into an empty database before Keycloak opens the realm, then rebuild the index.
 */
public final class BackupsResource extends CollectionResource {

    BackupsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** Starts a backup: 202 with the running job. */
    @POST
    public Response start() {
        return pipeline.run(AuditOperation.BACKUP_START, request -> json(Response.accepted(),
                BackupRepresentation.of(request.store().backups().start(request.access()))));
    }

    /** The backups and restores started on this node, newest first. */
    @GET
    public Response list() {
        return pipeline.run(AuditOperation.BACKUP_LIST, request -> json(Response.ok(), Map.of("backups", request.store().backups()
                .list(request.access()).stream().map(BackupRepresentation::of).toList())));
    }

    /** One backup or restore, with its progress. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.BACKUP_READ, request -> json(Response.ok(),
                BackupRepresentation.of(request.store().backups().get(request.access(), id))));
    }

    /** Restores a finished backup into the realm's store: 202, or 409 when the store is not empty. */
    @POST
    @Path("{id}/restore")
    public Response restore(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.BACKUP_RESTORE, request -> json(Response.accepted(),
                BackupRepresentation.of(request.store().backups().restore(request.access(), id))));
    }
}
