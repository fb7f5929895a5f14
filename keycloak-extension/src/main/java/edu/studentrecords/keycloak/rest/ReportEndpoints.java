package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.StudentRecordsResource.json;
import static edu.studentrecords.keycloak.rest.StudentRecordsResource.requireBody;

import edu.studentrecords.keycloak.auth.CorsPolicy;
import edu.studentrecords.keycloak.mail.ReportNotices;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.representation.AccessLogRepresentation;
import edu.studentrecords.keycloak.rest.representation.CentreReportRepresentation;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.reports.MisuseReport;
import edu.studentrecords.store.reports.MisuseReports;
import edu.studentrecords.store.reports.ReportStatus;
import edu.studentrecords.store.reports.Triage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The centre's side of misuse reports at {@code /reports}: list, read, the audit entries a report concerns, triage
 * (administrators) and resolve (administrators and supervisors). Each call is decided and audited once by the store;
 * a resolution tells the student by email once the request has committed.
 */
public final class ReportEndpoints {

    private final StudentRecordsResource api;
    private final KeycloakSession session;

    ReportEndpoints(StudentRecordsResource api, KeycloakSession session) {
        this.api = api;
        this.session = session;
    }

    /** Preflight of {@code /reports}. */
    @OPTIONS
    public Response preflight() {
        return CorsPolicy.preflight(session);
    }

    /** Preflight below {@code /reports}. */
    @OPTIONS
    @Path("{any: .+}")
    public Response preflightBelow() {
        return CorsPolicy.preflight(session);
    }

    /** The realm's reports, newest first, optionally of one status. */
    @GET
    public Response list(@QueryParam("status") String status) {
        return api.handle(false, caller -> {
            ReportStatus wanted = status(status);
            List<CentreReportRepresentation> found = reports().list(caller.context(), wanted).stream().map(this::body).toList();
            return json(Response.ok(), new CentreReportRepresentation.Listing(found));
        });
    }

    /** One report. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return api.handle(false, caller -> json(Response.ok(), body(reports().get(caller.context(), id))));
    }

    /** The audit entries the report names and the centre linked, as {@code /audit} shows them. */
    @GET
    @Path("{id}/entries")
    public Response entries(@PathParam("id") String id) {
        return api.handle(false, caller -> {
            var entries = reports().entries(caller.context(), id);
            return json(Response.ok(), AccessLogRepresentation.of(entries, 0, entries.size()));
        });
    }

    /** Triages a report: severity, assignee (a username of the centre), linked audit entries of the same record. */
    @POST
    @Path("{id}/triage")
    public Response triage(@PathParam("id") String id, String body) {
        return api.handle(false, caller -> {
            api.requireJson(MediaType.APPLICATION_JSON);
            CentreReportRepresentation.TriageRequest request = JsonBodies.read(requireBody(body), CentreReportRepresentation.TriageRequest.class);
            RealmModel realm = session.getContext().getRealm();
            MisuseReport triaged = reports().triage(caller.context(), id,
                    new Triage(request.severity(), request.assignee(), request.linkedEntries()),
                    username -> ofTheCentre(realm, username));
            return json(Response.ok(), body(triaged));
        });
    }

    /** Resolves a report with an outcome the student reads; the student is told by email. 409 when already resolved. */
    @POST
    @Path("{id}/resolve")
    public Response resolve(@PathParam("id") String id, String body) {
        return api.handle(false, caller -> {
            api.requireJson(MediaType.APPLICATION_JSON);
            CentreReportRepresentation.ResolveRequest request = JsonBodies.read(requireBody(body), CentreReportRepresentation.ResolveRequest.class);
            MisuseReport resolved = reports().resolve(caller.context(), id, request.outcome());
            reports().reporterSubject(resolved).ifPresent(subject -> ReportNotices.afterCommit(session, subject, resolved));
            return json(Response.ok(), body(resolved));
        });
    }

    private MisuseReports reports() {
        return api.store().misuseReports();
    }

    private CentreReportRepresentation body(MisuseReport report) {
        RealmModel realm = session.getContext().getRealm();
        return CentreReportRepresentation.of(report, subject -> {
            UserModel user = session.users().getUserById(realm, subject);
            return user == null ? subject : user.getUsername();
        });
    }

    /** Whether a username is an enabled person of the centre: an administrator or a supervisor of the realm. */
    private boolean ofTheCentre(RealmModel realm, String username) {
        UserModel user = session.users().getUserByUsername(realm, username);
        if (user == null || !user.isEnabled()) {
            return false;
        }
        return Stream.of(RealmRole.ADMIN, RealmRole.SUPERVISOR).map(role -> realm.getRole(role.roleName()))
                .anyMatch(role -> role != null && user.hasRole(role));
    }

    private static ReportStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ReportStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'status' must be one of " + Arrays.toString(ReportStatus.values()) + ".");
        }
    }
}
