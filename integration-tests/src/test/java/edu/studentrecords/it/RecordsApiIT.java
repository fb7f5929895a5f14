package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.BUREAU;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * The REST contract of ARCHITECTURE.md, called with tokens from real OAuth flows: every endpoint against every kind
 * of caller, each answer's status as the contract says.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class RecordsApiIT {

    private static final AtomicInteger ENROLMENTS = new AtomicInteger(10);
    /** What the information management centre's work needs besides student.admin: purges, the audit trail, search. */
    private static final String CENTRE_SCOPES = ADMIN_SCOPES + " student.purge student.audit student.search";
    private static final String JSON = "application/json";

    @InjectRealm
    ManagedRealm realm;

    @InjectRealm(ref = "elsewhere")
    ManagedRealm elsewhere;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTimeOffSet
    TimeOffSet clock;

    @RegisterExtension
    static final CampusWorld<RecordsApiIT, World> WORLD = CampusWorld.of(RecordsApiIT.class, t -> t.realm, t -> t.oauth,
        RecordsApiIT::world);

    /** The campus, its two records and the tokens of every caller, set up once for the class. */
    record World(Campus campus, GeneratedStudent aliceStudent, String aliceRecord, String bobRecord,
                 Caller aliceSelf, Caller bobSelf, Caller aliceAtRecords, Caller aliceWithoutSelfScope,
                 Caller staff, Caller staffReadOnly, Caller admin, Caller adminWithoutAdminScope, Caller library,
                 Caller bureau, Caller otherRealm, Caller noAudience, Caller missingScope, Caller wrongPurpose,
                 Caller missingPurpose, Caller purposeNotOfClient, Caller noToken, Caller purgeAdmin,
                 Caller secondAdmin, Caller supervisor, Caller staffSearching) {
    }

    private static World world(RecordsApiIT test, Campus campus) {
        OAuthClient oauth = test.oauth;
        Campus other = Campus.setUp(test.elsewhere, oauth);
        String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        GeneratedStudent alice = GeneratedStudent.number(1, Campus.PHYSICS_CLASS);
        GeneratedStudent bob = GeneratedStudent.number(2, Campus.HISTORY_CLASS);
        String aliceRecord = campus.enrol(admin, alice, "alice");
        String bobRecord = campus.enrol(admin, bob, "bob");
        String staff = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES);

        return new World(campus, alice, aliceRecord, bobRecord,
            new Caller("alice (student.self)", campus.signIn(oauth, "alice", PORTAL, "student.self"), null),
            new Caller("bob (student.self)", campus.signIn(oauth, "bob", PORTAL, "student.self"), null),
            new Caller("alice at /records", campus.signIn(oauth, "alice", PORTAL,
                "student.self student.profile.read student.contact.read"), "student-services"),
            // A student may carry no other scope: her token without student.self is not for the API at all (401).
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
            new Caller("no token", null, "teaching"),
            new Caller("admin with every admin scope", campus.signIn(oauth, "ada", PORTAL, CENTRE_SCOPES),
                "administration"),
            new Caller("second admin with every admin scope", campus.signIn(oauth, "eli", PORTAL, CENTRE_SCOPES),
                "administration"),
            new Caller("supervisor", campus.signIn(oauth, "sue", PORTAL, "student.audit"), "administration"),
            new Caller("staff of the physics class, searching", campus.signIn(oauth, "sam", PORTAL,
                STAFF_SCOPES + " student.search"), "teaching"));
    }

    @Test
    void readingARecord() {
        World w = WORLD.get();
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
        World w = WORLD.get();
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
        World w = WORLD.get();
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
        World w = WORLD.get();
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
        World w = WORLD.get();
        Matrix m = new Matrix();
        // People and clients that are not students may not use self service at all: 403, whether or not a
        // record happens to be linked to them; a student without student.self is a 403 too.
        List<Caller> withoutOwnRecord = List.of(w.staff(), w.admin(), w.library(), w.bureau());
        List<Caller> unauthenticated = List.of(w.noToken(), w.otherRealm(), w.noAudience());
        for (String path : List.of("/me", "/me/access-log", "/me/export")) {
            m.expect(w.aliceSelf(), "GET", path, 200).expect(w.bobSelf(), "GET", path, 200)
                .expect(w.aliceWithoutSelfScope(), "GET", path, 401);
            withoutOwnRecord.forEach(c -> m.expect(c, "GET", path, 403));
            unauthenticated.forEach(c -> m.expect(c, "GET", path, 401));
        }
        m.expect(w.aliceSelf(), "POST", "/me/verification", 200)
            .expect(w.aliceWithoutSelfScope(), "POST", "/me/verification", 401);
        withoutOwnRecord.forEach(c -> m.expect(c, "POST", "/me/verification", 403));
        unauthenticated.forEach(c -> m.expect(c, "POST", "/me/verification", 401));
        m.patch(w.aliceSelf(), "/me", 200).patch(w.aliceWithoutSelfScope(), "/me", 401);
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
        World w = WORLD.get();
        clock.set(3600);
        Matrix m = new Matrix();
        try {
            m.expect(w.staff(), "GET", "/records/" + w.aliceRecord(), 401)
                .expect(w.admin(), "POST", "/records", newStudent(), 401)
                .expect(w.aliceSelf(), "GET", "/me", 401)
                .expect(w.aliceSelf(), "GET", "/me/access-log", 401)
                .expect(w.library(), "GET", "/records/" + w.aliceRecord(), 401)
                .send(w.admin(), "POST", "/records:import", "text/csv", csvOf(newStudentNumber()), 401)
                .expect(w.aliceSelf(), "POST", "/me/corrections", correction("Too Late"), 401)
                .expect(w.aliceSelf(), "GET", "/me/corrections", 401)
                .expect(w.admin(), "GET", "/corrections", 401)
                .expect(w.staffSearching(), "GET", "/search?q=" + w.aliceStudent().studentNumber(), 401)
                .expect(w.purgeAdmin(), "POST", "/records/" + w.aliceRecord() + "/purge-requests",
                    Map.of("reason", "Too late"), 401)
                .expect(w.purgeAdmin(), "GET", "/purge-requests", 401)
                .expect(w.secondAdmin(), "POST", "/purge-requests/" + UUID.randomUUID() + "/approve", 401)
                .expect(w.admin(), "GET", "/grants", 401)
                .expect(w.admin(), "POST", "/grants", grant(), 401)
                .expect(w.supervisor(), "GET", "/audit?record=" + w.aliceRecord(), 401)
                .expect(w.supervisor(), "GET", "/audit/verify", 401)
                .expect(w.supervisor(), "POST", "/self-check", 401);
        } finally {
            clock.set(0);
        }
        m.assertNoneUnexpected();
        assertThat(w.campus().api.call("GET", "/me", w.aliceSelf().token(), null).send().status())
            .as("the same token once the clock is back").isEqualTo(200);
    }

    @Test
    void libraryAppNeverSeesIdentityContactOrGuardians() {
        World w = WORLD.get();
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
        World w = WORLD.get();
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
        World w = WORLD.get();
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

    @Test
    void importingStudents() throws Exception {
        World w = WORLD.get();
        Matrix m = new Matrix();
        String path = "/records:import";
        for (Caller caller : List.of(w.aliceAtRecords(), w.staff(), w.library(), w.bureau(), w.adminWithoutAdminScope(),
            w.missingScope(), w.admin().withPurpose("marketing"), w.admin().withPurpose(null))) {
            m.send(caller, "POST", path, "text/csv", csvOf(newStudentNumber()), 403);
        }
        for (Caller caller : List.of(w.noToken(), w.otherRealm(), w.noAudience())) {
            m.send(caller, "POST", path, "text/csv", csvOf(newStudentNumber()), 401);
        }
        // One row, one record created: its enrolment is the one entry.
        m.send(w.admin(), "POST", path, "text/csv", csvOf(newStudentNumber()), 200);
        JsonNode csvReport = m.last().json();
        m.send(w.admin(), "POST", path, "application/x-ndjson",
            Api.JSON.writeValueAsString(GeneratedStudent.number(newStudentNumber(), Campus.HISTORY_CLASS)
                .enrolment(null)) + "\n", 200);
        JsonNode ndjsonReport = m.last().json();
        // Refused before the store sees the file, as every malformed request is: one entry says so.
        m.send(w.admin(), "POST", path, JSON, "{}", 415);
        m.assertNoneUnexpected();
        assertThat(csvReport.get("imported").asInt()).as(csvReport.toString()).isEqualTo(1);
        assertThat(ndjsonReport.get("imported").asInt()).as(ndjsonReport.toString()).isEqualTo(1);
    }

    @Test
    void searching() {
        World w = WORLD.get();
        String alice = "/search?q=" + w.aliceStudent().studentNumber();
        String bob = "/search?q=" + GeneratedStudent.number(2, Campus.HISTORY_CLASS).studentNumber();
        awaitFound(alice, w.purgeAdmin(), w.aliceRecord());
        awaitFound(bob, w.purgeAdmin(), w.bobRecord());
        Matrix m = new Matrix();
        m.expect(w.staffSearching(), "GET", alice, 200);
        List<String> staffOnAlice = m.last().json().get("hits").findValuesAsText("id");
        m.expect(w.staffSearching(), "GET", bob, 200);
        List<String> staffOnBob = m.last().json().get("hits").findValuesAsText("id");
        m.expect(w.purgeAdmin(), "GET", alice, 200).expect(w.purgeAdmin(), "GET", bob, 200);
        for (String path : List.of(alice, bob)) {
            // The admin and the staff without student.search are tokens missing the scope.
            for (Caller caller : List.of(w.aliceAtRecords(), w.staff(), w.admin(), w.library(), w.bureau(),
                w.missingScope(), w.supervisor(), w.staffSearching().withPurpose("marketing"),
                w.staffSearching().withPurpose(null), w.staffSearching().withPurpose("library-services"))) {
                m.expect(caller, "GET", path, 403);
            }
            for (Caller caller : List.of(w.noToken(), w.otherRealm(), w.noAudience())) {
                m.expect(caller, "GET", path, 401);
            }
        }
        m.assertNoneUnexpected();
        assertThat(staffOnAlice).as("staff searching a student of their class").containsExactly(w.aliceRecord());
        assertThat(staffOnBob).as("staff searching a student of another class").isEmpty();
    }

    @Test
    void correctionRequestsAndTheirReview() {
        World w = WORLD.get();
        Matrix m = new Matrix();
        List<Caller> notStudents = List.of(w.staff(), w.admin(), w.library(), w.bureau());
        List<Caller> unauthenticated = List.of(w.noToken(), w.otherRealm(), w.noAudience());
        m.expect(w.aliceSelf(), "POST", "/me/corrections", correction("Alice Corrected"), 201);
        String aliceCorrection = m.last().json().get("id").asText();
        m.expect(w.bobSelf(), "POST", "/me/corrections", correction("Bob Corrected"), 201);
        String bobCorrection = m.last().json().get("id").asText();
        m.expect(w.aliceWithoutSelfScope(), "POST", "/me/corrections", correction("Not Asked"), 401);
        notStudents.forEach(c -> m.expect(c, "POST", "/me/corrections", correction("Not Asked"), 403));
        unauthenticated.forEach(c -> m.expect(c, "POST", "/me/corrections", correction("Not Asked"), 401));
        m.expect(w.aliceSelf(), "GET", "/me/corrections", 200).expect(w.bobSelf(), "GET", "/me/corrections", 200)
            .expect(w.aliceWithoutSelfScope(), "GET", "/me/corrections", 401);
        notStudents.forEach(c -> m.expect(c, "GET", "/me/corrections", 403));
        unauthenticated.forEach(c -> m.expect(c, "GET", "/me/corrections", 401));

        // Reviewing is the centre's: everyone else is refused before any record is looked at, so always 403.
        List<Caller> notTheCentre = List.of(w.aliceAtRecords(), w.staff(), w.library(), w.bureau(),
            w.adminWithoutAdminScope(), w.missingScope(), w.supervisor(), w.admin().withPurpose("marketing"),
            w.admin().withPurpose(null));
        // Each pending request shown is a read of its record: one entry per request listed.
        m.leaving(reply -> reply.json().get("corrections").size()).expect(w.admin(), "GET", "/corrections", 200);
        List<String> pending = m.last().json().get("corrections").findValuesAsText("id");
        notTheCentre.forEach(c -> m.expect(c, "GET", "/corrections", 403));
        unauthenticated.forEach(c -> m.expect(c, "GET", "/corrections", 401));
        for (String id : List.of(aliceCorrection, bobCorrection)) {
            notTheCentre.forEach(c -> m.expect(c, "POST", "/corrections/" + id + "/approve", 403)
                .expect(c, "POST", "/corrections/" + id + "/reject", Map.of("reason", "Not yours"), 403));
            unauthenticated.forEach(c -> m.expect(c, "POST", "/corrections/" + id + "/approve", 401)
                .expect(c, "POST", "/corrections/" + id + "/reject", Map.of("reason", "Not yours"), 401));
        }
        m.expect(w.admin(), "POST", "/corrections/" + aliceCorrection + "/reject",
                Map.of("reason", "The name is spelt as on the ID card"), 200)
            .expect(w.admin(), "POST", "/corrections/" + bobCorrection + "/approve", 200)
            .expect(w.admin(), "POST", "/corrections/" + bobCorrection + "/approve", 409)
            .expect(w.admin(), "POST", "/corrections/" + aliceCorrection + "/reject", Map.of("reason", "Again"), 409)
            .expect(w.admin(), "POST", "/corrections/" + UUID.randomUUID() + "/approve", 404)
            // A request that does not exist: the caller is decided first, as for any other request.
            .expect(w.staff(), "POST", "/corrections/" + UUID.randomUUID() + "/reject", Map.of("reason", "x"), 403);
        m.assertNoneUnexpected();
        assertThat(pending).contains(aliceCorrection, bobCorrection);
        Api.Reply bob = w.campus().api.call("GET", "/records/" + w.bobRecord(), w.admin().token(), "administration")
            .send();
        assertThat(bob.json().at("/profile/name").asText()).isEqualTo("Bob Corrected");
    }

    @Test
    void purgeRequestsAndTheirApproval() {
        World w = WORLD.get();
        Caller ada = w.purgeAdmin();
        Caller eli = w.secondAdmin();
        // Dedicated records (nobody's account) in alice's class and in bob's, so that no other test loses a record.
        String physics = enrolUnowned(Campus.PHYSICS_CLASS);
        String history = enrolUnowned(Campus.HISTORY_CLASS);
        String physicsKept = enrolUnowned(Campus.PHYSICS_CLASS);
        String historyKept = enrolUnowned(Campus.HISTORY_CLASS);
        Map<String, Object> reason = Map.of("reason", "Enrolled twice by mistake");
        List<Caller> unauthenticated = List.of(w.noToken(), w.otherRealm(), w.noAudience());
        // Refused alike for every record: purpose, an outside body without a grant, no student.purge, not an admin.
        List<Caller> refusedAlike = List.of(w.admin(), w.library(), w.bureau(), ada.withPurpose("marketing"),
            ada.withPurpose(null), ada.withPurpose("library-services"));
        // Those who see no record at all: any record they name is one they may not know of.
        List<Caller> blind = List.of(w.aliceAtRecords(), w.supervisor());
        Matrix m = new Matrix();

        String a = "/records/" + w.aliceRecord() + "/purge-requests";
        String b = "/records/" + w.bobRecord() + "/purge-requests";
        blind.forEach(c -> m.expect(c, "POST", a, reason, 404).expect(c, "POST", b, reason, 404));
        m.expect(w.staff(), "POST", a, reason, 403).expect(w.staff(), "POST", b, reason, 404)
            .expect(w.missingScope(), "POST", a, reason, 403).expect(w.missingScope(), "POST", b, reason, 404);
        refusedAlike.forEach(c -> m.expect(c, "POST", a, reason, 403).expect(c, "POST", b, reason, 403));
        unauthenticated.forEach(c -> m.expect(c, "POST", a, reason, 401));
        m.expect(ada, "POST", "/records/" + physics + "/purge-requests", reason, 201);
        String physicsRequest = m.last().json().get("id").asText();
        m.expect(ada, "POST", "/records/" + history + "/purge-requests", reason, 201);
        String historyRequest = m.last().json().get("id").asText();
        m.expect(ada, "POST", "/records/" + physicsKept + "/purge-requests", reason, 201);
        String physicsKeptRequest = m.last().json().get("id").asText();
        m.expect(ada, "POST", "/records/" + historyKept + "/purge-requests", reason, 201);
        String historyKeptRequest = m.last().json().get("id").asText();
        m.expect(eli, "POST", "/records/" + physics + "/purge-requests", reason, 409)
            .expect(ada, "POST", "/records/" + UUID.randomUUID() + "/purge-requests", reason, 404);

        m.expect(ada, "GET", "/purge-requests", 200).expect(eli, "GET", "/purge-requests", 200);
        List<String> listed = m.last().json().get("purgeRequests").findValuesAsText("id");
        // The list names no record: every refusal is a 403.
        for (Caller caller : List.of(w.aliceAtRecords(), w.supervisor(), w.staff(), w.missingScope())) {
            m.expect(caller, "GET", "/purge-requests", 403);
        }
        refusedAlike.forEach(c -> m.expect(c, "GET", "/purge-requests", 403));
        unauthenticated.forEach(c -> m.expect(c, "GET", "/purge-requests", 401));

        for (String step : List.of("approve", "cancel")) {
            String onPhysics = "/purge-requests/" + (step.equals("approve") ? physicsRequest : physicsKeptRequest) + "/"
                + step;
            String onHistory = "/purge-requests/" + (step.equals("approve") ? historyRequest : historyKeptRequest) + "/"
                + step;
            blind.forEach(c -> m.expect(c, "POST", onPhysics, 404).expect(c, "POST", onHistory, 404));
            m.expect(w.staff(), "POST", onPhysics, 403).expect(w.staff(), "POST", onHistory, 404)
                .expect(w.missingScope(), "POST", onPhysics, 403).expect(w.missingScope(), "POST", onHistory, 404);
            refusedAlike.forEach(c -> m.expect(c, "POST", onPhysics, 403).expect(c, "POST", onHistory, 403));
            unauthenticated.forEach(c -> m.expect(c, "POST", onPhysics, 401));
            m.expect(eli, "POST", "/purge-requests/" + UUID.randomUUID() + "/" + step, 404);
        }
        m.expect(ada, "POST", "/purge-requests/" + physicsRequest + "/approve", 403)
            .expect(eli, "POST", "/purge-requests/" + physicsRequest + "/approve", 200)
            .expect(ada, "POST", "/purge-requests/" + historyRequest + "/approve", 403)
            .expect(eli, "POST", "/purge-requests/" + historyRequest + "/approve", 200)
            .expect(eli, "POST", "/purge-requests/" + physicsRequest + "/approve", 409)
            .expect(ada, "POST", "/purge-requests/" + physicsKeptRequest + "/cancel", 200)
            .expect(eli, "POST", "/purge-requests/" + historyKeptRequest + "/cancel", 200)
            .expect(ada, "POST", "/purge-requests/" + physicsKeptRequest + "/cancel", 409)
            .expect(eli, "POST", "/purge-requests/" + physicsKeptRequest + "/approve", 409)
            .expect(eli, "POST", "/purge-requests/" + physicsRequest + "/cancel", 409);
        m.expect(w.admin(), "GET", "/records/" + physics, 404).expect(w.admin(), "GET", "/records/" + history, 404)
            .expect(w.admin(), "GET", "/records/" + physicsKept, 200)
            .expect(w.admin(), "GET", "/records/" + historyKept, 200)
            .expect(w.admin(), "GET", "/records/" + w.aliceRecord(), 200)
            .expect(w.admin(), "GET", "/records/" + w.bobRecord(), 200);
        m.assertNoneUnexpected();
        assertThat(listed).contains(physicsRequest, historyRequest, physicsKeptRequest, historyKeptRequest);
    }

    @Test
    void grantsForOutsideBodies() {
        World w = WORLD.get();
        Caller ada = w.admin();
        Caller eli = w.secondAdmin();
        List<Caller> notTheCentre = List.of(w.aliceAtRecords(), w.staff(), w.library(), w.bureau(),
            w.adminWithoutAdminScope(), w.missingScope(), w.supervisor(), ada.withPurpose("marketing"),
            ada.withPurpose(null));
        List<Caller> unauthenticated = List.of(w.noToken(), w.otherRealm(), w.noAudience());
        Matrix m = new Matrix();
        m.expect(ada, "GET", "/grants", 200).expect(eli, "GET", "/grants", 200);
        notTheCentre.forEach(c -> m.expect(c, "GET", "/grants", 403).expect(c, "POST", "/grants", grant(), 403));
        unauthenticated.forEach(c -> m.expect(c, "GET", "/grants", 401).expect(c, "POST", "/grants", grant(), 401));
        m.expect(ada, "POST", "/grants", grant(), 201);
        String id = m.last().json().get("id").asText();
        for (String step : List.of("approve", "revoke")) {
            String path = "/grants/" + id + "/" + step;
            notTheCentre.forEach(c -> m.expect(c, "POST", path, 403));
            unauthenticated.forEach(c -> m.expect(c, "POST", path, 401));
            m.expect(eli, "POST", "/grants/" + UUID.randomUUID() + "/" + step, 404);
        }
        m.expect(ada, "POST", "/grants/" + id + "/approve", 403)
            .expect(eli, "POST", "/grants/" + id + "/approve", 200)
            .expect(eli, "POST", "/grants/" + id + "/approve", 409)
            .expect(ada, "POST", "/grants/" + id + "/revoke", 200)
            .expect(eli, "POST", "/grants/" + id + "/revoke", 409);
        m.assertNoneUnexpected();
    }

    @Test
    void supervision() {
        World w = WORLD.get();
        List<String> paths = List.of("/audit?record=" + w.aliceRecord(), "/audit?record=" + w.bobRecord(),
            "/audit?fromSequence=1", "/audit/verify", "/self-check");
        List<Caller> refused = List.of(w.aliceAtRecords(), w.staff(), w.admin(), w.library(), w.bureau(),
            w.missingScope(), w.supervisor().withPurpose("marketing"), w.supervisor().withPurpose(null));
        List<Caller> unauthenticated = List.of(w.noToken(), w.otherRealm(), w.noAudience());
        Matrix m = new Matrix();
        m.expect(w.supervisor(), "POST", "/self-check", 200).expect(w.purgeAdmin(), "POST", "/self-check", 200);
        refused.forEach(c -> m.expect(c, "POST", "/self-check", 403));
        unauthenticated.forEach(c -> m.expect(c, "POST", "/self-check", 401));
        for (String path : paths) {
            m.expect(w.supervisor(), "GET", path, 200).expect(w.purgeAdmin(), "GET", path, 200);
            refused.forEach(c -> m.expect(c, "GET", path, 403));
            unauthenticated.forEach(c -> m.expect(c, "GET", path, 401));
        }
        m.expect(w.supervisor(), "GET", "/audit/verify", 200);
        JsonNode verification = m.last().json();
        m.assertNoneUnexpected();
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
    }

    @Test
    void misuseReportsAndTheirHandling() {
        World w = WORLD.get();
        Caller ada = w.admin();
        Caller sue = w.supervisor();
        List<Caller> notStudents = List.of(w.staff(), w.admin(), w.library(), w.bureau());
        List<Caller> notTheCentre = List.of(w.aliceAtRecords(), w.staff(), w.library(), w.bureau(),
            w.adminWithoutAdminScope(), w.missingScope(), ada.withPurpose("marketing"), ada.withPurpose(null));
        List<Caller> unauthenticated = List.of(w.noToken(), w.otherRealm(), w.noAudience());
        Map<String, Object> report = Map.of("message", "Please check who read my record.", "auditEntries", List.of());
        Map<String, Object> triage = Map.of("severity", "LOW", "assignee", "eli", "linkedEntries", List.of());
        Map<String, Object> outcome = Map.of("outcome", "Checked; the reads were for teaching.");
        Matrix m = new Matrix();
        m.expect(w.aliceSelf(), "POST", "/me/reports", report, 201);
        String id = m.last().json().get("id").asText();
        m.expect(w.bobSelf(), "POST", "/me/reports", report, 201)
            .expect(w.aliceWithoutSelfScope(), "POST", "/me/reports", report, 401);
        notStudents.forEach(c -> m.expect(c, "POST", "/me/reports", report, 403).expect(c, "GET", "/me/reports", 403));
        unauthenticated.forEach(c -> m.expect(c, "POST", "/me/reports", report, 401).expect(c, "GET", "/me/reports", 401));
        m.expect(w.aliceSelf(), "GET", "/me/reports", 200);

        for (String path : List.of("/reports", "/reports?status=OPEN", "/reports/" + id, "/reports/" + id + "/entries")) {
            m.expect(ada, "GET", path, 200).expect(sue, "GET", path, 200).expect(w.purgeAdmin(), "GET", path, 200);
            notTheCentre.forEach(c -> m.expect(c, "GET", path, 403));
            unauthenticated.forEach(c -> m.expect(c, "GET", path, 401));
        }
        m.expect(ada, "GET", "/reports/" + UUID.randomUUID(), 404);
        String triagePath = "/reports/" + id + "/triage";
        String resolvePath = "/reports/" + id + "/resolve";
        notTheCentre.forEach(c -> m.expect(c, "POST", triagePath, triage, 403).expect(c, "POST", resolvePath, outcome, 403));
        unauthenticated.forEach(c -> m.expect(c, "POST", triagePath, triage, 401)
            .expect(c, "POST", resolvePath, outcome, 401));
        m.expect(sue, "POST", triagePath, triage, 403)
            .expect(ada, "POST", "/reports/" + UUID.randomUUID() + "/triage", triage, 404)
            .expect(ada, "POST", triagePath, Map.of("severity", "LOW", "assignee", "alice"), 422)
            .expect(ada, "POST", triagePath, triage, 200)
            .expect(sue, "POST", resolvePath, Map.of("outcome", " "), 422)
            .expect(sue, "POST", resolvePath, outcome, 200)
            .expect(ada, "POST", resolvePath, outcome, 409)
            .expect(ada, "POST", triagePath, triage, 409);
        m.assertNoneUnexpected();
    }

    @Test
    void realmSettings() {
        World w = WORLD.get();
        Caller ada = w.admin();
        List<Caller> refused = List.of(w.aliceAtRecords(), w.staff(), w.library(), w.bureau(), w.supervisor(),
            w.adminWithoutAdminScope(), w.missingScope(), ada.withPurpose("marketing"), ada.withPurpose(null));
        List<Caller> unauthenticated = List.of(w.noToken(), w.otherRealm(), w.noAudience());
        Matrix m = new Matrix();
        m.expect(ada, "GET", "/settings", 200);
        @SuppressWarnings("unchecked")
        Map<String, Object> current = Api.JSON.convertValue(m.last().json(), Map.class);
        refused.forEach(c -> m.expect(c, "GET", "/settings", 403).expect(c, "PUT", "/settings", current, 403));
        unauthenticated.forEach(c -> m.expect(c, "GET", "/settings", 401).expect(c, "PUT", "/settings", current, 401));
        Map<String, Object> invalid = new LinkedHashMap<>(current);
        invalid.put("verificationPeriodDays", 0);
        m.expect(ada, "PUT", "/settings", invalid, 422).expect(ada, "PUT", "/settings", current, 200);
        m.assertNoneUnexpected();
    }

    @Test
    void backups() {
        World w = WORLD.get();
        Caller ada = w.admin();
        List<Caller> refused = List.of(w.aliceAtRecords(), w.staff(), w.library(), w.bureau(), w.supervisor(),
            w.adminWithoutAdminScope(), w.missingScope(), ada.withPurpose("marketing"), ada.withPurpose(null));
        List<Caller> unauthenticated = List.of(w.noToken(), w.otherRealm(), w.noAudience());
        Matrix m = new Matrix();
        m.expect(ada, "POST", "/backups", 202);
        String id = m.last().json().get("id").asText();
        for (String path : List.of("/backups", "/backups/" + id)) {
            m.expect(ada, "GET", path, 200);
            refused.forEach(c -> m.expect(c, "GET", path, 403));
            unauthenticated.forEach(c -> m.expect(c, "GET", path, 401));
        }
        refused.forEach(c -> m.expect(c, "POST", "/backups", 403).expect(c, "POST", "/backups/" + id + "/restore", 403));
        unauthenticated.forEach(c -> m.expect(c, "POST", "/backups", 401)
            .expect(c, "POST", "/backups/" + id + "/restore", 401));
        m.expect(ada, "GET", "/backups/" + UUID.randomUUID(), 404)
            .expect(ada, "POST", "/backups/" + UUID.randomUUID() + "/restore", 404)
            .expect(ada, "POST", "/backups/" + id + "/restore", 409);
        m.assertNoneUnexpected();
    }

    private static int newStudentNumber() {
        return ENROLMENTS.incrementAndGet();
    }

    private static String csvOf(int student) {
        return ImportIT.HEADER + "\n" + ImportIT.csv(GeneratedStudent.number(student, Campus.HISTORY_CLASS)) + "\n";
    }

    private static Map<String, Object> correction(String name) {
        return Map.of("changes", Map.of("profile", Map.of("name", name)), "reason", "Spelling");
    }

    private static Map<String, Object> grant() {
        // A class nobody is in: the grant opens nothing another test could notice, even while it is active.
        return Campus.grantRequest(Campus.CHEMISTRY_CLASS, Instant.now().plus(Duration.ofDays(30)), "CSB-2026-099",
            "agreement.pdf", "application/pdf", "%PDF-1.7\n% Confidentiality agreement CSB-2026-099 (generated test file)\n"
                .getBytes(StandardCharsets.UTF_8));
    }

    private String enrolUnowned(String unit) {
        Caller admin = WORLD.get().admin();
        Api.Reply created = WORLD.get().campus().api.call("POST", "/records", admin.token(), admin.purpose())
            .json(JSON, GeneratedStudent.number(newStudentNumber(), unit).enrolment(null)).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** Waits up to five seconds for the index to have caught up with a record enrolled at set-up. */
    private void awaitFound(String searchPath, Caller searcher, String recordId) {
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
            .untilAsserted(() -> {
                Api.Reply reply = WORLD.get().campus().api.call("GET", searchPath, searcher.token(), searcher.purpose())
                    .send();
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                assertThat(reply.json().get("hits").findValuesAsText("id")).as("%s finds %s", searchPath, recordId)
                    .contains(recordId);
            });
    }

    private int logSize() {
        Api.Reply log = WORLD.get().campus().api.call("GET", "/me/access-log?limit=1000", WORLD.get().aliceSelf().token(), null)
            .send();
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        return log.json().get("entries").size();
    }

    private void assertUnchanged(String path, Api.Reply before) {
        Caller admin = WORLD.get().admin();
        Api.Reply now = WORLD.get().campus().api.call("GET", path, admin.token(), admin.purpose()).send();
        assertThat(now.header("ETag")).isEqualTo(before.header("ETag"));
        assertThat(now.json()).isEqualTo(before.json());
    }

    private String currentEtag(String path, Caller reader) {
        Api.Reply current = WORLD.get().campus().api.call("GET", path, reader.token(), reader.purpose()).send();
        assertThat(current.status()).as("reading %s for its ETag: %s", path, current.body()).isEqualTo(200);
        return current.header("ETag");
    }

    private Map<String, Object> newStudent() {
        return GeneratedStudent.number(ENROLMENTS.incrementAndGet(), Campus.HISTORY_CLASS).enrolment(null);
    }

    /**
     * Collects every answer whose status differs from the contract, so one run reports all of them; and every call
     * that did not leave the audit entries it should: one, unless told otherwise for the next call ({@link #leaving});
     * none for a 401 (no token the API accepts, so nobody to decide about, by design).
     */
    private final class Matrix {
        private final List<String> unexpected = new ArrayList<>();
        private int checked;
        private ToLongFunction<Api.Reply> nextEntries;
        private Api.Reply last;

        Matrix expect(Caller caller, String method, String path, int... statuses) {
            return check(caller, method + " " + path, statuses,
                api -> api.call(method, path, caller.token(), caller.purpose()).send());
        }

        Matrix expect(Caller caller, String method, String path, Map<String, Object> body, int status) {
            return check(caller, method + " " + path, new int[] {status},
                api -> api.call(method, path, caller.token(), caller.purpose()).json(JSON, body).send());
        }

        /** A call with a body of any content type (a JSON body when it is not a string). */
        Matrix send(Caller caller, String method, String path, String contentType, Object body, int... statuses) {
            return check(caller, method + " " + path + " (" + contentType + ")", statuses,
                api -> api.call(method, path, caller.token(), caller.purpose()).json(contentType, body).send());
        }

        /** The audit entries the next call must leave when it is not answered 401, from its answer. */
        Matrix leaving(ToLongFunction<Api.Reply> entries) {
            nextEntries = entries;
            return this;
        }

        /** A contact change with the current ETag (read by an administrator, or by the student for /me). */
        Matrix patch(Caller caller, String path, int... statuses) {
            String etag = path.equals("/me") ? currentEtag("/me", WORLD.get().aliceSelf())
                : currentEtag(path, WORLD.get().admin());
            Map<String, Object> change = Map.of("contact", Map.of("homeAddress", ENROLMENTS.incrementAndGet()
                + " Patched Road, Test Town"));
            return check(caller, "PATCH " + path, statuses, api -> api.call("PATCH", path, caller.token(),
                caller.purpose()).header("If-Match", etag).json(Api.MERGE_PATCH, change).send());
        }

        /** The answer of the last call, for tests that go on with what it created. */
        Api.Reply last() {
            return last;
        }

        private Matrix check(Caller caller, String request, int[] statuses, Function<Api, Api.Reply> call) {
            ToLongFunction<Api.Reply> entries = nextEntries == null ? reply -> 1 : nextEntries;
            nextEntries = null;
            long before = WORLD.raw().auditEntries();
            Api.Reply reply = call.apply(WORLD.get().campus().api);
            long added = WORLD.raw().auditEntries() - before;
            last = reply;
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
            long expectedEntries = reply.status() == 401 ? 0 : entries.applyAsLong(reply);
            if (added != expectedEntries) {
                unexpected.add(caller.label() + ": " + request + " answered " + reply.status() + " and left " + added
                    + " audit entries, not " + expectedEntries);
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
