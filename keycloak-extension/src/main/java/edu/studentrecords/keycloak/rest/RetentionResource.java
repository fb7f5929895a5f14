package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.jobs.SigningRetentionHooks;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.representation.RetentionRepresentation;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.retention.PolicyChange;
import edu.studentrecords.store.retention.RetentionPolicy;
import edu.studentrecords.store.retention.RetentionRun;
import edu.studentrecords.store.validation.FieldError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
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
        return pipeline.run(AuditOperation.RETENTION_POLICY_READ, request -> json(Response.ok(),
                RetentionRepresentation.Policy.of(request.store().retention().policy(request.access()))));
    }

    /**
     * Replaces the policy: 200 with the policy when it applies at once (it makes retention no shorter); 202 with the
     * change when it makes retention shorter and waits for a second administrator; 422 with field errors when it
     * breaks a rule or goes under the server's floor (nothing stored).
     */
    @PUT
    @Path("policy")
    public Response updatePolicy(InputStream body) {
        return pipeline.run(AuditOperation.RETENTION_POLICY_UPDATE, request -> {
            RetentionRepresentation.Policy sent = request.readJson(body, RetentionRepresentation.Policy.class);
            List<FieldError> unreadable = RetentionRepresentation.errors();
            RetentionPolicy policy = sent.toPolicy(unreadable);
            if (!unreadable.isEmpty()) {
                // Through the store all the same, so the refused call leaves its one audit entry.
                policy = new RetentionPolicy(policy.archiveOn(), 0, -1);
                try {
                    request.store().retention().updatePolicy(request.access(), policy);
                } catch (StoreException expected) {
                    if (!expected.is(StoreException.Kind.INVALID)) {
                        throw expected;
                    }
                    throw StoreException.invalid(StoreException.Subject.RETENTION_POLICY,
                            unreadable.stream().distinct().toList());
                }
            }
            PolicyChange change = request.store().retention().updatePolicy(request.access(), policy);
            return change.status() == PolicyChange.Status.AWAITING_APPROVAL
                    ? json(Response.accepted(), RetentionRepresentation.Change.of(change)).header(HttpHeaders.ETAG, tag(change))
                    : json(Response.ok(), RetentionRepresentation.Policy.of(change.current()));
        });
    }

    /** The change of the policy that waits for a second administrator, with its {@code ETag}; 404 when none waits. */
    @GET
    @Path("policy/pending")
    public Response pendingPolicy() {
        return pipeline.run(AuditOperation.RETENTION_POLICY_READ, request -> {
            PolicyChange pending = request.store().retention().pendingPolicy(request.access())
                    .orElseThrow(() -> StoreException.notFound(StoreException.Subject.RETENTION_POLICY));
            return json(Response.ok(), RetentionRepresentation.Change.of(pending)).header(HttpHeaders.ETAG, tag(pending));
        });
    }

    /**
     * A second administrator approves the waiting change they read: {@code If-Match} names it (the {@code ETag} of
     * {@code GET policy/pending}; 428 without, 412 when another change waits now). It applies. 403 four-eyes for its
     * proposer.
     */
    @POST
    @Path("policy/approve")
    public Response approvePolicy() {
        return pipeline.run(AuditOperation.RETENTION_POLICY_APPROVE, request -> {
            Instant proposedAt = Instant.ofEpochMilli(request.ifMatchVersion());
            return json(Response.ok(), RetentionRepresentation.Change.of(
                    request.store().retention().approvePolicy(request.access(), proposedAt)));
        });
    }

    /** The entity tag of a waiting change: when it was proposed, in milliseconds, as a version. */
    private static String tag(PolicyChange change) {
        return RequestParameters.etag(change.proposedAt().toEpochMilli());
    }

    /** Cancels the waiting change; the policy stays. */
    @POST
    @Path("policy/cancel")
    public Response cancelPolicy() {
        return pipeline.run(AuditOperation.RETENTION_POLICY_CANCEL, request -> json(Response.ok(),
                RetentionRepresentation.Change.of(request.store().retention().cancelPolicy(request.access()))));
    }

    /**
     * Runs retention now (or a dry run) and answers its report with signed certificates. The body must say
     * {@code {"dryRun":true}} or {@code {"dryRun":false}}; without it, 400.
     */
    @POST
    @Path("runs")
    public Response run(InputStream body) {
        return pipeline.run(AuditOperation.RETENTION_RUN, request -> {
            boolean dryRun = dryRunOf(request.readJson(body, RetentionRepresentation.RunRequest.class));
            RetentionRun run = request.store().retention().run(request.access(), dryRun,
                    new SigningRetentionHooks(request.session(), request.realm()));
            return json(Response.ok(), RetentionRepresentation.Run.of(run));
        });
    }

    /** Whether a run asked for is a dry run; a 400 when the body does not say. */
    static boolean dryRunOf(RetentionRepresentation.RunRequest asked) {
        if (asked.dryRun() == null) {
            // A run destroys records: it is never what a forgotten field means.
            throw new BadRequest("bad.dry-run");
        }
        return asked.dryRun();
    }

    /** The latest runs, newest first. */
    @GET
    @Path("runs")
    public Response runs() {
        return pipeline.run(AuditOperation.RETENTION_RUN_LIST, request -> json(Response.ok(), Map.of("runs", request.store().retention()
                .runs(request.access()).stream().map(RetentionRepresentation.Run::of).toList())));
    }
}
