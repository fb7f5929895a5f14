package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.jobs.RealmSecurityFindings;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.keycloak.rest.representation.SelfCheckRepresentation;
import edu.studentrecords.keycloak.settings.SelfCheckSettings;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.check.SelfCheckReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.RealmModel;

/** {@code /self-check}: the realm's security self-check (supervisors and administrators, {@code student.audit}). */
public final class SelfCheckResource extends CollectionResource {

    SelfCheckResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** The latest security self-check report of the realm. */
    @GET
    public Response latest() {
        return pipeline.run(AuditOperation.SELF_CHECK_READ, request -> request.store().selfCheck().latest(request.access())
                .map(report -> json(Response.ok(), SelfCheckRepresentation.of(report)))
                .orElseGet(() -> Problem.of(ProblemType.NOT_FOUND, request.problemTexts(), "not-found.self-check")
                        .toResponse()));
    }

    /** Runs the security self-check now and answers its report. */
    @POST
    public Response run() {
        return pipeline.run(AuditOperation.SELF_CHECK, request -> {
            RealmModel realm = request.realm();
            StudentRecords store = request.store();
            SelfCheckReport report = store.selfCheck().run(request.access(), SelfCheckSettings.of(realm),
                    RealmSecurityFindings.of(request.session(), realm, store, request.now()));
            return json(Response.ok(), SelfCheckRepresentation.of(report));
        });
    }
}
