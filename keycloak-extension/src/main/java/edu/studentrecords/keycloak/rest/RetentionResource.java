package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.auth.CorsPolicy;
import edu.studentrecords.keycloak.jobs.SigningRetentionHooks;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.store.InvalidRecordException;
import edu.studentrecords.store.StudentRecordStore;
import edu.studentrecords.store.retention.RetentionPolicy;
import edu.studentrecords.store.retention.RetentionRun;
import edu.studentrecords.store.validation.FieldError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@code /retention}: the realm's retention policy and retention runs (administrators, {@code student.admin}). */
public final class RetentionResource {

    private final KeycloakSession session;
    private final RetentionCalls calls;

    RetentionResource(KeycloakSession session, StudentRecordsResource api) {
        this.session = session;
        this.calls = new RetentionCalls(api);
    }

    @GET
    @Path("policy")
    public Response policy() {
        return calls.handle(caller -> RetentionCalls.json(Response.ok(),
                RetentionRepresentation.Policy.of(store().retention().policy(caller.context()))));
    }

    /** Replaces the policy; 422 with field errors when it breaks a rule (nothing stored). */
    @PUT
    @Path("policy")
    public Response updatePolicy(String body) {
        return calls.handle(caller -> {
            RetentionRepresentation.Policy sent = JsonBodies.read(calls.jsonBody(body), RetentionRepresentation.Policy.class);
            List<FieldError> unreadable = RetentionRepresentation.errors();
            RetentionPolicy policy = sent.toPolicy(unreadable);
            if (!unreadable.isEmpty()) {
                // Through the store all the same, so the refused call leaves its one audit entry.
                policy = new RetentionPolicy(policy.archiveOn(), 0, -1);
                try {
                    store().retention().updatePolicy(caller.context(), policy);
                } catch (InvalidRecordException expected) {
                    throw new InvalidRecordException(unreadable.stream().distinct().toList());
                }
            }
            return RetentionCalls.json(Response.ok(),
                    RetentionRepresentation.Policy.of(store().retention().updatePolicy(caller.context(), policy)));
        });
    }

    /**
     * Runs retention now (or a dry run) and answers its report with signed certificates. The body must say
     * {@code {"dryRun":true}} or {@code {"dryRun":false}}; without it, 400.
     */
    @POST
    @Path("runs")
    public Response run(String body) {
        return calls.handle(caller -> {
            RetentionRepresentation.RunRequest request = JsonBodies.read(calls.jsonBody(body), RetentionRepresentation.RunRequest.class);
            if (request.dryRun() == null) {
                // A run destroys records: it is never what a forgotten field means.
                throw new BadRequest(
                        "'dryRun' is required: true to see what a run would do, false to run it.");
            }
            RealmModel realm = session.getContext().getRealm();
            RetentionRun run = store().retention().run(caller.context(), request.dryRun(),
                    new SigningRetentionHooks(session, realm));
            return RetentionCalls.json(Response.ok(), RetentionRepresentation.Run.of(run));
        });
    }

    /** The latest runs, newest first. */
    @GET
    @Path("runs")
    public Response runs() {
        return calls.handle(caller -> RetentionCalls.json(Response.ok(), Map.of("runs",
                store().retention().runs(caller.context()).stream().map(RetentionRepresentation.Run::of).toList())));
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
