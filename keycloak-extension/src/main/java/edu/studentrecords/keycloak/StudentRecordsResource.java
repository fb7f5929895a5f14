package edu.studentrecords.keycloak;

import edu.studentrecords.store.OwnRecord;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.SelfExport;
import edu.studentrecords.store.StudentRecordStore;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
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
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.cors.Cors;

/**
 * The REST API at {@code /realms/{realm}/student-records}: bearer tokens only, every record operation through the
 * store's access decision, errors as {@code application/problem+json}, CORS on every response.
 */
public final class StudentRecordsResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final int DEFAULT_LOG_PAGE = 50;
    private static final int MAX_LOG_PAGE = 1000;
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
            EnrolmentBody enrolment = JsonBodies.read(requireBody(body), EnrolmentBody.class);
            RecordView created = store().create(caller.context(), enrolment.content(), enrolment.ownerSubject());
            URI location = session.getContext().getUri().getAbsolutePathBuilder().path(created.id()).build();
            return withRecord(Response.created(location), created);
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
            return json(Response.ok(), AccessLogBody.of(entries, skip, page));
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
            document.put("record", RecordBody.of(export.record()));
            document.put("accessLog", AccessLogBody.of(export.accessLog(), 0, export.accessLog().size()).entries());
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

    /** The caller reports misuse of their information, naming entries of their own access log: 201 with the report. */
    @POST
    @Path("me/reports")
    public Response reportMisuse(String body) {
        return handle(true, caller -> {
            requireJson(MediaType.APPLICATION_JSON);
            MisuseReportBody.Request request = JsonBodies.read(requireBody(body), MisuseReportBody.Request.class);
            MisuseReport report = store().misuseReports().report(caller.context(), request.message(), request.auditEntries());
            return json(Response.status(Response.Status.CREATED), MisuseReportBody.of(report));
        });
    }

    /** The caller's misuse reports, newest first. */
    @GET
    @Path("me/reports")
    public Response ownReports() {
        return handle(true, caller -> json(Response.ok(), new MisuseReportBody.Listing(
                store().misuseReports().ownReports(caller.context()).stream().map(MisuseReportBody::of).toList())));
    }

    /** Who can reach the caller's record: staff roles and units, internal applications, grants. */
    @GET
    @Path("me/grants")
    public Response reach() {
        return handle(true, caller -> {
            OwnRecord own = store().ownRecord(caller.context(), READ_GRANTS);
            return json(Response.ok(), new RecordReach(session, session.getContext().getRealm()).of(own.unit()));
        });
    }

    /** What one endpoint does once the caller is known; it may throw whatever {@link Problems} maps. */
    @FunctionalInterface
    private interface Action {
        Response.ResponseBuilder apply(Caller caller) throws Exception;
    }

    private Response handle(boolean selfService, Action action) {
        Optional<Caller> caller;
        try {
            caller = new BearerAuthentication(session).authenticate(header(AccessContext.PURPOSE_HEADER), selfService);
        } catch (RuntimeException e) {
            return CorsPolicy.actualFor(null).add(problem(Problems.from(e)));
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
            builder = problem(Problems.from(e));
        }
        return cors.add(builder);
    }

    private StudentRecordStore store() {
        return session.getProvider(StudentRecordsProvider.class).store(session.getContext().getRealm());
    }

    private String header(String name) {
        return session.getContext().getRequestHeaders().getHeaderString(name);
    }

    private void requireJson(String expected) {
        MediaType type = session.getContext().getRequestHeaders().getMediaType();
        if (type == null || !(type.getType() + "/" + type.getSubtype()).equalsIgnoreCase(expected)) {
            throw new BadRequest(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as " + expected + ".");
        }
    }

    private static String requireBody(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequest("The request needs a JSON body.");
        }
        return body;
    }

    private static int integer(String name, String text, int fallback, int min, int max) {
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
        return json(builder, RecordBody.of(view)).header(HttpHeaders.ETAG, IfMatch.etag(view.version()));
    }

    private static Response.ResponseBuilder json(Response.ResponseBuilder builder, Object body) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(JsonBodies.write(body));
    }

    static Response.ResponseBuilder problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(JsonBodies.write(problem));
    }

    /** A request the API refuses before the store sees it; its message is written here and holds no value. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final ProblemType type;

        BadRequest(String detail) {
            this(ProblemType.MALFORMED_REQUEST, detail);
        }

        BadRequest(ProblemType type, String detail) {
            super(detail, null, false, false);
            this.type = type;
        }

        ProblemType type() {
            return type;
        }
    }
}
