package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.jobs.BackupJob;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.keycloak.spi.DefaultStudentRecordsProvider;
import edu.studentrecords.keycloak.spi.DefaultStudentRecordsProviderFactory;
import edu.studentrecords.store.access.Duty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backups of the realm's store from the centre at {@code /backups} (administrators, {@link Duty#MANAGE_BACKUPS}):
 * start one (202, it runs off the request thread), list them, poll one for its progress, restore a finished one
 * (202; 409 when the realm's store is not empty). Each call is decided and audited once in the realm's store
 * ({@code BACKUP_START}, {@code BACKUP_LIST}, {@code BACKUP_READ}, {@code BACKUP_RESTORE}).
 *
 * <p>A restore writes only into an empty store database; since every call to this API is itself audited in that
 * store, a realm in use is never empty and the REST restore answers 409 there: restore with the command line
 * ({@code BackupCommand restore}) into an empty database before Keycloak opens the realm, then rebuild the index.
 */
public final class BackupsResource extends CollectionResource {

    static final String BACKUP_START = "BACKUP_START";
    static final String BACKUP_LIST = "BACKUP_LIST";
    static final String BACKUP_READ = "BACKUP_READ";
    static final String BACKUP_RESTORE = "BACKUP_RESTORE";

    BackupsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** Starts a backup: 202 with the running job. */
    @POST
    public Response start() {
        return pipeline.run(request -> {
            request.store().duties().require(request.access(), Duty.MANAGE_BACKUPS, BACKUP_START);
            BackupJob job = factory(request).startBackup(request.realm(), request.now());
            return json(Response.accepted(), job.body());
        });
    }

    /** The backups and restores started on this node, newest first. */
    @GET
    public Response list() {
        return pipeline.run(request -> {
            request.store().duties().require(request.access(), Duty.MANAGE_BACKUPS, BACKUP_LIST);
            List<Map<String, Object>> jobs = factory(request).backups().of(request.realm().getId()).stream()
                    .map(BackupJob::body).toList();
            return json(Response.ok(), Map.of("backups", jobs));
        });
    }

    /** One backup or restore, with its progress. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return pipeline.run(request -> {
            request.store().duties().require(request.access(), Duty.MANAGE_BACKUPS, BACKUP_READ);
            return job(request, id).map(job -> json(Response.ok(), job.body())).orElseGet(BackupsResource::notFound);
        });
    }

    /** Restores a finished backup into the realm's store: 202, or 409 when the store is not empty. */
    @POST
    @Path("{id}/restore")
    public Response restore(@PathParam("id") String id) {
        return pipeline.run(request -> {
            request.store().duties().require(request.access(), Duty.MANAGE_BACKUPS, BACKUP_RESTORE);
            Optional<BackupJob> from = job(request, id);
            if (from.isEmpty()) {
                return notFound();
            }
            if (from.get().kind() != BackupJob.Kind.BACKUP || from.get().status() != BackupJob.Status.DONE) {
                return Problem.of(ProblemType.CONFLICT, "Only a finished backup can be restored.").toResponse();
            }
            if (!factory(request).storeIsEmpty(request.realm())) {
                return Problem.of(ProblemType.CONFLICT,
                        "The realm's record store is not empty; a backup is restored only into an empty store.")
                        .toResponse();
            }
            return json(Response.accepted(),
                    factory(request).startRestore(request.realm(), from.get(), request.now()).body());
        });
    }

    private static Optional<BackupJob> job(RequestContext request, String id) {
        return factory(request).backups().get(request.realm().getId(), id);
    }

    private static Response.ResponseBuilder notFound() {
        return Problem.of(ProblemType.NOT_FOUND, "No backup of this realm has this id.").toResponse();
    }

    /** The node's backup worker belongs to the default provider's factory, beyond the student-records SPI. */
    private static DefaultStudentRecordsProviderFactory factory(RequestContext request) {
        return ((DefaultStudentRecordsProvider) request.provider()).factory();
    }
}
