package edu.studentrecords.keycloak.rest;

import static edu.studentrecords.keycloak.rest.RecordsResource.withRecord;
import static edu.studentrecords.keycloak.rest.representation.JsonBodies.json;

import edu.studentrecords.keycloak.auth.RecordReach;
import edu.studentrecords.keycloak.mail.CentreMail;
import edu.studentrecords.keycloak.rest.accesslog.AccessLogQuery;
import edu.studentrecords.keycloak.rest.accesslog.Actor;
import edu.studentrecords.keycloak.rest.consents.ConsentRepresentation;
import edu.studentrecords.keycloak.rest.notices.OwnNoticesRepresentation;
import edu.studentrecords.keycloak.settings.ConsentPurposesSetting;
import edu.studentrecords.store.consent.ConsentPurpose;
import edu.studentrecords.store.consent.ConsentState;
import edu.studentrecords.keycloak.rest.representation.AccessLogRepresentation;
import edu.studentrecords.keycloak.rest.representation.CorrectionRepresentation;
import edu.studentrecords.keycloak.rest.representation.CorrectionRequestRepresentation;
import edu.studentrecords.keycloak.rest.representation.HistoryRepresentation;
import edu.studentrecords.keycloak.rest.representation.MisuseReportRepresentation;
import edu.studentrecords.store.OwnAccessLog;
import edu.studentrecords.store.SelfExport;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.audit.AuditOperation;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.reports.MisuseReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /me}: a student's own record ({@code student.self}, no {@code Data-Purpose}): read it, change contact and
 * guardians, confirm it, its access log, its history, everything held as one file, correction requests, misuse reports, and who
 * can reach it.
 */
public final class MeResource extends CollectionResource {

    MeResource(RequestPipeline pipeline) {
        super(pipeline);
    }

    /** The caller's own record. */
    @GET
    public Response readOwn() {
        return pipeline.runSelfService(AuditOperation.READ, request -> withRecord(Response.ok(), request.store().self().read(request.access())));
    }

    /** Changes the caller's own contact and guardians; {@code If-Match} is required. */
    @PATCH
    public Response updateOwn(InputStream body) {
        return pipeline.runSelfService(AuditOperation.UPDATE, request -> {
            request.requireContentType(RequestParameters.MERGE_PATCH);
            long version = request.ifMatchVersion();
            String patch = request.readText(body, RequestParameters.MERGE_PATCH);
            return withRecord(Response.ok(), request.store().self().update(request.access(), version, patch));
        });
    }

    /**
     * Every access to the caller's own record, newest first, each with who acted as the student may know it; {@code who}
     * and {@code purpose} filter the whole log before it is paged.
     */
    @GET
    @Path("access-log")
    public Response accessLog(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit, @QueryParam("who") String who,
            @QueryParam("purpose") String purpose) {
        return pipeline.runSelfService(AuditOperation.READ_ACCESS_LOG, request -> {
            AccessLogQuery query = AccessLogQuery.of(from, to, offset, limit, who, purpose, Actor.Kind.OWN_LOG);
            OwnAccessLog log = request.store().self().wholeAccessLog(request.access(), query.from(), query.to());
            return json(Response.ok(), query.page(request.session(), request.realm(), request.access().subject(), log));
        });
    }

    /** The changes of the caller's own record, newest first, with their values before and after. */
    @GET
    @Path("history")
    public Response history() {
        return pipeline.runSelfService(AuditOperation.READ_HISTORY, request -> json(Response.ok(),
                HistoryRepresentation.of(request.store().self().history(request.access()))));
    }

    /** The notices about the caller's record: incidents that concerned it, and whom its changes were told to. */
    @GET
    @Path("notices")
    public Response notices() {
        return pipeline.runSelfService(AuditOperation.READ_NOTICES, request -> json(Response.ok(),
                OwnNoticesRepresentation.of(request.store().studentNotices().own(request.access()))));
    }

    /**
     * Everything held about the caller in one document: the record, its whole access log, the correction requests,
     * reports and questions, consents and notices about it.
     */
    @GET
    @Path("export")
    public Response export() {
        return pipeline.runSelfService(AuditOperation.EXPORT, request -> {
            List<ConsentPurpose> purposes = ConsentPurposesSetting.of(request.realm());
            SelfExport export = request.store().self().export(request.access(), purposes);
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("exportedAt", request.now());
            document.put("record", export.record());
            document.put("accessLog",
                    AccessLogRepresentation.of(export.accessLog(), 0, export.accessLog().size()).entries());
            document.put("corrections", export.corrections().stream().map(CorrectionRepresentation::of).toList());
            document.put("reports", export.reports().stream().map(MisuseReportRepresentation::of).toList());
            document.put("consents", ConsentRepresentation.listing(export.consents(), purposes).consents());
            document.put("notices", OwnNoticesRepresentation.of(export.notices()));
            return json(Response.ok(), document)
                    .header("Content-Disposition", "attachment; filename=\"student-record.json\"");
        });
    }

    /** The student confirms their record is correct. */
    @POST
    @Path("verification")
    public Response verify() {
        return pipeline.runSelfService(AuditOperation.VERIFY, request -> withRecord(Response.ok(),
                request.store().self().confirm(request.access())));
    }

    /** The student asks for a correction of profile or identity fields: 201 with {@code Location}; no change yet. */
    @POST
    @Path("corrections")
    public Response requestCorrection(InputStream body) {
        return pipeline.runSelfService(AuditOperation.REQUEST_CORRECTION, request -> {
            CorrectionRequestRepresentation asked = request.readJson(body, CorrectionRequestRepresentation.class);
            CorrectionRequest created = request.store().self().requestCorrection(request.access(), asked.changesText(),
                    asked.reason());
            CentreMail.afterCommit(request.session(), CentreMail.Waiting.CORRECTION);
            return json(Response.created(request.locationBelow(created.id())), CorrectionRepresentation.of(created));
        });
    }

    /** The student's own correction requests, newest first. */
    @GET
    @Path("corrections")
    public Response corrections() {
        return pipeline.runSelfService(AuditOperation.READ_CORRECTIONS, request -> json(Response.ok(), Map.of("corrections",
                request.store().self().corrections(request.access()).stream().map(CorrectionRepresentation::of).toList())));
    }

    /** One of the student's own correction requests. */
    @GET
    @Path("corrections/{id}")
    public Response correction(@PathParam("id") String id) {
        return pipeline.runSelfService(AuditOperation.READ_CORRECTIONS, request -> json(Response.ok(), request.store().self().corrections(request.access())
                .stream().filter(c -> c.id().equals(id)).findFirst().map(CorrectionRepresentation::of)
                .orElseThrow(() -> StoreException.notFound(StoreException.Subject.CORRECTION))));
    }

    /** The caller reports misuse of their information, naming entries of their own access log: 201 with the report. */
    @POST
    @Path("reports")
    public Response reportMisuse(InputStream body) {
        return pipeline.runSelfService(AuditOperation.REPORT_MISUSE, request -> {
            MisuseReportRepresentation.Request report = request.readJson(body,
                    MisuseReportRepresentation.Request.class);
            MisuseReport filed = request.store().misuseReports().reportOwn(request.access(), report.reportKind(),
                    report.message(), report.auditEntries());
            CentreMail.afterCommit(request.session(), CentreMail.Waiting.REPORT);
            return json(Response.status(Response.Status.CREATED), MisuseReportRepresentation.of(filed));
        });
    }

    /** The caller's misuse reports, newest first. */
    @GET
    @Path("reports")
    public Response ownReports() {
        return pipeline.runSelfService(AuditOperation.READ_REPORTS, request -> json(Response.ok(), new MisuseReportRepresentation.Listing(
                request.store().misuseReports().ownReports(request.access()).stream()
                        .map(MisuseReportRepresentation::of).toList())));
    }

    /** The caller's consents for each of the realm's consent purposes. */
    @GET
    @Path("consents")
    public Response consents() {
        return pipeline.runSelfService(AuditOperation.CONSENT_READ, request -> {
            List<ConsentPurpose> purposes = ConsentPurposesSetting.of(request.realm());
            return json(Response.ok(), ConsentRepresentation.listing(
                    request.store().consents().own(request.access(), purposes), purposes));
        });
    }

    /** Gives or withdraws the caller's own consent ({@code {"given":true|false}}); under 14 the guardian does. */
    @PUT
    @Path("consents/{purpose}")
    public Response consent(@PathParam("purpose") String purpose, InputStream body) {
        return pipeline.runSelfService(AuditOperation.CONSENT_GIVE, request -> {
            boolean given = request.readJson(body, ConsentRepresentation.Request.class).required();
            List<ConsentPurpose> purposes = ConsentPurposesSetting.of(request.realm());
            ConsentState state = request.store().consents().setOwn(request.access(), purposes, purpose, given);
            return json(Response.ok(), ConsentRepresentation.listing(List.of(state), purposes).consents().get(0));
        });
    }

    /** Who can reach the caller's record: staff roles and units, internal applications, grants. */
    @GET
    @Path("grants")
    public Response reach() {
        return pipeline.runSelfService(AuditOperation.READ_GRANTS, request -> {
            RecordReach reach = new RecordReach(request.session(), request.realm());
            return json(Response.ok(), reach.of(request.store().self().reach(request.access(), reach.candidates()),
                    request.now()));
        });
    }
}
