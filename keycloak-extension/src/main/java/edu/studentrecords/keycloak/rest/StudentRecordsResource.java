package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.auth.BearerAuthentication;
import edu.studentrecords.keycloak.auth.Caller;
import edu.studentrecords.keycloak.auth.CorsPolicy;
import edu.studentrecords.keycloak.auth.RecordReach;
import edu.studentrecords.keycloak.centre.CentrePages;
import edu.studentrecords.keycloak.jobs.DestructionCertificates;
import edu.studentrecords.keycloak.jobs.RealmSecurityFindings;
import edu.studentrecords.keycloak.mail.CorrectionNotices;
import edu.studentrecords.keycloak.mail.GrantNotices;
import edu.studentrecords.keycloak.rest.problem.BadRequest;
import edu.studentrecords.keycloak.rest.problem.Problem;
import edu.studentrecords.keycloak.rest.problem.ProblemMapper;
import edu.studentrecords.keycloak.rest.problem.ProblemType;
import edu.studentrecords.keycloak.rest.representation.AccessLogRepresentation;
import edu.studentrecords.keycloak.rest.representation.CorrectionDecisionRepresentation;
import edu.studentrecords.keycloak.rest.representation.CorrectionRepresentation;
import edu.studentrecords.keycloak.rest.representation.CorrectionRequestRepresentation;
import edu.studentrecords.keycloak.rest.representation.CorrectionReviewRepresentation;
import edu.studentrecords.keycloak.rest.representation.EnrolmentRepresentation;
import edu.studentrecords.keycloak.rest.representation.GrantRepresentation;
import edu.studentrecords.keycloak.rest.representation.ImportReportRepresentation;
import edu.studentrecords.keycloak.rest.representation.JsonBodies;
import edu.studentrecords.keycloak.rest.representation.MisuseReportRepresentation;
import edu.studentrecords.keycloak.rest.representation.PurgeRequestRepresentation;
import edu.studentrecords.keycloak.rest.representation.RecordRepresentation;
import edu.studentrecords.keycloak.rest.representation.SearchResultRepresentation;
import edu.studentrecords.keycloak.rest.representation.SelfCheckRepresentation;
import edu.studentrecords.keycloak.settings.SelfCheckSettings;
import edu.studentrecords.keycloak.spi.StudentRecordsOptions;
import edu.studentrecords.keycloak.spi.StudentRecordsProvider;
import edu.studentrecords.search.SearchHit;
import edu.studentrecords.search.SearchResult;
import edu.studentrecords.search.StudentSearchIndex;
import edu.studentrecords.store.CorrectionNotFoundException;
import edu.studentrecords.store.DestructionCertificate;
import edu.studentrecords.store.OwnRecord;
import edu.studentrecords.store.PurgeRequest;
import edu.studentrecords.store.PurgeStatus;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.SelfExport;
import edu.studentrecords.store.StudentRecordStore;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessTarget;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.ChainVerification;
import edu.studentrecords.store.check.SelfCheckReport;
import edu.studentrecords.store.correction.CorrectionRequest;
import edu.studentrecords.store.grants.GrantRequest;
import edu.studentrecords.store.grants.StoredGrant;
import edu.studentrecords.store.reports.MisuseReport;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.cors.Cors;

/**
 * The REST API at {@code /realms/{realm}/student-records}: bearer tokens only, every record operation through the
 * store's access decision, errors as {@code application/problem+json}, CORS on every response.
 */
public final class StudentRecordsResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final int DEFAULT_LOG_PAGE = 50;
    private static final int MAX_LOG_PAGE = 1000;
    private static final int MAX_PURGE_REASON = 1000;

    /** The audit code of a student looking at who can reach their record. */
    static final String READ_GRANTS = "READ_GRANTS";

    private final KeycloakSession session;

    StudentRecordsResource(KeycloakSession session) {
        this.session = session;
    }

    /** Preflight for every path. */
    @OPTIONS
    @Path("{any: .*}")
    public Response preflight() {
        return CorsPolicy.preflight(session);
    }

    /** One record, with only the groups the caller may read; {@code ETag} carries its version. */
    @GET
    @Path("records/{id}")
    public Response read(@PathParam("id") String id) {
        return handle(false, caller -> withRecord(Response.ok(), store().read(caller.context(), id)));
    }

    /** Looks a record up by student number. */
    @GET
    @Path("records")
    public Response findByStudentNumber(@QueryParam("studentNumber") String studentNumber) {
        return handle(false, caller -> {
            if (studentNumber == null || studentNumber.isBlank()) {
                throw new BadRequest("Give the studentNumber query parameter.");
            }
            return withRecord(Response.ok(), store().findByStudentNumber(caller.context(), studentNumber));
        });
    }

    /** Enrols a student: 201 with {@code Location}. */
    @POST
    @Path("records")
    public Response create(String body) {
        return handle(false, caller -> {
            requireJson(MediaType.APPLICATION_JSON);
            EnrolmentRepresentation enrolment = JsonBodies.read(requireBody(body), EnrolmentRepresentation.class);
            RecordView created = store().create(caller.context(), enrolment.content(), enrolment.ownerSubject());
            URI location = session.getContext().getUri().getAbsolutePathBuilder().path(created.id()).build();
            return withRecord(Response.created(location), created);
        });
    }

    /**
     * Bulk enrolment from a CSV or NDJSON file: 200 with a per-row report, also when rows failed; 400 for a file that
     * cannot be read, 413 beyond the size or row cap, 415 for another content type.
     */
    @POST
    @Path("records:import")
    public Response importRecords(InputStream body) {
        return handle(false, caller -> {
            EnrolmentUpload upload = EnrolmentUpload.of(session.getContext().getRequestHeaders().getMediaType());
            return json(Response.ok(), ImportReportRepresentation.of(store().importRecords(caller.context(), () -> upload.rows(body))));
        });
    }

    /** Applies a JSON merge patch to a record; {@code If-Match} is required. */
    @PATCH
    @Path("records/{id}")
    public Response update(@PathParam("id") String id, String body) {
        return handle(false, caller -> {
            requireJson(MERGE_PATCH);
            long version = IfMatch.version(header(HttpHeaders.IF_MATCH));
            return withRecord(Response.ok(), store().update(caller.context(), id, version, requireBody(body)));
        });
    }

    /**
     * Searches the records the caller may see by name (characters or pinyin) or student number, within units and
     * statuses; one page of hits (id and profile), the exact total and facets. The store decides and audits the
     * search: one entry naming the ids returned.
     */
    @GET
    @Path("search")
    public Response search(@QueryParam("q") String q, @QueryParam("unit") List<String> units,
            @QueryParam("status") List<String> statuses, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return handle(false, caller -> {
            SearchRequest request = SearchRequest.of(q, units, statuses, page, size,
                    StudentRecordsOptions.MAX_SEARCH_WINDOW);
            RealmModel realm = session.getContext().getRealm();
            StudentRecordsProvider provider = session.getProvider(StudentRecordsProvider.class);
            StudentSearchIndex index = provider.index(realm);
            SearchResult result = provider.store(realm).search(caller.context(),
                    scope -> index.search(scope, request.query(), request.offset()),
                    found -> found.hits().stream().map(SearchHit::recordId).toList());
            return json(Response.ok(), SearchResultRepresentation.of(result, request.page(), request.size()));
        });
    }

    /** The caller's own record. */
    @GET
    @Path("me")
    public Response readOwn() {
        return handle(true, caller -> withRecord(Response.ok(), store().readOwn(caller.context())));
    }

    /** Changes the caller's own contact and guardians; {@code If-Match} is required. */
    @PATCH
    @Path("me")
    public Response updateOwn(String body) {
        return handle(true, caller -> {
            requireJson(MERGE_PATCH);
            long version = IfMatch.version(header(HttpHeaders.IF_MATCH));
            return withRecord(Response.ok(), store().updateOwn(caller.context(), version, requireBody(body)));
        });
    }

    /** Every access to the caller's own record, newest first. */
    @GET
    @Path("me/access-log")
    public Response accessLog(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return handle(true, caller -> {
            int skip = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
            int page = integer("limit", limit, DEFAULT_LOG_PAGE, 1, MAX_LOG_PAGE);
            List<AuditEntry> entries = store().accessLogOwn(caller.context(), instant("from", from), instant("to", to),
                    skip, page);
            return json(Response.ok(), AccessLogRepresentation.of(entries, skip, page));
        });
    }

    /** Everything held about the caller: the record and its whole access log, in one document. */
    @GET
    @Path("me/export")
    public Response export() {
        return handle(true, caller -> {
            SelfExport export = store().exportOwn(caller.context());
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("exportedAt", caller.context().now());
            document.put("record", RecordRepresentation.of(export.record()));
            document.put("accessLog", AccessLogRepresentation.of(export.accessLog(), 0, export.accessLog().size()).entries());
            return json(Response.ok(), document)
                    .header("Content-Disposition", "attachment; filename=\"student-record.json\"");
        });
    }

    /** The student confirms their record is correct. */
    @POST
    @Path("me/verification")
    public Response verify() {
        return handle(true, caller -> withRecord(Response.ok(), store().confirmOwn(caller.context())));
    }

    /** Every access grant of the realm, newest first (administrators). */
    @GET
    @Path("grants")
    public Response listGrants() {
        return handle(false, caller -> {
            Instant now = caller.context().now();
            List<Map<String, Object>> grants = store().grants().list(caller.context()).stream()
                    .map(g -> GrantRepresentation.of(g, now)).toList();
            return json(Response.ok(), Map.of("grants", grants));
        });
    }

    /** Requests a grant for an outside body, with the signed agreement; a second administrator approves it. */
    @POST
    @Path("grants")
    public Response requestGrant(String body) {
        return handle(false, caller -> {
            requireJson(MediaType.APPLICATION_JSON);
            GrantRequest request = JsonBodies.read(requireBody(body), GrantRepresentation.Request.class).toRequest();
            RealmModel realm = session.getContext().getRealm();
            StoredGrant stored = store().grants().request(caller.context(), request, clientId -> isExternal(realm, clientId));
            URI location = session.getContext().getUri().getAbsolutePathBuilder().path(stored.grant().id()).build();
            return json(Response.created(location), GrantRepresentation.of(stored, caller.context().now()));
        });
    }

    /** One grant. */
    @GET
    @Path("grants/{id}")
    public Response readGrant(@PathParam("id") String id) {
        return handle(false, caller -> json(Response.ok(),
                GrantRepresentation.of(store().grants().get(caller.context(), id), caller.context().now())));
    }

    /** Approves a grant; the approver must not be its requester. */
    @POST
    @Path("grants/{id}/approve")
    public Response approveGrant(@PathParam("id") String id) {
        return handle(false, caller -> {
            StoredGrant approved = store().grants().approve(caller.context(), id);
            GrantNotices.afterCommit(session, approved.grant());
            return json(Response.ok(), GrantRepresentation.of(approved, caller.context().now()));
        });
    }

    /** Revokes a grant: it opens nothing from the next request on. */
    @POST
    @Path("grants/{id}/revoke")
    public Response revokeGrant(@PathParam("id") String id) {
        return handle(false, caller -> json(Response.ok(),
                GrantRepresentation.of(store().grants().revoke(caller.context(), id), caller.context().now())));
    }

    /** The signed agreement file of a grant, as uploaded. */
    @GET
    @Path("grants/{id}/agreement")
    public Response grantAgreement(@PathParam("id") String id) {
        return handle(false, caller -> {
            StoredGrant stored = store().grants().get(caller.context(), id);
            byte[] file = store().grants().agreement(caller.context(), id);
            return Response.ok(file).type(stored.agreementContentType())
                    .header("Content-Disposition", "attachment; filename=\"agreement-" + id + "\"");
        });
    }

    /** The grant's history: request, approval, revocation and every access it opened, newest first. */
    @GET
    @Path("grants/{id}/uses")
    public Response grantUses(@PathParam("id") String id, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return handle(false, caller -> {
            int skip = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
            int page = integer("limit", limit, DEFAULT_LOG_PAGE, 1, MAX_LOG_PAGE);
            List<AuditEntry> entries = store().grants().history(caller.context(), id, skip, page);
            return json(Response.ok(), AccessLogRepresentation.of(entries, skip, page));
        });
    }

    /** Asks for a record's destruction; a second administrator approves it. */
    @POST
    @Path("records/{id}/purge-requests")
    public Response requestPurge(@PathParam("id") String id, String body) {
        return handle(false, caller -> {
            requireJson(MediaType.APPLICATION_JSON);
            PurgeRequestRepresentation.Filing filing = JsonBodies.read(requireBody(body), PurgeRequestRepresentation.Filing.class);
            if (filing.reason() == null || filing.reason().isBlank() || filing.reason().length() > MAX_PURGE_REASON) {
                throw new BadRequest("Give a 'reason' of 1 to " + MAX_PURGE_REASON + " characters.");
            }
            PurgeRequest filed = store().purgeRequests().request(caller.context(), id, filing.reason());
            return json(Response.status(Response.Status.CREATED), PurgeRequestRepresentation.of(filed));
        });
    }

    /** The purge requests in one state (default {@code PENDING}), newest first: the centre's work queue. */
    @GET
    @Path("purge-requests")
    public Response purgeRequests(@QueryParam("status") String status) {
        return handle(false, caller -> {
            PurgeStatus wanted = purgeStatus(status);
            List<PurgeRequestRepresentation> found = store().purgeRequests().list(caller.context(), wanted).stream()
                    .map(PurgeRequestRepresentation::of).toList();
            return json(Response.ok(), Map.of("purgeRequests", found));
        });
    }

    /**
     * The audit trail for supervisors and administrators: a record's entries newest first ({@code record}), or the
     * whole trail oldest first from a sequence number ({@code fromSequence}, default 1).
     */
    @GET
    @Path("audit")
    public Response audit(@QueryParam("record") String record, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("fromSequence") String fromSequence,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return handle(false, caller -> {
            int page = integer("limit", limit, DEFAULT_LOG_PAGE, 1, MAX_LOG_PAGE);
            if (record != null && !record.isBlank()) {
                int skip = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
                List<AuditEntry> entries = store().auditReview().ofRecord(caller.context(), record.strip(),
                        instant("from", from), instant("to", to), skip, page);
                return json(Response.ok(), AccessLogRepresentation.of(entries, skip, page));
            }
            long start = integer("fromSequence", fromSequence, 1, 1, Integer.MAX_VALUE);
            List<AuditEntry> entries = store().auditReview().range(caller.context(), start, page);
            return json(Response.ok(), AccessLogRepresentation.of(entries, 0, page));
        });
    }

    /** Walks the audit trail's hash chain and says whether it is intact, and where it breaks if not. */
    @GET
    @Path("audit/verify")
    public Response verifyAudit() {
        return handle(false, caller -> {
            ChainVerification verification = store().auditReview().verify(caller.context());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("intact", verification.intact());
            body.put("entriesChecked", verification.entriesChecked());
            body.put("firstBrokenSequence", verification.firstBrokenSequence());
            body.put("problem", verification.problem());
            return json(Response.ok(), body);
        });
    }

    /**
     * A second administrator approves: the record is destroyed through {@link StudentRecordsProvider#destroy} (store,
     * key, index) and the destruction certificate returned.
     */
    @POST
    @Path("purge-requests/{rid}/approve")
    public Response approvePurge(@PathParam("rid") String requestId) {
        return handle(false, caller -> {
            StudentRecordsProvider provider = session.getProvider(StudentRecordsProvider.class);
            RealmModel realm = session.getContext().getRealm();
            DestructionCertificate certificate = provider.store(realm).purgeRequests().approve(caller.context(),
                    requestId, (ctx, recordId, reason) -> provider.destroy(realm, ctx, recordId, reason));
            PurgeRequestRepresentation.Certificate body = PurgeRequestRepresentation.Certificate.of(certificate);
            return json(Response.ok(), new PurgeRequestRepresentation.Certified(body, DestructionCertificates.sign(session, body)));
        });
    }

    /** Cancels a pending purge request: the record stays. */
    @POST
    @Path("purge-requests/{rid}/cancel")
    public Response cancelPurge(@PathParam("rid") String requestId) {
        return handle(false, caller -> json(Response.ok(),
                PurgeRequestRepresentation.of(store().purgeRequests().cancel(caller.context(), requestId))));
    }

    /** The latest security self-check report of the realm (supervisors and administrators). */
    @GET
    @Path("self-check")
    public Response latestSelfCheck() {
        return handle(false, caller -> store().selfCheck().latest(caller.context())
                .map(report -> json(Response.ok(), SelfCheckRepresentation.of(report)))
                .orElseGet(() -> problem(Problem.of(ProblemType.NOT_FOUND, "No self-check has run in this realm yet."))));
    }

    /** Runs the security self-check now and answers its report. */
    @POST
    @Path("self-check")
    public Response runSelfCheck() {
        return handle(false, caller -> {
            RealmModel realm = session.getContext().getRealm();
            StudentRecordStore store = store();
            SelfCheckReport report = store.selfCheck().run(caller.context(), SelfCheckSettings.of(realm),
                    RealmSecurityFindings.of(session, realm, store, caller.context().now()));
            return json(Response.ok(), SelfCheckRepresentation.of(report));
        });
    }

    /** Retention: the policy and the runs ({@link RetentionResource}). */
    @Path("retention")
    public RetentionResource retention() {
        return new RetentionResource(session, this);
    }

    /** Legal holds of the realm ({@link LegalHoldsResource}). */
    @Path("legal-holds")
    public LegalHoldsResource legalHolds() {
        return new LegalHoldsResource(session, this, null);
    }

    /** Legal holds placed on one record. */
    @Path("records/{id}/legal-holds")
    public LegalHoldsResource recordLegalHolds(@PathParam("id") String id) {
        return new LegalHoldsResource(session, this, id);
    }

    /** A record's sealed archive ({@link ArchiveResource}). */
    @Path("records/{id}/archive")
    public ArchiveResource archive(@PathParam("id") String id) {
        return new ArchiveResource(session, this, id);
    }

    /** A record's paper copies ({@link PaperCopiesResource}). */
    @Path("records/{id}/paper-copies")
    public PaperCopiesResource paperCopies(@PathParam("id") String id) {
        return new PaperCopiesResource(session, this, id);
    }

    /** The student asks for a correction of profile or identity fields: 201 with {@code Location}, the record unchanged. */
    @POST
    @Path("me/corrections")
    public Response requestCorrection(String body) {
        return handle(true, caller -> {
            requireJson(MediaType.APPLICATION_JSON);
            CorrectionRequestRepresentation request = JsonBodies.read(requireBody(body), CorrectionRequestRepresentation.class);
            CorrectionRequest created = store().requestCorrectionOwn(caller.context(), request.changesText(),
                    request.reason());
            URI location = session.getContext().getUri().getAbsolutePathBuilder().path(created.id()).build();
            return json(Response.created(location), CorrectionRepresentation.of(created));
        });
    }

    /** The student's own correction requests, newest first. */
    @GET
    @Path("me/corrections")
    public Response corrections() {
        return handle(true, caller -> json(Response.ok(), Map.of("corrections",
                store().correctionsOwn(caller.context()).stream().map(CorrectionRepresentation::of).toList())));
    }

    /** One of the student's own correction requests. */
    @GET
    @Path("me/corrections/{id}")
    public Response correction(@PathParam("id") String id) {
        return handle(true, caller -> json(Response.ok(), store().correctionsOwn(caller.context()).stream()
                .filter(c -> c.id().equals(id)).findFirst().map(CorrectionRepresentation::of)
                .orElseThrow(CorrectionNotFoundException::new)));
    }

    /** The pending correction requests with their values, for the centre (administrators with student.admin). */
    @GET
    @Path("corrections")
    public Response pendingCorrections() {
        return handle(false, caller -> json(Response.ok(), Map.of("corrections",
                store().pendingCorrections(caller.context()).stream().map(CorrectionReviewRepresentation::of).toList())));
    }

    /** Approves a correction request: the record changes (validated); 412 when its groups changed since the request. */
    @POST
    @Path("corrections/{id}/approve")
    public Response approveCorrection(@PathParam("id") String id, String body) {
        return handle(false, caller -> {
            CorrectionDecisionRepresentation decision = decisionBody(body);
            CorrectionRequest approved = store().approveCorrection(caller.context(), id, decision.note());
            store().ownerOf(approved.recordId()).ifPresent(owner -> CorrectionNotices.afterCommit(session, owner, approved));
            return json(Response.ok(), CorrectionRepresentation.of(approved));
        });
    }

    /** Rejects a correction request with a reason; the record does not change. */
    @POST
    @Path("corrections/{id}/reject")
    public Response rejectCorrection(@PathParam("id") String id, String body) {
        return handle(false, caller -> {
            CorrectionDecisionRepresentation decision = decisionBody(body);
            CorrectionRequest rejected = store().rejectCorrection(caller.context(), id, decision.reason());
            store().ownerOf(rejected.recordId()).ifPresent(owner -> CorrectionNotices.afterCommit(session, owner, rejected));
            return json(Response.ok(), CorrectionRepresentation.of(rejected));
        });
    }

    private CorrectionDecisionRepresentation decisionBody(String body) throws Exception {
        if (body == null || body.isBlank()) {
            return new CorrectionDecisionRepresentation(null, null);
        }
        requireJson(MediaType.APPLICATION_JSON);
        return JsonBodies.read(body, CorrectionDecisionRepresentation.class);
    }

    /** The caller reports misuse of their information, naming entries of their own access log: 201 with the report. */
    @POST
    @Path("me/reports")
    public Response reportMisuse(String body) {
        return handle(true, caller -> {
            requireJson(MediaType.APPLICATION_JSON);
            MisuseReportRepresentation.Request request = JsonBodies.read(requireBody(body), MisuseReportRepresentation.Request.class);
            MisuseReport report = store().misuseReports().report(caller.context(), request.message(), request.auditEntries());
            return json(Response.status(Response.Status.CREATED), MisuseReportRepresentation.of(report));
        });
    }

    /** The caller's misuse reports, newest first. */
    @GET
    @Path("me/reports")
    public Response ownReports() {
        return handle(true, caller -> json(Response.ok(), new MisuseReportRepresentation.Listing(
                store().misuseReports().ownReports(caller.context()).stream().map(MisuseReportRepresentation::of).toList())));
    }

    /**
     * The information management centre's screens: the page and its assets, without a token (the page signs in
     * through the {@code student-records-centre} client and calls this API with its own token).
     */
    @GET
    @Path("centre{rest: (/.*)?}")
    public Response centre(@PathParam("rest") String rest) {
        return CentrePages.serve(session, rest);
    }

    /** The centre's handling of misuse reports: {@code /reports}, {@code /reports/{id}/...}. */
    @Path("reports")
    public ReportEndpoints reports() {
        return new ReportEndpoints(this, session);
    }

    /** The realm's student-records settings: {@code /settings}. */
    @Path("settings")
    public SettingsEndpoints settings() {
        return new SettingsEndpoints(this, session);
    }

    /** Backups of the realm's store from the centre: {@code /backups}. */
    @Path("backups")
    public BackupEndpoints backups() {
        return new BackupEndpoints(this, session);
    }

    /** Who can reach the caller's record: staff roles and units, internal applications, grants. */
    @GET
    @Path("me/grants")
    public Response reach() {
        return handle(true, caller -> {
            OwnRecord own = store().ownRecord(caller.context(), READ_GRANTS);
            AccessTarget target = new AccessTarget(own.id(), caller.context().subject(), UnitPath.parse(own.unit()));
            return json(Response.ok(), new RecordReach(session, session.getContext().getRealm())
                    .of(own.unit(), store().grants().covering(target), caller.context().now()));
        });
    }

    /** What one endpoint does once the caller is known; it may throw whatever {@link ProblemMapper} maps. */
    @FunctionalInterface
    interface Action {
        Response.ResponseBuilder apply(Caller caller) throws Exception;
    }

    Response handle(boolean selfService, Action action) {
        Optional<Caller> caller;
        try {
            caller = new BearerAuthentication(session).authenticate(header(AccessContext.PURPOSE_HEADER), selfService);
        } catch (RuntimeException e) {
            return CorsPolicy.actualFor(null).add(problem(ProblemMapper.from(e)));
        }
        if (caller.isEmpty()) {
            return CorsPolicy.actualFor(null).add(problem(Problem.of(ProblemType.NOT_AUTHENTICATED,
                    "A valid bearer token with the audience student-records is required."))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + session.getContext().getRealm().getName() + "\""));
        }
        Cors cors;
        try {
            cors = CorsPolicy.actualFor(caller.get().token());
        } catch (ForbiddenException e) {
            return problem(new Problem(ProblemType.FORBIDDEN.uri(), ProblemType.FORBIDDEN.title(), 403,
                    "Requests from this origin are not allowed for the token's client.", "ORIGIN_NOT_ALLOWED", null))
                    .build();
        }
        Response.ResponseBuilder builder;
        try {
            builder = action.apply(caller.get());
        } catch (BadRequest e) {
            builder = problem(Problem.of(e.type(), e.getMessage()));
        } catch (Exception e) {
            builder = problem(ProblemMapper.from(e));
        }
        return cors.add(builder);
    }

    private static boolean isExternal(RealmModel realm, String clientId) {
        ClientModel client = realm.getClientByClientId(clientId);
        return client != null && ClientTrust.fromAttribute(client.getAttribute(ClientTrust.ATTRIBUTE)) == ClientTrust.EXTERNAL;
    }

    StudentRecordStore store() {
        return session.getProvider(StudentRecordsProvider.class).store(session.getContext().getRealm());
    }

    private String header(String name) {
        return session.getContext().getRequestHeaders().getHeaderString(name);
    }

    void requireJson(String expected) {
        MediaType type = session.getContext().getRequestHeaders().getMediaType();
        if (type == null || !(type.getType() + "/" + type.getSubtype()).equalsIgnoreCase(expected)) {
            throw new BadRequest(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as " + expected + ".");
        }
    }

    static String requireBody(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequest("The request needs a JSON body.");
        }
        return body;
    }

    private static PurgeStatus purgeStatus(String text) {
        if (text == null || text.isBlank()) {
            return PurgeStatus.PENDING;
        }
        try {
            return PurgeStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'status' must be one of " + Arrays.toString(PurgeStatus.values()) + ".");
        }
    }

    /** A whole-number query parameter within bounds, the fallback when absent; a 400 naming the parameter otherwise. */
    static int integer(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below, as every out-of-range value is.
        }
        throw new BadRequest("'" + name + "' must be a whole number from " + min + " to " + max + ".");
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequest("'" + name + "' must be an ISO-8601 instant such as 2026-09-01T00:00:00Z.");
        }
    }

    private static Response.ResponseBuilder withRecord(Response.ResponseBuilder builder, RecordView view) {
        return json(builder, RecordRepresentation.of(view)).header(HttpHeaders.ETAG, IfMatch.etag(view.version()));
    }

    static Response.ResponseBuilder json(Response.ResponseBuilder builder, Object body) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(JsonBodies.write(body));
    }

    public static Response.ResponseBuilder problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(JsonBodies.write(problem));
    }
}
