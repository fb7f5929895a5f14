package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.jobs.SigningRetentionHooks;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.store.InvalidRecordException;
import edu.studentrecords.store.retention.RetentionPolicy;
import edu.studentrecords.store.retention.RetentionRun;
import edu.studentrecords.store.validation.FieldError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** {@code /retention}: the realm's retention policy and retention runs (administrators, {@code student.admin}). */
public final class RetentionResource extends CollectionResource {

    RetentionResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    @GET
    @Path("policy")
    public Response policy() {
        return pipeline.run(request -> json(Response.ok(),
                RetentionRepresentation.Policy.of(request.store().retention().policy(request.access()))));
    }

    /** Replaces the policy; 422 with field errors when it breaks a rule (nothing stored). */
    @PUT
    @Path("policy")
    public Response updatePolicy(String body) {
        return pipeline.run(request -> {
            RetentionRepresentation.Policy sent = request.readJson(body, RetentionRepresentation.Policy.class);
            List<FieldError> unreadable = RetentionRepresentation.errors();
            RetentionPolicy policy = sent.toPolicy(unreadable);
            if (!unreadable.isEmpty()) {
                // Through the store all the same, so the refused call leaves its one audit entry.
                policy = new RetentionPolicy(policy.archiveOn(), 0, -1);
                try {
                    request.store().retention().updatePolicy(request.access(), policy);
                } catch (InvalidRecordException expected) {
                    throw new InvalidRecordException(unreadable.stream().distinct().toList());
                }
            }
            return json(Response.ok(), RetentionRepresentation.Policy.of(
                    request.store().retention().updatePolicy(request.access(), policy)));
        });
    }

    /**
     * Runs retention now (or a dry run) and answers its report with signed certificates. The body must say
     * {@code {"dryRun":true}} or {@code {"dryRun":false}}; without it, 400.
     */
    @POST
    @Path("runs")
    public Response run(String body) {
        return pipeline.run(request -> {
            RetentionRepresentation.RunRequest asked = request.readJson(body, RetentionRepresentation.RunRequest.class);
            if (asked.dryRun() == null) {
                // A run destroys records: it is never what a forgotten field means.
                throw new BadRequest("'dryRun' is required: true to see what a run would do, false to run it.");
            }
            RetentionRun run = request.store().retention().run(request.access(), asked.dryRun(),
                    new SigningRetentionHooks(request.session(), request.realm()));
            return json(Response.ok(), RetentionRepresentation.Run.of(run));
        });
    }

    /** The latest runs, newest first. */
    @GET
    @Path("runs")
    public Response runs() {
        return pipeline.run(request -> json(Response.ok(), Map.of("runs", request.store().retention()
                .runs(request.access()).stream().map(RetentionRepresentation.Run::of).toList())));
    }
}
