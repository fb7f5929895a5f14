package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.BUREAU;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Misuse reports from the student to the centre and back, with real tokens: alice reports a read of her record; the
 * administrator ada lists the open reports, triages hers (severity, assigned to the administrator eli, a further entry
 * of her record linked); the supervisor sue reads and resolves it; staff, clients and students get 403; alice sees the
 * outcome and is told by email. Every call leaves exactly one audit entry.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class ReportsIT {

    private static final String OUTCOME = "The read was part of enrolment checks; no misuse found.";

    @InjectRealm(ref = "reports")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectMailServer
    MailServer mail;

    @Test
    void aStudentsReportIsTriagedAndResolvedByTheCentreAndTheStudentReadsTheOutcome() throws Exception {
        Campus campus = Campus.setUp(realm, oauth);
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        String aliceRecord = campus.enrol(ada, GeneratedStudent.number(61, Campus.PHYSICS_CLASS), "alice");
        String bobRecord = campus.enrol(ada, GeneratedStudent.number(62, Campus.HISTORY_CLASS), "bob");
        String alice = campus.signIn(oauth, "alice", PORTAL, "student.self");
        String bob = campus.signIn(oauth, "bob", PORTAL, "student.self");
        String sue = campus.signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit");
        String sam = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.audit student.admin");
        String library = campus.serviceToken(oauth, LIBRARY);
        String bureau = campus.serviceToken(oauth, BUREAU);
        RawRealmStore raw = new RawRealmStore(realm.getId());
        try {
            assertThat(api.call("GET", "/records/" + aliceRecord, ada, "administration").send().status()).isEqualTo(200);
            long reported = lastRead(api, alice);
            assertThat(api.call("GET", "/records/" + aliceRecord, ada, "administration").send().status()).isEqualTo(200);
            long linked = lastRead(api, alice);
            assertThat(api.call("GET", "/records/" + bobRecord, ada, "administration").send().status()).isEqualTo(200);
            long bobsEntry = lastRead(api, bob);

            Api.Reply sent = raw.once(api.call("POST", "/me/reports", alice, null).json("application/json",
                Map.of("message", "Someone opened my record twice this morning.", "auditEntries", List.of(reported))));
            assertThat(sent.status()).as(sent.body()).isEqualTo(201);
            String id = sent.json().get("id").asText();

            Api.Reply open = raw.once(api.call("GET", "/reports?status=OPEN", ada, "administration"));
            assertThat(open.status()).as(open.body()).isEqualTo(200);
            JsonNode listed = byId(open.json().get("reports"), id);
            assertThat(listed).as("the report among the open ones").isNotNull();
            List<String> fields = new ArrayList<>();
            listed.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("id", "recordId", "status", "message", "auditEntries",
                "linkedEntries", "severity", "assignee", "createdAt", "triagedAt", "triagedBy", "outcome", "decidedAt",
                "decidedBy", "kind", "sentBy", "sentByRole");
            assertThat(listed.get("kind").asText()).isEqualTo("MISUSE");
            assertThat(listed.get("sentBy").asText()).as("who sent it, by username").isEqualTo("alice");
            assertThat(listed.get("sentByRole").asText()).isEqualTo("STUDENT");
            assertThat(listed.get("recordId").asText()).isEqualTo(aliceRecord);
            assertThat(listed.get("status").asText()).isEqualTo("OPEN");
            assertThat(listed.get("message").asText()).isEqualTo("Someone opened my record twice this morning.");
            assertThat(listed.get("auditEntries").toString()).isEqualTo("[" + reported + "]");
            assertThat(listed.get("severity").isNull()).isTrue();
            assertThat(raw.once(api.call("GET", "/reports?status=RESOLVED", ada, "administration")).json()
                .get("reports").findValuesAsText("id")).doesNotContain(id);
            assertThat(api.call("GET", "/reports?status=LOST", ada, "administration").send().status()).isEqualTo(400);

            Api.Reply bySue = raw.once(api.call("GET", "/reports/" + id, sue, "administration"));
            assertThat(bySue.status()).as(bySue.body()).isEqualTo(200);
            assertThat(bySue.json().get("id").asText()).isEqualTo(id);

            Map<String, Object> triage = Map.of("severity", "HIGH", "assignee", "eli", "linkedEntries", List.of(linked));
            List<String[]> refusals = List.of(
                new String[] {sam, "teaching"}, new String[] {library, "library-services"},
                new String[] {bureau, "statistics"}, new String[] {alice, null}, new String[] {alice, "administration"});
            for (String[] caller : refusals) {
                assertThat(raw.once(api.call("GET", "/reports", caller[0], caller[1])).status()).isEqualTo(403);
                assertThat(raw.once(api.call("GET", "/reports/" + id, caller[0], caller[1])).status()).isEqualTo(403);
                assertThat(raw.once(api.call("GET", "/reports/" + id + "/entries", caller[0], caller[1])).status())
                    .isEqualTo(403);
                assertThat(raw.once(api.call("POST", "/reports/" + id + "/triage", caller[0], caller[1])
                    .json("application/json", triage)).status()).isEqualTo(403);
                assertThat(raw.once(api.call("POST", "/reports/" + id + "/resolve", caller[0], caller[1])
                    .json("application/json", Map.of("outcome", "Nothing."))).status()).isEqualTo(403);
            }
            assertThat(raw.once(api.call("POST", "/reports/" + id + "/triage", sue, "administration")
                .json("application/json", triage)).status()).as("supervisors do not triage").isEqualTo(403);
            assertThat(api.call("GET", "/reports", null, "administration").send().status()).isEqualTo(401);

            Api.Reply stranger = raw.once(api.call("POST", "/reports/" + id + "/triage", ada, "administration")
                .json("application/json", Map.of("severity", "HIGH", "assignee", "sam",
                    "linkedEntries", List.of(bobsEntry))));
            assertThat(stranger.status()).as(stranger.body()).isEqualTo(422);
            assertThat(stranger.json().get("errors").findValuesAsText("field"))
                .containsExactly("assignee", "linkedEntries[0]");

            Api.Reply triaged = raw.once(api.call("POST", "/reports/" + id + "/triage", ada, "administration")
                .json("application/json", triage));
            assertThat(triaged.status()).as(triaged.body()).isEqualTo(200);
            assertThat(triaged.json().get("status").asText()).isEqualTo("TRIAGED");
            assertThat(triaged.json().get("severity").asText()).isEqualTo("HIGH");
            assertThat(triaged.json().get("assignee").asText()).isEqualTo("eli");
            assertThat(triaged.json().get("linkedEntries").toString()).isEqualTo("[" + linked + "]");
            assertThat(triaged.json().get("triagedBy").asText()).isEqualTo("ada");
            assertThat(triaged.json().get("triagedAt").isNull()).isFalse();

            Api.Reply entries = raw.once(api.call("GET", "/reports/" + id + "/entries", sue, "administration"));
            assertThat(entries.status()).as(entries.body()).isEqualTo(200);
            assertThat(entries.json().get("entries").findValuesAsText("sequence"))
                .containsExactly(String.valueOf(reported), String.valueOf(linked));
            assertThat(entries.json().get("entries").findValuesAsText("recordId")).containsOnly(aliceRecord);

            assertThat(raw.once(api.call("POST", "/reports/" + UUID.randomUUID() + "/resolve", sue, "administration")
                .json("application/json", Map.of("outcome", "x"))).status()).isEqualTo(404);
            Api.Reply resolved = raw.once(api.call("POST", "/reports/" + id + "/resolve", sue, "administration")
                .json("application/json", Map.of("outcome", OUTCOME)));
            assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
            assertThat(resolved.json().get("status").asText()).isEqualTo("RESOLVED");
            assertThat(resolved.json().get("outcome").asText()).isEqualTo(OUTCOME);
            assertThat(resolved.json().get("decidedBy").asText()).isEqualTo("sue");
            Api.Reply again = raw.once(api.call("POST", "/reports/" + id + "/resolve", ada, "administration")
                .json("application/json", Map.of("outcome", "Again")));
            assertThat(again.status()).as(again.body()).isEqualTo(409);
            assertThat(again.header("Content-Type")).startsWith("application/problem+json");

            Api.Reply own = raw.once(api.call("GET", "/me/reports", alice, null));
            JsonNode mine = byId(own.json().get("reports"), id);
            assertThat(mine.get("status").asText()).isEqualTo("RESOLVED");
            assertThat(mine.get("outcome").asText()).isEqualTo(OUTCOME);
            assertThat(mine.get("decidedAt").asText()).isEqualTo(resolved.json().get("decidedAt").asText());
            assertThat(mine.has("assignee")).as("the centre's triage is not the student's").isFalse();

            JsonNode log = api.call("GET", "/me/access-log?limit=100", alice, null).send().json().get("entries");
            assertThat(log.findValuesAsText("operation")).as("alice sees the centre handled her report")
                .contains("TRIAGE_MISUSE_REPORT", "RESOLVE_MISUSE_REPORT");

            assertThat(mail.waitForIncomingEmail(30_000, 1)).as("alice is told").isTrue();
            MimeMessage notice = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipients(m).contains("alice@people.example.test")).findFirst().orElseThrow();
            assertThat(notice.getSubject()).isEqualTo("Your report to the information management centre was resolved");
            assertThat(MailText.of(notice)).contains("account console").doesNotContain(OUTCOME);
            assertThat(raw.dump("misuse_reports")).doesNotContain(OUTCOME).doesNotContain("twice this morning");
        } finally {
            raw.close();
        }
    }


    /** The sequence of the newest READ of the student's record in their access log. */
    private static long lastRead(Api api, String student) {
        JsonNode entries = api.call("GET", "/me/access-log?limit=20", student, null).send().json().get("entries");
        for (JsonNode entry : entries) {
            if (entry.get("operation").asText().equals("READ")) {
                return entry.get("sequence").asLong();
            }
        }
        throw new AssertionError("no READ in the access log: " + entries);
    }

    private static JsonNode byId(JsonNode reports, String id) {
        for (JsonNode report : reports) {
            if (report.get("id").asText().equals(id)) {
                return report;
            }
        }
        return null;
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
