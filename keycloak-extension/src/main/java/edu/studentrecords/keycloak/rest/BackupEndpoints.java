package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.StudentRecordsResource.json;

import edu.studentrecords.keycloak.auth.CorsPolicy;
import edu.studentrecords.keycloak.jobs.BackupJob;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.keycloak.spi.DefaultStudentRecordsProvider;
import edu.studentrecords.keycloak.spi.DefaultStudentRecordsProviderFactory;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.access.Duty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

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
public final class BackupEndpoints {

    static final String BACKUP_START = "BACKUP_START";
    static final String BACKUP_LIST = "BACKUP_LIST";
    static final String BACKUP_READ = "BACKUP_READ";
    static final String BACKUP_RESTORE = "BACKUP_RESTORE";

    private final StudentRecordsResource api;
    private final KeycloakSession session;

    BackupEndpoints(StudentRecordsResource api, KeycloakSession session) {
        this.api = api;
        this.session = session;
    }

    /** Preflight of {@code /backups}. */
    @OPTIONS
    public Response preflight() {
        return CorsPolicy.preflight(session);
    }

    /** Preflight below {@code /backups}. */
    @OPTIONS
    @Path("{any: .+}")
    public Response preflightBelow() {
        return CorsPolicy.preflight(session);
    }

    /** Starts a backup: 202 with the running job. */
    @POST
    public Response start() {
        return api.handle(false, caller -> {
            api.store().duties().require(caller.context(), Duty.MANAGE_BACKUPS, BACKUP_START);
            BackupJob job = factory().startBackup(realm(), caller.context().now());
            return json(Response.accepted(), job.body());
        });
    }

    /** The backups and restores started on this node, newest first. */
    @GET
    public Response list() {
        return api.handle(false, caller -> {
            api.store().duties().require(caller.context(), Duty.MANAGE_BACKUPS, BACKUP_LIST);
            List<Map<String, Object>> jobs = factory().backups().of(realm().getId()).stream().map(BackupJob::body).toList();
            return json(Response.ok(), Map.of("backups", jobs));
        });
    }

    /** One backup or restore, with its progress. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return api.handle(false, caller -> {
            api.store().duties().require(caller.context(), Duty.MANAGE_BACKUPS, BACKUP_READ);
            return job(id).map(job -> json(Response.ok(), job.body())).orElseGet(BackupEndpoints::notFound);
        });
    }

    /** Restores a finished backup into the realm's store: 202, or 409 when the store is not empty. */
    @POST
    @Path("{id}/restore")
    public Response restore(@PathParam("id") String id) {
        return api.handle(false, caller -> {
            api.store().duties().require(caller.context(), Duty.MANAGE_BACKUPS, BACKUP_RESTORE);
            Optional<BackupJob> from = job(id);
            if (from.isEmpty()) {
                return notFound();
            }
            if (from.get().kind() != BackupJob.Kind.BACKUP || from.get().status() != BackupJob.Status.DONE) {
                return StudentRecordsResource.problem(Problem.of(ProblemType.CONFLICT,
                        "Only a finished backup can be restored."));
            }
            if (!factory().storeIsEmpty(realm())) {
                return StudentRecordsResource.problem(Problem.of(ProblemType.CONFLICT,
                        "The realm's record store is not empty; a backup is restored only into an empty store."));
            }
            return json(Response.accepted(), factory().startRestore(realm(), from.get(), caller.context().now()).body());
        });
    }

    private Optional<BackupJob> job(String id) {
        return factory().backups().get(realm().getId(), id);
    }

    private static Response.ResponseBuilder notFound() {
        return StudentRecordsResource.problem(Problem.of(ProblemType.NOT_FOUND, "No backup of this realm has this id."));
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private DefaultStudentRecordsProviderFactory factory() {
        return ((DefaultStudentRecordsProvider) session.getProvider(StudentRecordsProvider.class)).factory();
    }
}
