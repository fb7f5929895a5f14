package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.BUREAU;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST contract of ARCHITECTURE.md, called with tokens from real OAuth flows: every endpoint against every kind
 * of caller, each answer's status as the contract says.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class RecordsApiIT {

    private static final AtomicInteger ENROLMENTS = new AtomicInteger(10);
    private static World world;
    private static String setUpFailedIn;

    @InjectRealm
    ManagedRealm realm;

    @InjectRealm(ref = "elsewhere")
    ManagedRealm elsewhere;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTimeOffSet
    TimeOffSet clock;

    /** Who calls: a token (null: none) and the Data-Purpose it declares (null: none). */
    record Caller(String label, String token, String purpose) {
    }

    /** The campus, its two records and the tokens of every caller, set up once for the class. */
    record World(Campus campus, GeneratedStudent aliceStudent, String aliceRecord, String bobRecord,
                 Caller aliceSelf, Caller bobSelf, Caller aliceAtRecords, Caller aliceWithoutSelfScope,
                 Caller staff, Caller staffReadOnly, Caller admin, Caller adminWithoutAdminScope, Caller library,
                 Caller bureau, Caller otherRealm, Caller noAudience, Caller missingScope, Caller wrongPurpose,
                 Caller missingPurpose, Caller purposeNotOfClient, Caller noToken) {
    }

    @BeforeEach
    void campus() {
        if (world != null && world.campus().realm.getId().equals(realm.getId())) {
            return;
        }
        assertThat(setUpFailedIn).as("the campus could not be set up").isNotEqualTo(realm.getId());
        setUpFailedIn = realm.getId();
        Campus campus = Campus.setUp(realm, oauth);
        Campus other = Campus.setUp(elsewhere, oauth);

        String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        GeneratedStudent alice = GeneratedStudent.number(1, Campus.PHYSICS_CLASS);
        GeneratedStudent bob = GeneratedStudent.number(2, Campus.HISTORY_CLASS);
        String aliceRecord = campus.enrol(admin, alice, "alice");
        String bobRecord = campus.enrol(admin, bob, "bob");
        String staff = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES);

        world = new World(campus, alice, aliceRecord, bobRecord,
            new Caller("alice (student.self)", campus.signIn(oauth, "alice", PORTAL, "student.self"), null),
            new Caller("bob (student.self)", campus.signIn(oauth, "bob", PORTAL, "student.self"), null),
            new Caller("alice at /records", campus.signIn(oauth, "alice", PORTAL,
                "student.self student.profile.read student.contact.read"), "student-services"),
            new Caller("alice without student.self", campus.signIn(oauth, "alice", PORTAL, "student.profile.read"),
                null),
            new Caller("staff of the physics class", staff, "teaching"),
            new Caller("staff, read scopes only", campus.signIn(oauth, "sam", PORTAL,
                "student.profile.read student.contact.read"), "teaching"),
            new Caller("admin", admin, "administration"),
            new Caller("admin without student.admin", campus.signIn(oauth, "ada", PORTAL, STAFF_SCOPES),
                "administration"),
            new Caller("library-app", campus.serviceToken(oauth, LIBRARY), "library-services"),
            new Caller("city-statistics-bureau", campus.serviceToken(oauth, BUREAU), "statistics"),
            new Caller("token of another realm", other.signIn(oauth, "sam", PORTAL, STAFF_SCOPES), "teaching"),
            new Caller("token without the audience", campus.signIn(oauth, "sam", PORTAL, ""), "teaching"),
            new Caller("token missing the scope", campus.signIn(oauth, "sam", PORTAL, "student.search"), "teaching"),
            new Caller("wrong purpose", staff, "marketing"),
            new Caller("missing purpose", staff, null),
            new Caller("purpose not of the client", staff, "library-services"),
            new Caller("no token", null, "teaching"));
        setUpFailedIn = null;
    }

    @Test
    void readingARecord() {
        World w = world;
        Matrix m = new Matrix();
        String a = "/records/" + w.aliceRecord();
        String b = "/records/" + w.bobRecord();
        m.expect(w.aliceAtRecords(), "GET", a, 404).expect(w.aliceAtRecords(), "GET", b, 404)
            .expect(w.staff(), "GET", a, 200).expect(w.staff(), "GET", b, 404)
            .expect(w.admin(), "GET", a, 200).expect(w.admin(), "GET", b, 200)
            .expect(w.library(), "GET", a, 200).expect(w.bureau(), "GET", a, 403)
            .expect(w.noToken(), "GET", a, 401).expect(w.otherRealm(), "GET", a, 401)
            .expect(w.noAudience(), "GET", a, 401).expect(w.missingScope(), "GET", a, 403)
            .expect(w.wrongPurpose(), "GET", a, 403).expect(w.missingPurpose(), "GET", a, 403)
            .expect(w.purposeNotOfClient(), "GET", a, 403);
        m.assertNoneUnexpected();
    }

    @Test
    void lookingUpByStudentNumber() {
        World w = world;
        Matrix m = new Matrix();
        String a = "/records?studentNumber=" + w.aliceStudent().studentNumber();
        String b = "/records?studentNumber=" + GeneratedStudent.number(2, Campus.HISTORY_CLASS).studentNumber();
        m.expect(w.aliceAtRecords(), "GET", a, 404).expect(w.aliceAtRecords(), "GET", b, 404)
            .expect(w.staff(), "GET", a, 200).expect(w.staff(), "GET", b, 404)
            .expect(w.admin(), "GET", a, 200).expect(w.library(), "GET", a, 200).expect(w.bureau(), "GET", a, 403)
            .expect(w.noToken(), "GET", a, 401).expect(w.otherRealm(), "GET", a, 401)
            .expect(w.noAudience(), "GET", a, 401).expect(w.missingScope(), "GET", a, 403)
            .expect(w.wrongPurpose(), "GET", a, 403).expect(w.missingPurpose(), "GET", a, 403);
        m.assertNoneUnexpected();
        Api.Reply found = w.campus().api.call("GET", a, w.staff().token(), "teaching").send();
        assertThat(found.json().get("id").asText()).isEqualTo(w.aliceRecord());
    }

    @Test
    void enrollingAStudent() {
        World w = world;
        Matrix m = new Matrix();
        for (Caller caller : List.of(w.aliceAtRecords(), w.staff(), w.library(), w.bureau(), w.adminWithoutAdminScope(),
            w.wrongPurpose(), w.missingPurpose())) {
            m.expect(caller, "POST", "/records", newStudent(), 403);
        }
        for (Caller caller : List.of(w.noToken(), w.otherRealm(), w.noAudience())) {
            m.expect(caller, "POST", "/records", newStudent(), 401);
        }
        m.expect(w.admin(), "POST", "/records", newStudent(), 201);
        m.assertNoneUnexpected();
    }

    @Test
    void patchingARecord() {
        World w = world;
        Matrix m = new Matrix();
        String a = "/records/" + w.aliceRecord();
        String b = "/records/" + w.bobRecord();
        m.patch(w.staff(), a, 200).patch(w.staff(), b, 404).patch(w.admin(), a, 200).patch(w.admin(), b, 200)
            .patch(w.aliceAtRecords(), a, 404).patch(w.library(), a, 403).patch(w.bureau(), a, 403)
            .patch(w.staffReadOnly(), a, 403).patch(w.wrongPurpose(), a, 403).patch(w.missingPurpose(), a, 403)
            .patch(w.noToken(), a, 401).patch(w.otherRealm(), a, 401).patch(w.noAudience(), a, 401);
        m.assertNoneUnexpected();
    }

    @Test
    void selfService() {
        World w = world;
        Matrix m = new Matrix();
        // People and clients that are not students may not use self service at all: 403, whether or not a
        // record happens to be linked to them; a student without student.self is a 403 too.
        List<Caller> withoutOwnRecord = List.of(w.staff(), w.admin(), w.library(), w.bureau());
        List<Caller> unauthenticated = List.of(w.noToken(), w.otherRealm(), w.noAudience());
        for (String path : List.of("/me", "/me/access-log", "/me/export")) {
            m.expect(w.aliceSelf(), "GET", path, 200).expect(w.bobSelf(), "GET", path, 200)
                .expect(w.aliceWithoutSelfScope(), "GET", path, 403);
            withoutOwnRecord.forEach(c -> m.expect(c, "GET", path, 403));
            unauthenticated.forEach(c -> m.expect(c, "GET", path, 401));
        }
        m.expect(w.aliceSelf(), "POST", "/me/verification", 200)
            .expect(w.aliceWithoutSelfScope(), "POST", "/me/verification", 403);
        withoutOwnRecord.forEach(c -> m.expect(c, "POST", "/me/verification", 403));
        unauthenticated.forEach(c -> m.expect(c, "POST", "/me/verification", 401));
        m.patch(w.aliceSelf(), "/me", 200).patch(w.aliceWithoutSelfScope(), "/me", 403);
        withoutOwnRecord.forEach(c -> m.patch(c, "/me", 403));
        unauthenticated.forEach(c -> m.patch(c, "/me", 401));
        m.assertNoneUnexpected();

        Api api = w.campus().api;
        assertThat(api.call("GET", "/me", w.aliceSelf().token(), null).send().json().get("id").asText())
            .isEqualTo(w.aliceRecord());
        assertThat(api.call("GET", "/me", w.bobSelf().token(), null).send().json().get("id").asText())
            .isEqualTo(w.bobRecord());
        Api.Reply profileChange = api.call("PATCH", "/me", w.aliceSelf().token(), null)
            .header("If-Match", currentEtag("/me", w.aliceSelf()))
            .json(Api.MERGE_PATCH, Map.of("profile", Map.of("name", "Renamed By Herself"))).send();
        assertThat(profileChange.status()).as("a student changing her own profile").isEqualTo(403);
    }

    @Test
    void expiredTokensAreRefused() {
        World w = world;
        clock.set(3600);
        Matrix m = new Matrix();
        m.expect(w.staff(), "GET", "/records/" + w.aliceRecord(), 401)
            .expect(w.admin(), "POST", "/records", newStudent(), 401)
            .expect(w.aliceSelf(), "GET", "/me", 401)
            .expect(w.aliceSelf(), "GET", "/me/access-log", 401)
            .expect(w.library(), "GET", "/records/" + w.aliceRecord(), 401);
        m.assertNoneUnexpected();
        clock.set(0);
        assertThat(w.campus().api.call("GET", "/me", w.aliceSelf().token(), null).send().status())
            .as("the same token once the clock is back").isEqualTo(200);
    }

    @Test
    void libraryAppNeverSeesIdentityContactOrGuardians() {
        World w = world;
        Api api = w.campus().api;
        List<Api.Reply> replies = new ArrayList<>();
        replies.add(api.call("GET", "/records/" + w.aliceRecord(), w.library().token(), "library-services").send());
        replies.add(api.call("GET", "/records?studentNumber=" + w.aliceStudent().studentNumber(),
            w.library().token(), "library-services").send());
        replies.add(api.call("PATCH", "/records/" + w.aliceRecord(), w.library().token(), "library-services")
            .header("If-Match", currentEtag("/records/" + w.aliceRecord(), w.admin()))
            .json(Api.MERGE_PATCH, Map.of("contact", Map.of("homeAddress", "9 Other Road"))).send());
        replies.add(api.call("GET", "/records/" + w.aliceRecord(), w.library().token(), "teaching").send());
        replies.add(api.call("GET", "/me/export", w.library().token(), "library-services").send());

        assertThat(replies.get(0).status()).isEqualTo(200);
        JsonNode record = replies.get(0).json();
        assertThat(record.get("profile").get("studentNumber").asText()).isEqualTo(w.aliceStudent().studentNumber());
        assertThat(record.has("identity") || record.has("contact") || record.has("guardians")).isFalse();
        for (Api.Reply reply : replies) {
            for (String value : w.aliceStudent().confidentialValues()) {
                assertThat(reply.everything()).as("%s must not contain a confidential value", reply)
                    .doesNotContain(value);
            }
        }
    }

    @Test
    void patchPreconditionsAndValidationLeaveTheRecordUnchanged() {
        World w = world;
        Api api = w.campus().api;
        String path = "/records/" + w.aliceRecord();
        Caller admin = w.admin();
        Api.Reply before = api.call("GET", path, admin.token(), admin.purpose()).send();
        String etag = before.header("ETag");

        Api.Reply withoutIfMatch = api.call("PATCH", path, admin.token(), admin.purpose())
            .json(Api.MERGE_PATCH, Map.of("contact", Map.of("homeAddress", "1 Changed Road"))).send();
        assertThat(withoutIfMatch.status()).as(withoutIfMatch.body()).isEqualTo(428);
        assertUnchanged(path, before);

        Api.Reply stale = api.call("PATCH", path, admin.token(), admin.purpose()).header("If-Match", "\"0\"")
            .json(Api.MERGE_PATCH, Map.of("contact", Map.of("homeAddress", "2 Changed Road"))).send();
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertUnchanged(path, before);

        String invalidId = w.aliceStudent().residentIdNumber().substring(0, 17)
            + (w.aliceStudent().residentIdNumber().charAt(17) == '1' ? '2' : '1');
        Api.Reply invalid = api.call("PATCH", path, admin.token(), admin.purpose()).header("If-Match", etag)
            .json(Api.MERGE_PATCH, Map.of("identity", Map.of("residentIdNumber", invalidId))).send();
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
        assertThat(invalid.json().get("errors").findValuesAsText("field"))
            .anyMatch(field -> field.contains("residentIdNumber"));
        assertThat(invalid.body()).doesNotContain(invalidId);
        assertUnchanged(path, before);
    }

    @Test
    void everyCallOnAliceRecordLeavesOneEntryInHerAccessLog() {
        World w = world;
        Api api = w.campus().api;
        String path = "/records/" + w.aliceRecord();
        // Reading the access log is itself an access to the record, and is logged: measure what one read adds.
        int first = logSize();
        int selfCost = logSize() - first;
        List<Caller> callers = List.of(w.staff(), w.admin(), w.library(), w.bureau(), w.wrongPurpose());
        List<String> unexpected = new ArrayList<>();
        for (Caller caller : callers) {
            int before = logSize();
            Api.Reply reply = api.call("GET", path, caller.token(), caller.purpose()).send();
            int added = logSize() - before - selfCost;
            if (added != 1) {
                unexpected.add(caller.label() + " " + reply + " left " + added + " entries");
            }
        }
        int before = logSize();
        Api.Reply export = api.call("GET", "/me/export", w.aliceSelf().token(), null).send();
        int added = logSize() - before - selfCost;
        if (added != 1) {
            unexpected.add("alice " + export + " left " + added + " entries");
        }
        assertThat(unexpected).as("calls that did not leave exactly one audit entry").isEmpty();

        JsonNode newest = api.call("GET", "/me/access-log", w.aliceSelf().token(), null).send().json().get("entries");
        List<String> clients = new ArrayList<>();
        newest.forEach(entry -> clients.add(entry.path("clientId").asText()));
        assertThat(clients).contains(PORTAL, LIBRARY, BUREAU);
    }

    private int logSize() {
        Api.Reply log = world.campus().api.call("GET", "/me/access-log?limit=1000", world.aliceSelf().token(), null)
            .send();
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        return log.json().get("entries").size();
    }

    private void assertUnchanged(String path, Api.Reply before) {
        Caller admin = world.admin();
        Api.Reply now = world.campus().api.call("GET", path, admin.token(), admin.purpose()).send();
        assertThat(now.header("ETag")).isEqualTo(before.header("ETag"));
        assertThat(now.json()).isEqualTo(before.json());
    }

    private String currentEtag(String path, Caller reader) {
        Api.Reply current = world.campus().api.call("GET", path, reader.token(), reader.purpose()).send();
        assertThat(current.status()).as("reading %s for its ETag: %s", path, current.body()).isEqualTo(200);
        return current.header("ETag");
    }

    private Map<String, Object> newStudent() {
        return GeneratedStudent.number(ENROLMENTS.incrementAndGet(), Campus.HISTORY_CLASS).enrolment(null);
    }

    /** Collects every answer whose status differs from the contract, so one run reports all of them. */
    private final class Matrix {
        private final List<String> unexpected = new ArrayList<>();
        private int checked;

        Matrix expect(Caller caller, String method, String path, int... statuses) {
            return check(caller, method + " " + path, statuses,
                api -> api.call(method, path, caller.token(), caller.purpose()).send());
        }

        Matrix expect(Caller caller, String method, String path, Map<String, Object> body, int status) {
            return check(caller, method + " " + path, new int[] {status},
                api -> api.call(method, path, caller.token(), caller.purpose()).json("application/json", body).send());
        }

        /** A contact change with the current ETag (read by an administrator, or by the student for /me). */
        Matrix patch(Caller caller, String path, int... statuses) {
            String etag = path.equals("/me") ? currentEtag("/me", world.aliceSelf())
                : currentEtag(path, world.admin());
            Map<String, Object> change = Map.of("contact", Map.of("homeAddress", ENROLMENTS.incrementAndGet()
                + " Patched Road, Test Town"));
            return check(caller, "PATCH " + path, statuses, api -> api.call("PATCH", path, caller.token(),
                caller.purpose()).header("If-Match", etag).json(Api.MERGE_PATCH, change).send());
        }

        private Matrix check(Caller caller, String request, int[] statuses, Function<Api, Api.Reply> call) {
            Api.Reply reply = call.apply(world.campus().api);
            checked++;
            if (Arrays.stream(statuses).noneMatch(s -> s == reply.status())) {
                unexpected.add(caller.label() + ": " + request + " expected " + Arrays.toString(statuses) + " got "
                    + reply.status() + " " + abbreviate(reply.body()));
            } else if (reply.status() >= 400) {
                String type = reply.header("Content-Type");
                if (type == null || !type.startsWith("application/problem+json")) {
                    unexpected.add(caller.label() + ": " + request + " error without problem+json: " + type);
                }
            }
            return this;
        }

        void assertNoneUnexpected() {
            assertThat(checked).isPositive();
            assertThat(unexpected).as("%d of %d answers differ from the contract", unexpected.size(), checked)
                .isEmpty();
        }

        private String abbreviate(String body) {
            return body == null || body.length() < 300 ? body : body.substring(0, 300) + "...";
        }
    }
}
