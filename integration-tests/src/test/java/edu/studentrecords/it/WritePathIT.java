package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.HISTORY_CLASS;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write path as an attacker with real tokens tried it: every write is judged on the record before and after it,
 * not only on who asks. A unit must be a real unit (a group below {@code /units}) in the one unit grammar; staff change
 * only contact and guardians of students in their units, never move a record; a student becomes a leaver only by the
 * centre, never before enrolment; purposes are limited per role; search answers only what the caller may read now;
 * and every call leaves one entry that says whether it was done.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class WritePathIT {

    private static final String ADMINISTRATION = "administration";
    private static final String TEACHING = "teaching";
    private static final String JSON = "application/json";

    @InjectRealm(ref = "write-path")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<WritePathIT, Campus> WORLD = CampusWorld.of(WritePathIT.class, t -> t.realm,
        t -> t.oauth);

    private Campus campus;
    private Api api;
    private String ada;
    private String sam;
    private String sue;

    @BeforeEach
    void callers() {
        campus = WORLD.campus();
        api = campus.api;
        ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES + " student.search");
        sam = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.search");
        sue = campus.signIn(oauth, "sue", PORTAL, "student.audit");
    }

    @Test
    void aUnitWithDotSegmentsOrNoGroupIsRefusedOnEveryPathAndSearchGoesOn() {
        GeneratedStudent dotted = GeneratedStudent.number(201, "science/../physics");
        Api.Reply enrolled = api.call("POST", "/records", ada, ADMINISTRATION).json(JSON, dotted.enrolment(null))
            .send();
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(422);
        assertThat(enrolled.json().get("errors").findValuesAsText("field")).contains("profile.unit");
        assertThat(enrolled.body()).doesNotContain("science/../physics");

        Api.Reply imported = api.call("POST", "/records:import", ada, ADMINISTRATION).json("application/x-ndjson",
            json(GeneratedStudent.number(202, "zz/hidden/0000").enrolment(null)) + "\n").send();
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isZero();

        String record = campus.enrol(ada, GeneratedStudent.number(203, PHYSICS_CLASS), null);
        for (String unit : List.of("science/../physics", "science/./physics", "zz/hidden/0000", "/science/physics")) {
            Api.Reply moved = patch(ada, ADMINISTRATION, record, Map.of("profile", Map.of("unit", unit)));
            assertThat(moved.status()).as("%s: %s", unit, moved.body()).isEqualTo(422);
            assertThat(moved.json().get("errors").findValuesAsText("field")).contains("profile.unit");
        }
        assertThat(read(ada, ADMINISTRATION, record).get("profile").get("unit").asText()).isEqualTo(PHYSICS_CLASS);

        // Whatever was refused above, what is enrolled afterwards reaches search.
        GeneratedStudent later = GeneratedStudent.number(204, HISTORY_CLASS).named("欧阳后来");
        String laterRecord = campus.enrol(ada, later, null);
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).untilAsserted(() ->
            assertThat(hitIds(ada, ADMINISTRATION, "欧阳后来")).containsExactly(laterRecord));
    }

    @Test
    void staffChangeOnlyContactAndGuardiansAndNeverMoveARecord() {
        String record = campus.enrol(ada, GeneratedStudent.number(211, PHYSICS_CLASS), null);
        for (Map<String, Object> change : List.<Map<String, Object>>of(
            Map.of("profile", Map.of("unit", HISTORY_CLASS)),
            Map.of("profile", Map.of("name", "Rewritten Name")),
            Map.of("profile", Map.of("status", "WITHDRAWN", "leavingDate", "2025-01-01")),
            Map.of("identity", Map.of("dateOfBirth", "2003-02-02")))) {
            Api.Reply refused = patch(sam, TEACHING, record, change);
            assertThat(refused.status()).as("%s: %s", change, refused.body()).isEqualTo(403);
            assertThat(refused.json().get("reason").asText()).isEqualTo("GROUP_NOT_WRITABLE_BY_ROLE");
        }
        Api.Reply contact = patch(sam, TEACHING, record, Map.of("contact", Map.of("homeAddress", "9 Allowed Road")));
        assertThat(contact.status()).as(contact.body()).isEqualTo(200);
        JsonNode profile = read(ada, ADMINISTRATION, record).get("profile");
        assertThat(profile.get("unit").asText()).isEqualTo(PHYSICS_CLASS);
        assertThat(profile.get("status").asText()).isEqualTo("ENROLLED");

        // The centre moves records, into units that exist; then the record is no longer the teacher's.
        Api.Reply moved = patch(ada, ADMINISTRATION, record, Map.of("profile", Map.of("unit", HISTORY_CLASS)));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(api.call("GET", "/records/" + record, sam, TEACHING).send().status()).isEqualTo(404);
    }

    @Test
    void aLeavingDateBeforeTheEnrolmentDateIsRefused() {
        String record = campus.enrol(ada, GeneratedStudent.number(221, PHYSICS_CLASS), null);
        Api.Reply early = patch(ada, ADMINISTRATION, record,
            Map.of("profile", Map.of("status", "WITHDRAWN", "leavingDate", "2024-08-31")));
        assertThat(early.status()).as(early.body()).isEqualTo(422);
        assertThat(early.json().get("errors").findValuesAsText("field")).contains("profile.leavingDate");
        assertThat(read(ada, ADMINISTRATION, record).get("profile").get("status").asText()).isEqualTo("ENROLLED");

        // A date out of any school's years would break the date arithmetic of retention for the whole realm.
        Api.Reply far = patch(ada, ADMINISTRATION, record,
            Map.of("profile", Map.of("status", "GRADUATED", "leavingDate", "+999999999-12-31")));
        assertThat(far.status()).as(far.body()).isEqualTo(422);
        assertThat(far.json().get("errors").findValuesAsText("rule")).contains("date.range");
        Api.Reply run = api.call("POST", "/retention/runs", ada, ADMINISTRATION).json(JSON, Map.of("dryRun", true))
            .send();
        assertThat(run.status()).as(run.body()).isEqualTo(200);
    }

    @Test
    void writersRacingOnOneVersionLeaveOneDoneEntryTheOthersNotDone() throws Exception {
        String record = campus.enrol(ada, GeneratedStudent.number(281, PHYSICS_CLASS), null);
        String etag = api.call("GET", "/records/" + record, ada, ADMINISTRATION).send().header("ETag");
        long before = WORLD.raw().auditEntries();
        int racers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(racers);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            int racer = i;
            answers.add(pool.submit(() -> {
                start.await();
                return api.call("PATCH", "/records/" + record, ada, ADMINISTRATION).header("If-Match", etag)
                    .json("application/merge-patch+json", Map.of("contact", Map.of("homeAddress", racer + " Race Road")))
                    .send().status();
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (java.util.concurrent.Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(200, 412).filteredOn(s -> s == 200).hasSize(1);

        JsonNode log = api.call("GET", "/audit?fromSequence=" + (before + 1) + "&limit=100", sue, ADMINISTRATION).send()
            .json().get("entries");
        List<String> updates = new ArrayList<>();
        log.forEach(e -> {
            if (e.get("operation").asText().equals("UPDATE")) {
                updates.add(e.get("outcome").asText());
            }
        });
        assertThat(updates).as("one entry per call, one change done").hasSize(racers)
            .filteredOn("DONE"::equals).hasSize(1);
    }

    @Test
    void aPurposeOutsideTheRolesPurposesIsRefusedWhateverTheClientAllows() {
        String record = campus.enrol(ada, GeneratedStudent.number(231, PHYSICS_CLASS), null);
        Api.Reply staffAsCentre = api.call("GET", "/records/" + record, sam, ADMINISTRATION).send();
        assertThat(staffAsCentre.status()).as(staffAsCentre.body()).isEqualTo(403);
        assertThat(staffAsCentre.json().get("reason").asText()).isEqualTo("PURPOSE_NOT_ALLOWED_FOR_ROLE");
        Api.Reply centreAsTeacher = api.call("GET", "/records/" + record, ada, TEACHING).send();
        assertThat(centreAsTeacher.status()).as(centreAsTeacher.body()).isEqualTo(403);
        assertThat(centreAsTeacher.json().get("reason").asText()).isEqualTo("PURPOSE_NOT_ALLOWED_FOR_ROLE");
        assertThat(api.call("GET", "/records/" + record, sam, TEACHING).send().status()).isEqualTo(200);
    }

    @Test
    void searchAnswersOnlyWhatTheCallerMayReadNowTotalsIncluded() {
        String name = "欧阳转班";
        String record = campus.enrol(ada, GeneratedStudent.number(241, PHYSICS_CLASS).named(name), null);
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).untilAsserted(() ->
            assertThat(hitIds(sam, TEACHING, name)).containsExactly(record));

        assertThat(patch(ada, ADMINISTRATION, record, Map.of("profile", Map.of("unit", HISTORY_CLASS))).status())
            .isEqualTo(200);
        Api.Reply search = api.call("GET", "/search?q=" + encode(name), sam, TEACHING).send();
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(search.json().get("total").asLong()).as(search.body()).isZero();
        assertThat(search.json().get("hits")).isEmpty();
    }

    @Test
    void everyCallLeavesOneEntryThatSaysWhetherItWasDone() {
        GeneratedStudent student = GeneratedStudent.number(251, PHYSICS_CLASS);
        String record = campus.enrol(ada, student, "alice");
        String path = "/records/" + record;
        String staleEtag = api.call("GET", path, ada, ADMINISTRATION).send().header("ETag");
        assertThat(patch(ada, ADMINISTRATION, record, Map.of("contact", Map.of("homeAddress", "1 First Road")))
            .status()).isEqualTo(200);

        List<String> seen = new ArrayList<>();
        seen.add(entryOf(api.call("PATCH", path, ada, ADMINISTRATION).header("If-Match", staleEtag)
            .json("application/merge-patch+json", Map.of("contact", Map.of("homeAddress", "2 Stale Road"))), 412));
        seen.add(entryOf(api.call("POST", "/records", ada, ADMINISTRATION).json(JSON, student.enrolment(null)), 409));
        seen.add(entryOf(api.call("PATCH", path, ada, ADMINISTRATION).header("If-Match", staleEtag)
            .json("application/merge-patch+json", "{\"contact\":"), 400));
        seen.add(entryOf(api.call("PATCH", path, ada, ADMINISTRATION).header("If-Match", staleEtag)
            .json("text/plain", "{}"), 415));
        seen.add(entryOf(api.call("PATCH", path, ada, ADMINISTRATION)
            .json("application/merge-patch+json", Map.of("contact", Map.of("homeAddress", "3 No Match Road"))), 428));
        seen.add(entryOf(api.call("GET", "/search?q=" + "x".repeat(300), ada, ADMINISTRATION), 400));
        seen.add(entryOf(api.call("GET", path, ada, ADMINISTRATION).header("Origin", "https://elsewhere.example"),
            403));
        assertThat(seen).containsExactly(
            "UPDATE NOT_DONE STALE_VERSION",
            "CREATE NOT_DONE DUPLICATE",
            "UPDATE DENIED MALFORMED_REQUEST",
            "UPDATE DENIED UNSUPPORTED_MEDIA_TYPE",
            "UPDATE DENIED PRECONDITION_REQUIRED",
            "SEARCH DENIED MALFORMED_REQUEST",
            "READ DENIED ORIGIN_NOT_ALLOWED");

        // The student's access log shows the one change that happened, and says of the others that they did not.
        String alice = campus.signIn(oauth, "alice", PORTAL, "student.self");
        JsonNode log = api.call("GET", "/me/access-log?limit=100", alice, null).send().json().get("entries");
        List<String> updates = new ArrayList<>();
        log.forEach(e -> {
            if (e.get("operation").asText().equals("UPDATE")) {
                updates.add(e.get("outcome").asText());
            }
        });
        assertThat(updates).containsExactlyInAnyOrder("DONE", "NOT_DONE", "DENIED", "DENIED", "DENIED");
        assertThat(read(ada, ADMINISTRATION, record).get("contact").get("homeAddress").asText())
            .isEqualTo("1 First Road");
    }

    @Test
    void requestsRefusedForWhatTheyAskAreRecordedAsNotDone() {
        String record = campus.enrol(ada, GeneratedStudent.number(261, PHYSICS_CLASS), "bob");
        String bob = campus.signIn(oauth, "bob", PORTAL, "student.self");
        String etag = api.call("GET", "/me", bob, null).send().header("ETag");
        Api.Reply reported = api.call("POST", "/me/reports", bob, null).json(JSON,
            Map.of("message", "Someone read my record", "auditEntries", List.of())).send();
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        String report = reported.json().get("id").asText();
        String adaReports = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);

        assertThat(List.of(
            entryOf(api.call("POST", "/me/reports", bob, null).json(JSON,
                Map.of("message", "About an entry that is not mine", "auditEntries", List.of(999_999))), 422),
            entryOf(api.call("POST", "/me/corrections", bob, null).json(JSON,
                Map.of("changes", Map.of("contact", Map.of("homeAddress", "3 Wrong Door Road")), "reason", "Moved")),
                422),
            entryOf(api.call("PATCH", "/me", bob, null).header("If-Match", etag)
                .json("application/merge-patch+json", Map.of("id", "another-id")), 422),
            entryOf(api.call("POST", "/reports/" + report + "/triage", adaReports, ADMINISTRATION).json(JSON,
                Map.of("severity", "LOW", "assignee", "bob", "linkedEntries", List.of())), 422),
            entryOf(api.call("POST", "/reports/" + report + "/resolve", adaReports, ADMINISTRATION).json(JSON,
                Map.of("outcome", "")), 422)))
            .containsExactly(
                "REPORT_MISUSE NOT_DONE INVALID_REQUEST",
                "REQUEST_CORRECTION NOT_DONE INVALID_REQUEST",
                "UPDATE NOT_DONE INVALID_REQUEST",
                "TRIAGE_MISUSE_REPORT NOT_DONE INVALID_REQUEST",
                "RESOLVE_MISUSE_REPORT NOT_DONE INVALID_REQUEST");

        // Each is on Bob's access log, as not done; his reports still hold the one he made.
        JsonNode log = api.call("GET", "/me/access-log?limit=100", bob, null).send().json().get("entries");
        List<String> notDone = new ArrayList<>();
        log.forEach(e -> {
            if (e.get("outcome").asText().equals("NOT_DONE")) {
                notDone.add(e.get("operation").asText());
            }
        });
        assertThat(notDone).containsExactlyInAnyOrder("REPORT_MISUSE", "REQUEST_CORRECTION", "UPDATE",
            "TRIAGE_MISUSE_REPORT", "RESOLVE_MISUSE_REPORT");
        log.forEach(e -> assertThat(e.get("recordId").asText()).isEqualTo(record));
        assertThat(api.call("GET", "/me/reports", bob, null).send().json().get("reports")).hasSize(1);
    }

    /** Sends the call, checks its status and that it left exactly one entry; answers "OPERATION OUTCOME REASON". */
    private String entryOf(Api.Call call, int status) {
        RawRealmStore raw = WORLD.raw();
        long before = raw.auditEntries();
        Api.Reply reply = call.send();
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(raw.auditEntries()).as("one entry for %s", reply).isEqualTo(before + 1);
        JsonNode entry = api.call("GET", "/audit?fromSequence=" + (before + 1) + "&limit=1", sue, ADMINISTRATION)
            .send().json().get("entries").get(0);
        return entry.get("operation").asText() + " " + entry.get("outcome").asText() + " "
            + entry.path("reason").asText();
    }

    private Api.Reply patch(String token, String purpose, String record, Map<String, Object> change) {
        String path = "/records/" + record;
        String etag = api.call("GET", path, ada, ADMINISTRATION).send().header("ETag");
        return api.call("PATCH", path, token, purpose).header("If-Match", etag)
            .json("application/merge-patch+json", change).send();
    }

    private JsonNode read(String token, String purpose, String record) {
        Api.Reply reply = api.call("GET", "/records/" + record, token, purpose).send();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private List<String> hitIds(String token, String purpose, String q) {
        Api.Reply search = api.call("GET", "/search?q=" + encode(q), token, purpose).send();
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        return search.json().get("hits").findValuesAsText("id");
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String json(Object value) {
        try {
            return Api.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
