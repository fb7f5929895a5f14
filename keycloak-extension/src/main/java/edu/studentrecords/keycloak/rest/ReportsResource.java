package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.mail.ReportNotices;
import edu.studentrecords.keycloak.rest.representation.AccessLogRepresentation;
import edu.studentrecords.keycloak.rest.representation.CentreReportRepresentation;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.reports.MisuseReport;
import edu.studentrecords.store.reports.MisuseReports;
import edu.studentrecords.store.reports.ReportStatus;
import edu.studentrecords.store.reports.Triage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The centre's side of misuse reports at {@code /reports}: list, read, the audit entries a report concerns, triage
 * (administrators) and resolve (administrators and supervisors). Each call is decided and audited once by the store;
 * a resolution tells the student by email once the request has committed.
 */
public final class ReportsResource extends CollectionResource {

    ReportsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** The realm's reports, newest first, optionally of one status. */
    @GET
    public Response list(@QueryParam("status") String status) {
        return pipeline.run(AuditOperation.LIST_MISUSE_REPORTS, request -> {
            ReportStatus wanted = RequestParameters.oneOf("status", status, ReportStatus.class, null);
            List<CentreReportRepresentation> found = reports(request).list(request.access(), wanted).stream()
                    .map(report -> representation(request, report)).toList();
            return json(Response.ok(), new CentreReportRepresentation.Listing(found));
        });
    }

    /** One report. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.READ_MISUSE_REPORT, request -> json(Response.ok(),
                representation(request, reports(request).get(request.access(), id))));
    }

    /** The audit entries the report names and the centre linked, as {@code /audit} shows them. */
    @GET
    @Path("{id}/entries")
    public Response entries(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.READ_MISUSE_REPORT_ENTRIES, request -> {
            var entries = reports(request).entries(request.access(), id);
            return json(Response.ok(), AccessLogRepresentation.of(entries, 0, entries.size()));
        });
    }

    /** Triages a report: severity, assignee (a username of the centre), linked audit entries of the same record. */
    @POST
    @Path("{id}/triage")
    public Response triage(@PathParam("id") String id, InputStream body) {
        return pipeline.run(AuditOperation.TRIAGE_MISUSE_REPORT, request -> {
            CentreReportRepresentation.TriageRequest asked = request.readJson(body,
                    CentreReportRepresentation.TriageRequest.class);
            RealmModel realm = request.realm();
            MisuseReport triaged = reports(request).triage(request.access(), id,
                    new Triage(asked.severity(), asked.assignee(), asked.linkedEntries()),
                    username -> ofTheCentre(request.session(), realm, username));
            return json(Response.ok(), representation(request, triaged));
        });
    }

    /** Resolves a report with an outcome the student reads; the student is told by email. 409 when already resolved. */
    @POST
    @Path("{id}/resolve")
    public Response resolve(@PathParam("id") String id, InputStream body) {
        return pipeline.run(AuditOperation.RESOLVE_MISUSE_REPORT, request -> {
            CentreReportRepresentation.ResolveRequest asked = request.readJson(body,
                    CentreReportRepresentation.ResolveRequest.class);
            MisuseReport resolved = reports(request).resolve(request.access(), id, asked.outcome());
            request.store().owners().ownerOf(resolved.recordId())
                    .ifPresent(subject -> ReportNotices.afterCommit(request.session(), subject, resolved));
            return json(Response.ok(), representation(request, resolved));
        });
    }

    private static MisuseReports reports(RequestContext request) {
        return request.store().misuseReports();
    }

    /** The report as the centre sees it: who triaged and who decided by username (the user id once they are gone). */
    private static CentreReportRepresentation representation(RequestContext request, MisuseReport report) {
        RealmModel realm = request.realm();
        return CentreReportRepresentation.of(report, subject -> {
            UserModel user = request.session().users().getUserById(realm, subject);
            return user == null ? subject : user.getUsername();
        });
    }

    /** Whether a username is an enabled person of the centre: an administrator or a supervisor of the realm. */
    private static boolean ofTheCentre(KeycloakSession session, RealmModel realm, String username) {
        UserModel user = session.users().getUserByUsername(realm, username);
        if (user == null || !user.isEnabled()) {
            return false;
        }
        return Stream.of(RealmRole.ADMIN, RealmRole.SUPERVISOR).map(role -> realm.getRole(role.roleName()))
                .anyMatch(role -> role != null && user.hasRole(role));
    }
}
