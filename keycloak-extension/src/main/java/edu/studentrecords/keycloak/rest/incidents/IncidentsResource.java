package edu.studentrecords.keycloak.rest.incidents;

import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.mail.IncidentNotices;
import edu.studentrecords.keycloak.rest.CollectionResource;
import edu.studentrecords.keycloak.rest.RequestContext;
import edu.studentrecords.keycloak.rest.RequestPipeline;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.incidents.Affected;
import edu.studentrecords.store.incidents.Incident;
import edu.studentrecords.store.incidents.Incidents;
import edu.studentrecords.store.incidents.NotificationContent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /incidents}: administrators open an incident, record remediation steps and notify the students affected
 * (202; progress polled at {@code GET /incidents/{id}}); administrators and supervision read incidents, what they
 * affected (counts; record ids for administrators only) and the regulator's report (JSON, or a printable page with
 * {@code Accept: text/html} or {@code ?format=html}). The store decides and audits every call.
 */
public final class IncidentsResource extends CollectionResource {

    public IncidentsResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** Opens an incident; 201 with its location and the number of records its scope reached. */
    @POST
    public Response open(InputStream body) {
        return pipeline.run(AuditOperation.INCIDENT_CREATE, request -> {
            IncidentRepresentation.Create create = request.readJson(body, IncidentRepresentation.Create.class);
            Incident opened = incidents(request).open(request.access(), create.toRequest());
            return json(Response.created(request.locationBelow(opened.id())),
                    IncidentRepresentation.of(opened, request.now()));
        });
    }

    /** Every incident, newest first. */
    @GET
    public Response list() {
        return pipeline.run(AuditOperation.INCIDENT_LIST, request -> json(Response.ok(), Map.of("incidents",
                incidents(request).list(request.access()).stream()
                        .map(i -> IncidentRepresentation.of(i, request.now())).toList())));
    }

    /** One incident, with the clock since discovery and its notification's progress. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.INCIDENT_READ, request -> json(Response.ok(),
                IncidentRepresentation.of(incidents(request).get(request.access(), id), request.now())));
    }

    /** What the incident affected: counts by unit and by group; the record ids for administrators. */
    @GET
    @Path("{id}/affected")
    public Response affected(@PathParam("id") String id) {
        return pipeline.run(AuditOperation.INCIDENT_AFFECTED, request -> json(Response.ok(),
                affectedBody(incidents(request).affected(request.access(), id))));
    }

    /** Records a remediation step; 201 with the incident. */
    @POST
    @Path("{id}/actions")
    public Response addAction(@PathParam("id") String id, InputStream body) {
        return pipeline.run(AuditOperation.INCIDENT_ACTION, request -> {
            IncidentRepresentation.NewAction action = request.readJson(body, IncidentRepresentation.NewAction.class);
            Incident changed = incidents(request).addAction(request.access(), id, action.text());
            return json(Response.status(Response.Status.CREATED), IncidentRepresentation.of(changed, request.now()));
        });
    }

    /** Starts mailing every affected student; 202 with the incident to poll; 409 when started already. */
    @POST
    @Path("{id}/notifications")
    public Response notifyStudents(@PathParam("id") String id, InputStream body) {
        return pipeline.run(AuditOperation.INCIDENT_NOTIFY, request -> {
            NotificationContent content = request.readJson(body, IncidentRepresentation.Notify.class).toContent();
            Incidents.Started started = incidents(request).startNotification(request.access(), id, content);
            IncidentNotices.afterCommit(request.session(), started.incident(), content, started.students());
            return json(Response.accepted().location(request.apiLocation("incidents", id)),
                    IncidentRepresentation.of(started.incident(), request.now()));
        });
    }

    /** The regulator's report: JSON, or a printable page. */
    @GET
    @Path("{id}/report")
    public Response report(@PathParam("id") String id, @QueryParam("format") String format) {
        return pipeline.run(AuditOperation.INCIDENT_REPORT, request -> {
            Incidents.IncidentReport report = incidents(request).report(request.access(), id);
            if ("html".equals(format) || wantsHtml(request.header(HttpHeaders.ACCEPT))) {
                return Response.ok(ReportPage.of(report.incident(), report.affected(), request.now(),
                        request.realm().getDisplayName() != null ? request.realm().getDisplayName()
                                : request.realm().getName()), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("generatedAt", request.now());
            body.put("incident", IncidentRepresentation.of(report.incident(), request.now()));
            body.put("affected", affectedBody(report.affected()));
            body.put("filing", "Prepared for the school to review, sign and file with the regulator; "
                    + "the product does not file it.");
            return json(Response.ok(), body);
        });
    }

    private static Map<String, Object> affectedBody(Affected affected) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", affected.total());
        body.put("byUnit", affected.byUnit());
        body.put("byGroup", affected.byGroup());
        if (affected.recordIds() != null) {
            body.put("recordIds", affected.recordIds());
        }
        return body;
    }

    private static boolean wantsHtml(String accept) {
        return accept != null && accept.contains(MediaType.TEXT_HTML) && !accept.contains(MediaType.APPLICATION_JSON);
    }

    private static Incidents incidents(RequestContext request) {
        return request.store().incidents();
    }
}
