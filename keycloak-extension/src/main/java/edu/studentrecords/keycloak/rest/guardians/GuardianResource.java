package edu.studentrecords.keycloak.rest.guardians;

import static edu.studentrecords.keycloak.rest.RecordsResource.withRecord;
import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.mail.CentreMail;
import edu.studentrecords.keycloak.rest.CollectionResource;
import edu.studentrecords.keycloak.rest.RequestParameters;
import edu.studentrecords.keycloak.rest.RequestPipeline;
import edu.studentrecords.keycloak.rest.consents.ConsentRepresentation;
import edu.studentrecords.keycloak.rest.accesslog.AccessLogQuery;
import edu.studentrecords.keycloak.rest.accesslog.Actor;
import edu.studentrecords.keycloak.settings.ConsentPurposesSetting;
import edu.studentrecords.store.consent.ConsentPurpose;
import edu.studentrecords.store.consent.ConsentState;
import edu.studentrecords.keycloak.rest.representation.CorrectionRepresentation;
import edu.studentrecords.keycloak.rest.representation.CorrectionRequestRepresentation;
import edu.studentrecords.keycloak.rest.representation.MisuseReportRepresentation;
import edu.studentrecords.store.reports.MisuseReport;
import edu.studentrecords.store.OwnAccessLog;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.guardians.GuardianLink;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;

/**
 * {@code /guardian/children}: a guardian ({@code student.guardian}, no {@code Data-Purpose}) acts for the children
 * whose records name them, while each is under 18: the list of children, a child's record, its contact and guardians
 * changed with {@code If-Match}, its access log, correction requests. A record the guardian is not linked to is 404;
 * from the child's 18th birthday 403 {@code proxy-ended}. Every call is decided by the store's gate and entered in the
 * child's access log naming the guardian.
 */
public final class GuardianResource extends CollectionResource {

    public GuardianResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** The guardian's children: {@code {"children":[{"recordId","name","age","relationship","proxy"}]}}. */
    @GET
    @Path("children")
    public Response children() {
        return pipeline.runAsGuardian(AuditOperation.GUARDIAN_CHILDREN, request -> json(Response.ok(),
                new ChildRepresentation.Listing(request.store().guardians().children(request.access()).stream()
                        .map(ChildRepresentation::of).toList())));
    }

    /** The body of {@code POST /guardian/invitations}. */
    public record Acceptance(String token) {
        @Override
        public String toString() {
            return "Acceptance[<hidden>]";
        }
    }

    /**
     * Accepts an invitation {@code {"token"}} for the signed-in guardian: 201 with the link; 404 for a token unknown,
     * expired or used already (nothing is linked).
     */
    @POST
    @Path("invitations")
    public Response accept(InputStream body) {
        return pipeline.runAsGuardian(AuditOperation.GUARDIAN_INVITE_ACCEPT, request -> {
            Acceptance acceptance = request.readJson(body, Acceptance.class);
            String subject = request.access().subject();
            var user = subject == null ? null : request.session().users().getUserById(request.realm(), subject);
            GuardianLink link = request.store().guardians().accept(request.access(), acceptance.token(),
                    GuardianLinksResource.account(request, user == null ? null : user.getUsername()));
            return json(Response.status(Response.Status.CREATED), GuardianLinkRepresentation.of(link));
        });
    }

    /** A child's record, every group; {@code ETag} is the version. */
    @GET
    @Path("children/{recordId}")
    public Response child(@PathParam("recordId") String recordId) {
        return pipeline.runAsGuardian(AuditOperation.READ, request -> withRecord(Response.ok(),
                request.store().records().read(request.access(), recordId)));
    }

    /** Changes a child's contact and guardians (JSON merge patch); {@code If-Match} is required. */
    @PATCH
    @Path("children/{recordId}")
    public Response update(@PathParam("recordId") String recordId, InputStream body) {
        return pipeline.runAsGuardian(AuditOperation.UPDATE, request -> {
            request.requireContentType(RequestParameters.MERGE_PATCH);
            long version = request.ifMatchVersion();
            String patch = request.readText(body, RequestParameters.MERGE_PATCH);
            return withRecord(Response.ok(), request.store().records().update(request.access(), recordId, version,
                    patch));
        });
    }

    /**
     * Every access to a child's record, newest first, as {@code GET /me/access-log} answers it, each with who acted as
     * the guardian may know it (the child is {@code STUDENT}, the guardian {@code YOU}); {@code who} and
     * {@code purpose} filter the whole log before it is paged.
     */
    @GET
    @Path("children/{recordId}/access-log")
    public Response accessLog(@PathParam("recordId") String recordId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("offset") String offset, @QueryParam("limit") String limit,
            @QueryParam("who") String who, @QueryParam("purpose") String purpose) {
        return pipeline.runAsGuardian(AuditOperation.READ_ACCESS_LOG, request -> {
            AccessLogQuery query = AccessLogQuery.of(from, to, offset, limit, who, purpose, Actor.Kind.CHILD_LOG);
            OwnAccessLog log = request.store().guardians().accessLog(request.access(), recordId, query.from(),
                    query.to());
            return json(Response.ok(), query.page(request.session(), request.realm(), request.access().subject(), log));
        });
    }

    /** A child's consents for each of the realm's consent purposes. */
    @GET
    @Path("children/{recordId}/consents")
    public Response consents(@PathParam("recordId") String recordId) {
        return pipeline.runAsGuardian(AuditOperation.CONSENT_READ, request -> {
            List<ConsentPurpose> purposes = ConsentPurposesSetting.of(request.realm());
            return json(Response.ok(), ConsentRepresentation.listing(
                    request.store().consents().ofChild(request.access(), recordId, purposes), purposes));
        });
    }

    /** Gives or withdraws a child's consent ({@code {"given":true|false}}); from 14 the student does. */
    @PUT
    @Path("children/{recordId}/consents/{purpose}")
    public Response consent(@PathParam("recordId") String recordId, @PathParam("purpose") String purpose,
            InputStream body) {
        return pipeline.runAsGuardian(AuditOperation.CONSENT_GIVE, request -> {
            boolean given = request.readJson(body, ConsentRepresentation.Request.class).required();
            List<ConsentPurpose> purposes = ConsentPurposesSetting.of(request.realm());
            ConsentState state = request.store().consents().setForChild(request.access(), recordId, purposes, purpose,
                    given);
            return json(Response.ok(), ConsentRepresentation.listing(List.of(state), purposes).consents().get(0));
        });
    }

    /**
     * Sends the centre a report about a child's record: {@code {"kind":"MISUSE"|"QUESTION","message","auditEntries"}},
     * entries of the child's access log; 201 with the report.
     */
    @POST
    @Path("children/{recordId}/reports")
    public Response report(@PathParam("recordId") String recordId, InputStream body) {
        return pipeline.runAsGuardian(AuditOperation.REPORT_MISUSE, request -> {
            MisuseReportRepresentation.Request report = request.readJson(body,
                    MisuseReportRepresentation.Request.class);
            MisuseReport filed = request.store().misuseReports().report(request.access(), recordId,
                    report.reportKind(), report.message(), report.auditEntries());
            CentreMail.afterCommit(request.session(), CentreMail.Waiting.REPORT);
            return json(Response.status(Response.Status.CREATED), MisuseReportRepresentation.of(filed));
        });
    }

    /** Asks the centre to correct profile or identity fields of a child's record: 201 with the request. */
    @POST
    @Path("children/{recordId}/corrections")
    public Response requestCorrection(@PathParam("recordId") String recordId, InputStream body) {
        return pipeline.runAsGuardian(AuditOperation.REQUEST_CORRECTION, request -> {
            CorrectionRequestRepresentation asked = request.readJson(body, CorrectionRequestRepresentation.class);
            CorrectionRequest created = request.store().guardians().requestCorrection(request.access(), recordId,
                    asked.changesText(), asked.reason());
            CentreMail.afterCommit(request.session(), CentreMail.Waiting.CORRECTION);
            // No Location: the request is the centre's to read, the guardian follows it on the child's page.
            return json(Response.status(Response.Status.CREATED), CorrectionRepresentation.of(created));
        });
    }
}
