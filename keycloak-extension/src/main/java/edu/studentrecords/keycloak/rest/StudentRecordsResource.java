package edu.studentrecords.keycloak.rest;

import edu.studentrecords.keycloak.apidocs.ApiDocs;
import edu.studentrecords.keycloak.centre.CentrePages;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import edu.studentrecords.keycloak.rest.incidents.IncidentsResource;
import edu.studentrecords.keycloak.rest.notices.NoticesResource;
import edu.studentrecords.keycloak.rest.people.PeopleResource;
import edu.studentrecords.keycloak.rest.applications.ApplicationsResource;
import edu.studentrecords.keycloak.rest.consents.ConsentsResource;
import edu.studentrecords.keycloak.rest.guardians.GuardianResource;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.keycloak.models.KeycloakSession;

/**
 * The REST API at {@code /realms/{realm}/student-records}: bearer tokens only, every record operation through the
 * store's access decision, errors as {@code application/problem+json}, CORS on every response. One resource per
 * collection, each reached through a locator here and served through the request's {@link RequestPipeline}.
 */
public final class StudentRecordsResource {

    private final KeycloakSession session;
    private final RequestPipeline pipeline;

    StudentRecordsResource(KeycloakSession session) {
        this.session = session;
        this.pipeline = new RequestPipeline(session);
    }

    /** Preflight for every path. */
    @OPTIONS
    @Path("{any: .*}")
    public Response preflight() {
        return pipeline.preflight();
    }

    /** Records: enrolment, lookup, reading and changing one, and what belongs to one record. */
    @Path("records")
    public RecordsResource records() {
        return new RecordsResource(pipeline);
    }

    /** Bulk enrolment ({@link RecordsResource#importRecords}); its path is not below {@code records/}. */
    @POST
    @Path("records:import")
    public Response importRecords(InputStream body) {
        return records().importRecords(body);
    }

    /** Search of the records the caller may see. */
    @Path("search")
    public SearchResource search() {
        return new SearchResource(pipeline);
    }

    /** The student's own record and everything about it. */
    @Path("guardian")
    public GuardianResource guardian() {
        return new GuardianResource(pipeline);
    }

    @Path("consents")
    public ConsentsResource consents() {
        return new ConsentsResource(pipeline);
    }

    @Path("me")
    public MeResource me() {
        return new MeResource(pipeline);
    }

    /** Access grants for outside bodies. */
    @Path("grants")
    public GrantsResource grants() {
        return new GrantsResource(pipeline);
    }

    /** Requests to destroy records, decided by a second administrator. */
    @Path("purge-requests")
    public PurgeRequestsResource purgeRequests() {
        return new PurgeRequestsResource(pipeline);
    }

    /** The centre's review of students' correction requests. */
    @Path("corrections")
    public CorrectionsResource corrections() {
        return new CorrectionsResource(pipeline);
    }

    /** The centre's handling of misuse reports. */
    @Path("reports")
    public ReportsResource reports() {
        return new ReportsResource(pipeline);
    }

    /** The audit trail and its check. */
    @Path("audit")
    public AuditResource audit() {
        return new AuditResource(pipeline);
    }

    /** The security self-check. */
    @Path("self-check")
    public SelfCheckResource selfCheck() {
        return new SelfCheckResource(pipeline);
    }

    /** Retention: the policy and the runs. */
    @Path("retention")
    public RetentionResource retention() {
        return new RetentionResource(pipeline);
    }

    /** Legal holds of the realm. */
    @Path("legal-holds")
    public LegalHoldsResource legalHolds() {
        return new LegalHoldsResource(pipeline);
    }

    /** The realm's student-records settings. */
    @Path("settings")
    public SettingsResource settings() {
        return new SettingsResource(pipeline);
    }

    /** Notices of changes, for the applications that read what changed. */
    @Path("notices")
    public NoticesResource notices() {
        return new NoticesResource(pipeline);
    }

    /** Incidents: personal information leaked, altered or lost. */
    @Path("incidents")
    public IncidentsResource incidents() {
        return new IncidentsResource(pipeline);
    }

    /** The names of the realm's people, for the centre's screens. */
    @Path("people")
    public PeopleResource people() {
        return new PeopleResource(pipeline);
    }

    /** Which campus applications may reach which parts of a record. */
    @Path("applications")
    public ApplicationsResource applications() {
        return new ApplicationsResource(pipeline);
    }

    /** Backups of the realm's store from the centre. */
    @Path("backups")
    public BackupsResource backups() {
        return new BackupsResource(pipeline);
    }

    /**
     * Whether this node is ready to serve the realm's records: its search index has caught up with the store's change
     * feed since the node started. 200 or 503 (with {@code Retry-After}), without a token: it says nothing of any
     * record. Keycloak's own {@code /health/ready} takes no checks from extensions, so a load balancer probes both.
     */
    @GET
    @Path("health/ready")
    public Response ready() {
        return Readiness.of(session);
    }

    /** The API's OpenAPI 3.1 document, with this realm's addresses; no token. */
    @GET
    @Path("openapi.json")
    public Response openApi() {
        return ApiDocs.document(session);
    }

    /** The API's OpenAPI document rendered for people ({@link ApiDocs}); no token. */
    @GET
    @Path("api-docs{rest: (/.*)?}")
    public Response apiDocs(@PathParam("rest") String rest) {
        return ApiDocs.page(session, rest);
    }

    /** The product's icon where a browser asks for one by habit; no token. */
    @GET
    @Path("favicon.ico")
    public Response favicon() {
        return CentrePages.icon();
    }

    /**
     * The information management centre's screens ({@link CentrePages}): the page and its assets, without a token
     * (the page signs in through the {@code student-records-centre} client and calls this API with its own token).
     */
    @GET
    @Path("centre{rest: (/.*)?}")
    public Response centre(@PathParam("rest") String rest) {
        return CentrePages.serve(session, rest);
    }
}
