package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.CHEMISTRY_CLASS;
import static edu.studentrecords.it.Campus.HISTORY_CLASS;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The OpenAPI document against a real Keycloak: every operation it documents is called, with real tokens, once as it
 * succeeds and once as it is refused, and every exchange is checked against the document ({@link Api} holds each call
 * to it: an undocumented status, header, content type or field fails the call). The document served at
 * {@code openapi.json} is the extension's, with the realm's addresses, and its rendered page shows it under the
 * centre's Content-Security-Policy without a violation.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractIT {

    private static final String ADMINISTRATION = "administration";
    private static final String TEACHING = "teaching";
    private static final String JSON = "application/json";
    private static final String ADMIN = ADMIN_SCOPES + " student.purge student.search student.audit";

    @InjectRealm(ref = "contract")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectMailServer
    MailServer mail;

    @RegisterExtension
    static final CampusWorld<OpenApiContractIT, Campus> WORLD = CampusWorld.of(OpenApiContractIT.class, t -> t.realm,
        t -> t.oauth);

    private static Map<String, Set<Integer>> recording;

    @BeforeAll
    static void record() {
        recording = OpenApiContract.get().startRecording();
    }

    @AfterAll
    static void stopRecording() {
        OpenApiContract.get().stopRecording(recording);
    }

    /** Guardians, their links and the consent ledger, each operation succeeding and refused (before the check). */
    @Test
    @Order(1)
    void guardianOperationsAnswerAsDocumentedWhenTheySucceedAndWhenTheyAreRefused() {
        Campus campus = WORLD.campus();
        Api api = campus.api;
        campus.person("gwen", null, "guardian");
        campus.person("milo", null, "student");
        campus.person("adam", null, "student");
        var representation = campus.realm.admin().toRepresentation();
        representation.getAttributes().put("student-records.consent-purposes", "[{\"id\":\"photo-publication\","
            + "\"version\":1,\"texts\":{\"en\":\"Photos may be published.\",\"zh-CN\":\"可以发布照片。\"}}]");
        campus.realm.admin().update(representation);
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN);
        String sam = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES);
        String adult = campus.enrol(ada, GeneratedStudent.number(321, CHEMISTRY_CLASS), "adam");
        String child = campus.enrol(ada, GeneratedStudent.number(322, CHEMISTRY_CLASS)
            .bornOn(LocalDate.now(ZoneId.of("Asia/Shanghai")).minusYears(12).minusDays(30)), "milo");

        String links = "/records/" + child + "/guardian-links";
        Api.Reply linked = expect(201, api.call("POST", links, ada, ADMINISTRATION)
            .json(JSON, Map.of("guardianIndex", 0, "username", "gwen")));
        expect(422, api.call("POST", "/records/" + adult + "/guardian-links", ada, ADMINISTRATION)
            .json(JSON, Map.of("guardianIndex", 0, "username", "gwen")));
        expect(200, api.call("GET", links, ada, ADMINISTRATION));
        expect(403, api.call("GET", links, sam, TEACHING));
        String approve = links + "/" + linked.json().get("id").asText() + "/approve";
        expect(403, api.call("POST", approve, ada, ADMINISTRATION));
        expect(200, api.call("POST", approve, campus.signIn(oauth, "eli", PORTAL, ADMIN), ADMINISTRATION));
        expect(409, api.call("POST", approve, ada, ADMINISTRATION));

        String gwen = campus.signIn(oauth, "gwen", PORTAL, "student.guardian");
        String milo = campus.signIn(oauth, "milo", PORTAL, "student.self");
        String adam = campus.signIn(oauth, "adam", PORTAL, "student.self");
        String page = "/guardian/children/" + child;
        expect(200, api.call("GET", "/guardian/children", gwen, null));
        expect(403, api.call("GET", "/guardian/children", sam, null));
        Api.Reply read = expect(200, api.call("GET", page, gwen, null));
        expect(404, api.call("GET", "/guardian/children/" + adult, gwen, null));
        Map<String, Object> phone = Map.of("contact", Map.of("mobilePhone", "+8613912340322"));
        expect(200, api.call("PATCH", page, gwen, null).header("If-Match", read.header("ETag"))
            .json(Api.MERGE_PATCH, phone));
        expect(428, api.call("PATCH", page, gwen, null).json(Api.MERGE_PATCH, phone));
        expect(200, api.call("GET", page + "/access-log", gwen, null));
        expect(400, api.call("GET", page + "/access-log?limit=0", gwen, null));
        expect(201, api.call("POST", page + "/corrections", gwen, null).json(JSON, Map.of("changes",
            Map.of("profile", Map.of("name", "Corrected Name")), "reason", "Misspelt at enrolment.")));
        expect(404, api.call("POST", "/guardian/children/" + adult + "/corrections", gwen, null).json(JSON,
            Map.of("changes", Map.of("profile", Map.of("name", "Corrected Name")), "reason", "Misspelt.")));
        expect(201, api.call("POST", page + "/reports", gwen, null).json(JSON, Map.of("kind", "QUESTION",
            "message", "Who may see the photos of the class?", "auditEntries", List.of())));
        expect(400, api.call("POST", page + "/reports", gwen, null).json(JSON, "{\"kind\":\"RUMOUR\","
            + "\"message\":\"x\",\"auditEntries\":[]}"));
        expect(200, api.call("GET", page + "/consents", gwen, null));
        expect(404, api.call("GET", "/guardian/children/" + adult + "/consents", gwen, null));
        expect(200, api.call("PUT", page + "/consents/photo-publication", gwen, null)
            .json(JSON, Map.of("given", true)));
        expect(422, api.call("PUT", page + "/consents/photo-publication", gwen, null).json(JSON, "{}"));

        expect(200, api.call("GET", "/me/consents", milo, null));
        expect(403, api.call("GET", "/me/consents", sam, null));
        expect(200, api.call("PUT", "/me/consents/photo-publication", adam, null).json(JSON, Map.of("given", true)));
        expect(403, api.call("PUT", "/me/consents/photo-publication", milo, null).json(JSON, Map.of("given", true)));
        expect(200, api.call("GET", "/consents?purpose=photo-publication", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/consents", sam, TEACHING));

        String invitations = "/records/" + child + "/guardian-invitations";
        expect(422, api.call("POST", invitations, ada, ADMINISTRATION)
            .json(JSON, Map.of("guardianIndex", 0, "email", "not an address")));
        expect(200, api.call("DELETE", links + "/" + linked.json().get("id").asText(), ada, ADMINISTRATION));
        int mailed = mail.getReceivedMessages().length;
        expect(201, api.call("POST", invitations, ada, ADMINISTRATION)
            .json(JSON, Map.of("guardianIndex", 0, "email", "parent@people.example.test")));
        assertThat(mail.waitForIncomingEmail(30_000, mailed + 1)).as("the invitation is mailed").isTrue();
        Matcher token = Pattern.compile("invitation=([A-Za-z0-9_-]{20,})")
            .matcher(MailText.of(mail.getReceivedMessages()[mailed]));
        assertThat(token.find()).as("the mail's link").isTrue();
        expect(201, api.call("POST", "/guardian/invitations", gwen, null).json(JSON, Map.of("token", token.group(1))));
        expect(404, api.call("POST", "/guardian/invitations", gwen, null)
            .json(JSON, Map.of("token", "no-such-invitation-token")));
        expect(404, api.call("DELETE", links + "/" + UUID.randomUUID(), ada, ADMINISTRATION));
    }

    @Test
    @Order(2)
    void everyDocumentedOperationAnswersAsDocumentedWhenItSucceedsAndWhenItIsRefused() throws Exception {
        Campus campus = WORLD.campus();
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN);
        String eli = campus.signIn(oauth, "eli", PORTAL, ADMIN);
        String sam = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.search");
        String sue = campus.signIn(oauth, "sue", PORTAL, "student.audit");
        String alice = campus.signIn(oauth, "alice", PORTAL, "student.self");
        String library = campus.serviceToken(oauth, LIBRARY);

        // Records: enrol, import, look up, read, change, history.
        GeneratedStudent aliceStudent = GeneratedStudent.number(301, PHYSICS_CLASS);
        String aliceRecord = campus.enrol(ada, aliceStudent, "alice");
        GeneratedStudent physics = GeneratedStudent.number(302, PHYSICS_CLASS);
        Api.Reply enrolled = expect(201, api.call("POST", "/records", ada, ADMINISTRATION)
            .json(JSON, physics.enrolment(null)));
        String physicsRecord = enrolled.json().get("id").asText();
        expect(409, api.call("POST", "/records", ada, ADMINISTRATION).json(JSON, physics.enrolment(null)));
        Map<String, Object> broken = GeneratedStudent.number(303, PHYSICS_CLASS).enrolment(null);
        broken.put("contact", Map.of("mobilePhone", "12", "homeAddress", "x"));
        expect(422, api.call("POST", "/records", ada, ADMINISTRATION).json(JSON, broken));
        expect(403, api.call("POST", "/records", sam, TEACHING).json(JSON,
            GeneratedStudent.number(304, PHYSICS_CLASS).enrolment(null)));
        expect(415, api.call("POST", "/records", ada, ADMINISTRATION).json("text/plain", "{}"));
        expect(400, api.call("POST", "/records", ada, ADMINISTRATION).json(JSON, "{\"profile\":1}"));

        String ndjson = Api.JSON.writeValueAsString(GeneratedStudent.number(305, HISTORY_CLASS).enrolment(null)) + "\n"
            + Api.JSON.writeValueAsString(GeneratedStudent.number(306, HISTORY_CLASS).enrolment(null)) + "\n";
        Api.Reply imported = expect(200, api.call("POST", "/records:import", ada, ADMINISTRATION)
            .bytes("application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8)));
        assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
        String historyRecord = imported.json().at("/rows/0/id").asText();
        String purgedRecord = imported.json().at("/rows/1/id").asText();
        expect(200, api.call("POST", "/records:import", ada, ADMINISTRATION)
            .bytes("application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8)));
        expect(415, api.call("POST", "/records:import", ada, ADMINISTRATION).json(JSON, "{}"));

        expect(200, api.call("GET", "/records?studentNumber=" + physics.studentNumber(), sam, TEACHING));
        expect(400, api.call("GET", "/records", sam, TEACHING));
        expect(403, api.call("GET", "/records?studentNumber=" + physics.studentNumber(), library, TEACHING));
        expect(404, api.call("GET", "/records?studentNumber=" + UUID.randomUUID().toString().substring(0, 8), sam,
            TEACHING));

        Api.Reply read = expect(200, api.call("GET", "/records/" + physicsRecord, sam, TEACHING));
        expect(200, api.call("GET", "/records/" + physicsRecord, library, "library-services"));
        expect(404, api.call("GET", "/records/" + historyRecord, sam, TEACHING));
        expect(401, api.call("GET", "/records/" + physicsRecord, null, TEACHING));
        expect(403, api.call("GET", "/records/" + physicsRecord, sam, null));

        String etag = read.header("ETag");
        Map<String, Object> phone = Map.of("contact", Map.of("mobilePhone", "+8613912345678"));
        Api.Reply changed = expect(200, api.call("PATCH", "/records/" + physicsRecord, sam, TEACHING)
            .header("If-Match", etag).json(Api.MERGE_PATCH, phone));
        expect(428, api.call("PATCH", "/records/" + physicsRecord, sam, TEACHING).json(Api.MERGE_PATCH, phone));
        expect(412, api.call("PATCH", "/records/" + physicsRecord, sam, TEACHING).header("If-Match", etag)
            .json(Api.MERGE_PATCH, phone));
        expect(422, api.call("PATCH", "/records/" + physicsRecord, sam, TEACHING)
            .header("If-Match", changed.header("ETag")).json(Api.MERGE_PATCH, Map.of("contact",
                Map.of("mobilePhone", "12"))));
        expect(403, api.call("PATCH", "/records/" + physicsRecord, sam, TEACHING)
            .header("If-Match", changed.header("ETag")).json(Api.MERGE_PATCH, Map.of("profile",
                Map.of("unit", HISTORY_CLASS))));
        expect(415, api.call("PATCH", "/records/" + physicsRecord, sam, TEACHING)
            .header("If-Match", changed.header("ETag")).json(JSON, phone));

        expect(200, api.call("GET", "/records/" + physicsRecord + "/history", ada, ADMINISTRATION));
        expect(404, api.call("GET", "/records/" + historyRecord + "/history", sam, TEACHING));

        // Search: the node's index catches up with the records just enrolled.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).alias("search finds the class")
            .until(() -> api.call("GET", "/search?q=&unit=" + PHYSICS_CLASS + "&size=5", sam, TEACHING).send(),
                reply -> reply.status() == 200 && reply.json().get("total").asInt() == 2);
        expect(200, api.call("GET", "/search?q=" + physics.studentNumber() + "&status=ENROLLED&page=0&size=10", sam,
            TEACHING));
        expect(400, api.call("GET", "/search?q=&size=1000", sam, TEACHING));
        expect(403, api.call("GET", "/search?q=", alice, TEACHING));

        // The student's own record.
        Api.Reply own = expect(200, api.call("GET", "/me", alice, null));
        expect(403, api.call("GET", "/me", sam, null));
        expect(401, api.call("GET", "/me", null, null));
        Api.Reply ownChanged = expect(200, api.call("PATCH", "/me", alice, null).header("If-Match", own.header("ETag"))
            .json(Api.MERGE_PATCH, Map.of("contact", Map.of("homeAddress", "1 College Road"))));
        expect(428, api.call("PATCH", "/me", alice, null).json(Api.MERGE_PATCH, Map.of("contact",
            Map.of("homeAddress", "2 College Road"))));
        expect(403, api.call("PATCH", "/me", alice, null).header("If-Match", ownChanged.header("ETag"))
            .json(Api.MERGE_PATCH, Map.of("profile", Map.of("name", "Someone Else"))));
        Api.Reply log = expect(200, api.call("GET", "/me/access-log?limit=20&offset=0", alice, null));
        expect(400, api.call("GET", "/me/access-log?limit=0", alice, null));
        expect(200, api.call("GET", "/me/history", alice, null));
        expect(401, api.call("GET", "/me/history", null, null));
        expect(200, api.call("GET", "/me/export", alice, null));
        expect(403, api.call("GET", "/me/export", sam, null));
        expect(200, api.call("POST", "/me/verification", alice, null));
        expect(401, api.call("POST", "/me/verification", null, null));
        expect(200, api.call("GET", "/me/grants", alice, null));
        expect(403, api.call("GET", "/me/grants", library, null));

        Api.Reply asked = expect(201, api.call("POST", "/me/corrections", alice, null).json(JSON,
            Map.of("changes", Map.of("profile", Map.of("name", "Alice Corrected")), "reason", "Spelling")));
        String correction = asked.json().get("id").asText();
        Api.Reply askedAgain = expect(201, api.call("POST", "/me/corrections", alice, null).json(JSON,
            Map.of("changes", Map.of("profile", Map.of("status", "SUSPENDED")), "reason", "A year off")));
        expect(422, api.call("POST", "/me/corrections", alice, null).json(JSON,
            Map.of("changes", Map.of("identity", Map.of("dateOfBirth", "1800-01-01")), "reason", "x")));
        expect(200, api.call("GET", "/me/corrections", alice, null));
        expect(401, api.call("GET", "/me/corrections", null, null));
        expect(200, api.call("GET", "/me/corrections/" + correction, alice, null));
        expect(404, api.call("GET", "/me/corrections/" + UUID.randomUUID(), alice, null));

        long entry = log.json().get("entries").get(0).get("sequence").asLong();
        Api.Reply report = expect(201, api.call("POST", "/me/reports", alice, null).json(JSON,
            Map.of("message", "Someone read my record.", "auditEntries", List.of(entry))));
        String reportId = report.json().get("id").asText();
        expect(422, api.call("POST", "/me/reports", alice, null).json(JSON,
            Map.of("message", "", "auditEntries", List.of(entry))));
        expect(200, api.call("GET", "/me/reports", alice, null));
        expect(401, api.call("GET", "/me/reports", null, null));

        // The centre: corrections.
        expect(200, api.call("GET", "/corrections", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/corrections", sam, TEACHING));
        expect(200, api.call("POST", "/corrections/" + correction + "/approve", ada, ADMINISTRATION)
            .json(JSON, Map.of("note", "Checked")));
        expect(409, api.call("POST", "/corrections/" + correction + "/approve", ada, ADMINISTRATION));
        String second = askedAgain.json().get("id").asText();
        expect(422, api.call("POST", "/corrections/" + second + "/reject", ada, ADMINISTRATION).json(JSON, Map.of()));
        expect(200, api.call("POST", "/corrections/" + second + "/reject", ada, ADMINISTRATION)
            .json(JSON, Map.of("reason", "Ask the school office")));
        expect(404, api.call("POST", "/corrections/" + UUID.randomUUID() + "/reject", ada, ADMINISTRATION)
            .json(JSON, Map.of("reason", "x")));

        // Misuse reports.
        expect(200, api.call("GET", "/reports?status=OPEN", ada, ADMINISTRATION));
        expect(400, api.call("GET", "/reports?status=LOST", ada, ADMINISTRATION));
        expect(200, api.call("GET", "/reports/" + reportId, sue, ADMINISTRATION));
        expect(404, api.call("GET", "/reports/" + UUID.randomUUID(), sue, ADMINISTRATION));
        expect(200, api.call("GET", "/reports/" + reportId + "/entries", sue, ADMINISTRATION));
        expect(403, api.call("GET", "/reports/" + reportId + "/entries", sam, TEACHING));
        expect(200, api.call("POST", "/reports/" + reportId + "/triage", ada, ADMINISTRATION).json(JSON,
            Map.of("severity", "LOW", "assignee", "sue", "linkedEntries", List.of())));
        expect(403, api.call("POST", "/reports/" + reportId + "/triage", sue, ADMINISTRATION).json(JSON,
            Map.of("severity", "LOW", "assignee", "sue", "linkedEntries", List.of())));
        expect(200, api.call("POST", "/reports/" + reportId + "/resolve", sue, ADMINISTRATION).json(JSON,
            Map.of("outcome", "We spoke to the teacher.")));
        expect(409, api.call("POST", "/reports/" + reportId + "/resolve", sue, ADMINISTRATION).json(JSON,
            Map.of("outcome", "Again.")));

        // Grants for outside bodies.
        byte[] pdf = "%PDF-1.4\n% contract test\n".getBytes(StandardCharsets.US_ASCII);
        Api.Reply grant = expect(201, api.call("POST", "/grants", ada, ADMINISTRATION).json(JSON,
            Campus.grantRequest(HISTORY_CLASS, Instant.now().plus(30, ChronoUnit.DAYS), "AGR-1", "agreement.pdf",
                "application/pdf", pdf)));
        String grantId = grant.json().get("id").asText();
        expect(422, api.call("POST", "/grants", ada, ADMINISTRATION).json(JSON,
            Campus.grantRequest(HISTORY_CLASS, Instant.now().minus(1, ChronoUnit.DAYS), "AGR-2", "agreement.pdf",
                "application/pdf", pdf)));
        expect(200, api.call("GET", "/grants", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/grants", sam, TEACHING));
        expect(200, api.call("GET", "/grants/" + grantId, ada, ADMINISTRATION));
        expect(404, api.call("GET", "/grants/" + UUID.randomUUID(), ada, ADMINISTRATION));
        expect(403, api.call("POST", "/grants/" + grantId + "/approve", ada, ADMINISTRATION));
        expect(200, api.call("POST", "/grants/" + grantId + "/approve", eli, ADMINISTRATION));
        expect(409, api.call("POST", "/grants/" + grantId + "/approve", eli, ADMINISTRATION));
        Api.Reply agreement = expect(200, api.call("GET", "/grants/" + grantId + "/agreement", ada, ADMINISTRATION));
        assertThat(agreement.header("Content-Type")).startsWith("application/pdf");
        expect(404, api.call("GET", "/grants/" + UUID.randomUUID() + "/agreement", ada, ADMINISTRATION));
        expect(200, api.call("GET", "/grants/" + grantId + "/uses?limit=10", ada, ADMINISTRATION));
        expect(400, api.call("GET", "/grants/" + grantId + "/uses?limit=x", ada, ADMINISTRATION));
        expect(200, api.call("POST", "/grants/" + grantId + "/revoke", ada, ADMINISTRATION));
        expect(409, api.call("POST", "/grants/" + grantId + "/revoke", ada, ADMINISTRATION));

        // The names of people, for the centre's screens.
        Api.Reply named = expect(200, api.call("GET", "/people?id=" + grant.json().get("requestedBy").asText(), sue,
            ADMINISTRATION));
        assertThat(named.json().at("/people/0/username").asText()).isEqualTo("ada");
        expect(422, api.call("GET", "/people", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/people?id=" + grant.json().get("requestedBy").asText(), sam, TEACHING));
        expect(200, api.call("GET", "/people/assignees", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/people/assignees", sam, TEACHING));

        // Settings.
        Api.Reply settings = expect(200, api.call("GET", "/settings", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/settings", sue, ADMINISTRATION));
        expect(200, api.call("PUT", "/settings", ada, ADMINISTRATION).json(JSON, settings.json()));
        ObjectNode brokenSettings = settings.json().deepCopy();
        brokenSettings.put("verificationPeriodDays", -1);
        expect(422, api.call("PUT", "/settings", ada, ADMINISTRATION).json(JSON, brokenSettings));

        // Applications: list, change at once, a change that waits for a second administrator, its approval.
        expect(200, api.call("GET", "/applications", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/applications", sue, ADMINISTRATION));
        String bureau = "/applications/" + Campus.BUREAU;
        Map<String, Object> external = Map.of("trust", "external", "purposes", List.of("statistics"),
            "defaultScopes", List.of("student.profile.read"));
        expect(200, api.call("PUT", bureau, ada, ADMINISTRATION).json(JSON, external));
        expect(403, api.call("PUT", bureau, sam, TEACHING).json(JSON, external));
        expect(422, api.call("PUT", bureau, ada, ADMINISTRATION).json(JSON, Map.of("trust", "external",
            "purposes", List.of("no-such-purpose"))));
        Api.Reply waitingChange = expect(202, api.call("PUT", bureau, ada, ADMINISTRATION).json(JSON,
            Map.of("trust", "internal", "purposes", List.of("statistics"), "units", List.of(PHYSICS_CLASS))));
        String approveChange = bureau + "/changes/" + waitingChange.json().at("/pendingChange/id").asText()
            + "/approve";
        expect(403, api.call("POST", approveChange, ada, ADMINISTRATION));
        expect(200, api.call("POST", approveChange, eli, ADMINISTRATION));
        expect(404, api.call("POST", approveChange, eli, ADMINISTRATION));
        expect(200, api.call("PUT", bureau, ada, ADMINISTRATION).json(JSON, external));

        // Retention: the policy and its four-eyes changes, a leaver archived by a run, legal holds, paper copies.
        expect(200, api.call("GET", "/retention/policy", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/retention/policy", sam, TEACHING));
        expect(404, api.call("GET", "/retention/policy/pending", ada, ADMINISTRATION));
        expect(409, api.call("POST", "/retention/policy/cancel", ada, ADMINISTRATION));
        Map<String, Object> shorter = Map.of("archiveOn", List.of("GRADUATED", "TRANSFERRED", "WITHDRAWN"),
            "destroyAfterDays", 400, "archiveRetentionDays", 400);
        Api.Reply waiting = expect(202, api.call("PUT", "/retention/policy", ada, ADMINISTRATION).json(JSON, shorter));
        expect(409, api.call("PUT", "/retention/policy", ada, ADMINISTRATION).json(JSON, shorter));
        Api.Reply pending = expect(200, api.call("GET", "/retention/policy/pending", eli, ADMINISTRATION));
        assertThat(pending.header("ETag")).isEqualTo(waiting.header("ETag"));
        expect(403, api.call("POST", "/retention/policy/approve", ada, ADMINISTRATION)
            .header("If-Match", pending.header("ETag")));
        expect(428, api.call("POST", "/retention/policy/approve", eli, ADMINISTRATION));
        expect(412, api.call("POST", "/retention/policy/approve", eli, ADMINISTRATION).header("If-Match", "\"1\""));
        expect(200, api.call("POST", "/retention/policy/approve", eli, ADMINISTRATION)
            .header("If-Match", pending.header("ETag")));
        expect(200, api.call("PUT", "/retention/policy", ada, ADMINISTRATION).json(JSON, Map.of("archiveOn",
            List.of("GRADUATED", "TRANSFERRED", "WITHDRAWN"), "destroyAfterDays", 500, "archiveRetentionDays", 500,
            "auditRetentionDays", 1095)));
        expect(202, api.call("PUT", "/retention/policy", ada, ADMINISTRATION).json(JSON, shorter));
        expect(200, api.call("POST", "/retention/policy/cancel", eli, ADMINISTRATION));
        expect(422, api.call("PUT", "/retention/policy", ada, ADMINISTRATION).json(JSON, Map.of("archiveOn",
            List.of("ENROLLED"), "destroyAfterDays", 1, "archiveRetentionDays", 1)));

        Api.Reply leaver = expect(200, api.call("GET", "/records/" + historyRecord, ada, ADMINISTRATION));
        expect(200, api.call("PATCH", "/records/" + historyRecord, ada, ADMINISTRATION)
            .header("If-Match", leaver.header("ETag")).json(Api.MERGE_PATCH, Map.of("profile",
                Map.of("status", "GRADUATED", "leavingDate", java.time.LocalDate.now().toString()))));
        expect(200, api.call("POST", "/retention/runs", ada, ADMINISTRATION).json(JSON, Map.of("dryRun", true)));
        expect(400, api.call("POST", "/retention/runs", ada, ADMINISTRATION).json(JSON, Map.of()));
        Api.Reply run = expect(200, api.call("POST", "/retention/runs", ada, ADMINISTRATION)
            .json(JSON, Map.of("dryRun", false)));
        assertThat(run.json().get("archived").toString()).contains(historyRecord);
        expect(200, api.call("GET", "/retention/runs", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/retention/runs", sam, TEACHING));
        expect(200, api.call("GET", "/records/" + historyRecord + "/archive", ada, ADMINISTRATION));
        expect(404, api.call("GET", "/records/" + physicsRecord + "/archive", ada, ADMINISTRATION));
        expect(200, api.call("POST", "/records/" + historyRecord + "/archive/verify", ada, ADMINISTRATION));
        expect(403, api.call("POST", "/records/" + historyRecord + "/archive/verify", sam, TEACHING));

        Api.Reply hold = expect(201, api.call("POST", "/records/" + historyRecord + "/legal-holds", ada, ADMINISTRATION)
            .json(JSON, Map.of("reason", "Court order 7")));
        expect(403, api.call("POST", "/records/" + historyRecord + "/legal-holds", sam, TEACHING)
            .json(JSON, Map.of("reason", "x")));
        expect(200, api.call("GET", "/records/" + historyRecord + "/legal-holds", ada, ADMINISTRATION));
        expect(401, api.call("GET", "/records/" + historyRecord + "/legal-holds", null, ADMINISTRATION));
        expect(200, api.call("GET", "/legal-holds", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/legal-holds", sue, ADMINISTRATION));
        String holdId = hold.json().get("id").asText();
        expect(200, api.call("POST", "/legal-holds/" + holdId + "/lift", ada, ADMINISTRATION));
        expect(409, api.call("POST", "/legal-holds/" + holdId + "/lift", ada, ADMINISTRATION));

        expect(201, api.call("POST", "/records/" + purgedRecord + "/paper-copies", ada, ADMINISTRATION).json(JSON,
            Map.of("location", "Room 101, cabinet 3", "custodian", "Registry", "destroyBy", "2031-01-31")));
        expect(422, api.call("POST", "/records/" + purgedRecord + "/paper-copies", ada, ADMINISTRATION).json(JSON,
            Map.of("location", "Room 101", "custodian", "Registry", "destroyBy", "soon")));
        expect(200, api.call("GET", "/records/" + purgedRecord + "/paper-copies", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/records/" + purgedRecord + "/paper-copies", sam, TEACHING));

        // Purges with four eyes.
        Api.Reply filed = expect(201, api.call("POST", "/records/" + purgedRecord + "/purge-requests", ada,
            ADMINISTRATION).json(JSON, Map.of("reason", "Enrolled twice")));
        expect(400, api.call("POST", "/records/" + physicsRecord + "/purge-requests", ada, ADMINISTRATION)
            .json(JSON, Map.of("reason", "")));
        expect(403, api.call("POST", "/records/" + physicsRecord + "/purge-requests", sam, TEACHING)
            .json(JSON, Map.of("reason", "x")));
        expect(200, api.call("GET", "/purge-requests?status=pending", ada, ADMINISTRATION));
        expect(400, api.call("GET", "/purge-requests?status=someday", ada, ADMINISTRATION));
        String purge = filed.json().get("id").asText();
        expect(403, api.call("POST", "/purge-requests/" + purge + "/approve", ada, ADMINISTRATION));
        expect(200, api.call("POST", "/purge-requests/" + purge + "/approve", eli, ADMINISTRATION));
        expect(404, api.call("GET", "/records/" + purgedRecord, ada, ADMINISTRATION));
        Api.Reply toCancel = expect(201, api.call("POST", "/records/" + physicsRecord + "/purge-requests", ada,
            ADMINISTRATION).json(JSON, Map.of("reason", "Asked by mistake")));
        String cancelled = toCancel.json().get("id").asText();
        expect(200, api.call("POST", "/purge-requests/" + cancelled + "/cancel", eli, ADMINISTRATION));
        expect(409, api.call("POST", "/purge-requests/" + cancelled + "/cancel", eli, ADMINISTRATION));

        // Supervision: the audit trail and the self-check.
        expect(200, api.call("GET", "/audit?record=" + aliceRecord + "&limit=5", sue, ADMINISTRATION));
        expect(200, api.call("GET", "/audit?fromSequence=1&limit=5", sue, ADMINISTRATION));
        expect(400, api.call("GET", "/audit?fromSequence=0", sue, ADMINISTRATION));
        expect(403, api.call("GET", "/audit?fromSequence=1", sam, TEACHING));
        expect(200, api.call("GET", "/audit/verify", sue, ADMINISTRATION));
        expect(403, api.call("GET", "/audit/verify", sam, TEACHING));
        Api.Reply latest = api.call("GET", "/self-check", sue, ADMINISTRATION).send();
        assertThat(latest.status()).as(latest.body()).isIn(200, 404);
        expect(200, api.call("POST", "/self-check", sue, ADMINISTRATION));
        expect(200, api.call("GET", "/self-check", sue, ADMINISTRATION));
        expect(403, api.call("POST", "/self-check", sam, TEACHING));
        expect(403, api.call("GET", "/self-check", sam, TEACHING));

        expect(200, api.call("GET", "/audit/verify?mode=incremental", sue, ADMINISTRATION));
        expect(400, api.call("GET", "/audit/verify?mode=everything", sue, ADMINISTRATION));

        // The audit trail's sealed epochs and signed extracts.
        expect(200, api.call("POST", "/audit/epochs/seal", sue, ADMINISTRATION));
        expect(403, api.call("POST", "/audit/epochs/seal", sam, TEACHING));
        JsonNode epochs = expect(200, api.call("GET", "/audit/epochs", sue, ADMINISTRATION)).json().get("epochs");
        assertThat(epochs).as("the epochs sealed").isNotEmpty();
        expect(403, api.call("GET", "/audit/epochs", sam, TEACHING));
        String epoch = epochs.get(epochs.size() - 1).get("id").asText();
        Api.Reply exported = expect(200, api.call("GET", "/audit/epochs/" + epoch + "/export", sue, ADMINISTRATION));
        assertThat(exported.header("Content-Type")).startsWith("application/gzip");
        expect(400, api.call("GET", "/audit/epochs/first/export", sue, ADMINISTRATION));
        expect(404, api.call("GET", "/audit/epochs/999999/export", sue, ADMINISTRATION));
        expect(200, api.call("GET", "/audit/extract?record=" + aliceRecord, sue, ADMINISTRATION));
        Instant extractTo = Instant.now().plus(1, ChronoUnit.MINUTES);
        expect(200, api.call("GET", "/audit/extract?client=" + PORTAL + "&from=" + extractTo.minus(1, ChronoUnit.DAYS)
            + "&to=" + extractTo, sue, ADMINISTRATION));
        expect(400, api.call("GET", "/audit/extract", sue, ADMINISTRATION));
        expect(403, api.call("GET", "/audit/extract?record=" + aliceRecord, sam, TEACHING));
        Instant statsTo = Instant.now().plus(1, ChronoUnit.MINUTES);
        String statsWindow = "from=" + statsTo.minus(1, ChronoUnit.DAYS) + "&to=" + statsTo;
        expect(200, api.call("GET", "/audit/stats?" + statsWindow + "&by=purpose&bucket=hour", sue, ADMINISTRATION));
        expect(400, api.call("GET", "/audit/stats?by=client", sue, ADMINISTRATION));
        expect(403, api.call("GET", "/audit/stats?" + statsWindow, sam, TEACHING));

        // Notices of changes: the library read Alice's profile, an administrator changes it, the library is told.
        expect(200, api.call("GET", "/records/" + aliceRecord, library, "library-services"));
        Api.Reply aliceNow = expect(200, api.call("GET", "/records/" + aliceRecord, ada, ADMINISTRATION));
        expect(200, api.call("PATCH", "/records/" + aliceRecord, ada, ADMINISTRATION)
            .header("If-Match", aliceNow.header("ETag")).json(Api.MERGE_PATCH, Map.of("profile",
                Map.of("name", "Alice Renamed"))));
        JsonNode notices = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
            .alias("the library is told of the change")
            .until(() -> expect(200, api.call("GET", "/notices", library, null)).json(),
                listed -> listed.findValuesAsText("recordId").contains(aliceRecord));
        expect(403, api.call("GET", "/notices", ada, null));
        String notice = null;
        for (JsonNode one : notices) {
            if (one.get("recordId").asText().equals(aliceRecord)) {
                notice = one.get("id").asText();
            }
        }
        expect(200, api.call("POST", "/notices/" + notice + "/ack", library, null));
        expect(404, api.call("POST", "/notices/" + UUID.randomUUID() + "/ack", library, null));
        expect(200, api.call("GET", "/me/notices", alice, null));
        expect(403, api.call("GET", "/me/notices", sam, null));

        // Incidents: opened over the library's last hour, a step, the students told, the regulator's report.
        Instant now = Instant.now();
        Map<String, Object> incident = Map.of("title", "The library's export on a shared drive", "description",
            "A copy of the library's export was found on a shared drive.", "discoveredAt",
            now.minus(5, ChronoUnit.MINUTES).toString(), "scope", Map.of("clientId", LIBRARY, "from",
                now.minus(1, ChronoUnit.HOURS).toString(), "to", now.plus(1, ChronoUnit.MINUTES).toString()));
        Api.Reply opened = expect(201, api.call("POST", "/incidents", ada, ADMINISTRATION).json(JSON, incident));
        String incidentId = opened.json().get("id").asText();
        expect(403, api.call("POST", "/incidents", sue, ADMINISTRATION).json(JSON, incident));
        expect(422, api.call("POST", "/incidents", ada, ADMINISTRATION).json(JSON, Map.of("title", "",
            "description", "x", "discoveredAt", now.toString(), "scope", Map.of("clientId", LIBRARY))));
        expect(200, api.call("GET", "/incidents", sue, ADMINISTRATION));
        expect(403, api.call("GET", "/incidents", sam, TEACHING));
        expect(200, api.call("GET", "/incidents/" + incidentId, sue, ADMINISTRATION));
        expect(404, api.call("GET", "/incidents/" + UUID.randomUUID(), sue, ADMINISTRATION));
        expect(200, api.call("GET", "/incidents/" + incidentId + "/affected", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/incidents/" + incidentId + "/affected", sam, TEACHING));
        expect(201, api.call("POST", "/incidents/" + incidentId + "/actions", ada, ADMINISTRATION)
            .json(JSON, Map.of("text", "Deleted the copy and replaced the library's secret.")));
        expect(404, api.call("POST", "/incidents/" + UUID.randomUUID() + "/actions", ada, ADMINISTRATION)
            .json(JSON, Map.of("text", "x")));
        Map<String, Object> told = Map.of("cause", "A copy of the library's export was left on a shared drive.",
            "harm", "Your name and class may have been seen.", "remedies", "The copy was deleted.", "advice",
            "Be wary of messages that name your class.", "contact", "records-centre@school.example.test");
        Api.Reply notifying = expect(202, api.call("POST", "/incidents/" + incidentId + "/notifications", ada,
            ADMINISTRATION).json(JSON, told));
        assertThat(notifying.header("Location")).endsWith("/incidents/" + incidentId);
        expect(409, api.call("POST", "/incidents/" + incidentId + "/notifications", ada, ADMINISTRATION)
            .json(JSON, told));
        expect(200, api.call("GET", "/incidents/" + incidentId + "/report", sue, ADMINISTRATION));
        Api.Reply printable = expect(200, api.call("GET", "/incidents/" + incidentId + "/report?format=html", ada,
            ADMINISTRATION));
        assertThat(printable.header("Content-Type")).startsWith("text/html");
        expect(403, api.call("GET", "/incidents/" + incidentId + "/report", sam, TEACHING));

        // Backups.
        Api.Reply backup = expect(202, api.call("POST", "/backups", ada, ADMINISTRATION));
        expect(403, api.call("POST", "/backups", sue, ADMINISTRATION));
        String backupId = backup.json().get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).alias("the backup finishes")
            .until(() -> expect(200, api.call("GET", "/backups/" + backupId, ada, ADMINISTRATION)).json(),
                job -> !job.get("status").asText().equals("RUNNING"));
        expect(404, api.call("GET", "/backups/" + UUID.randomUUID(), ada, ADMINISTRATION));
        expect(200, api.call("GET", "/backups", ada, ADMINISTRATION));
        expect(403, api.call("GET", "/backups", sam, TEACHING));
        expect(409, api.call("POST", "/backups/" + backupId + "/restore", ada, ADMINISTRATION));
        expect(404, api.call("POST", "/backups/" + UUID.randomUUID() + "/restore", ada, ADMINISTRATION));

        // What needs no token: readiness, this document and the pages.
        expect(200, api.call("GET", "/health/ready", null, null));
        expect(200, api.call("GET", "/openapi.json", null, null));
        expect(301, api.call("GET", "/api-docs", null, null));
        expect(200, api.call("GET", "/api-docs/", null, null));
        expect(200, api.call("GET", "/api-docs/swagger-ui.css", null, null));
        expect(404, api.call("GET", "/api-docs/nothing.js", null, null));
        Api.Reply centre = expect(200, api.call("GET", "/centre/", null, null));
        expect(301, api.call("GET", "/centre", null, null));
        Matcher script = Pattern.compile("/centre/assets/([^\"]+\\.js)").matcher(centre.body());
        assertThat(script.find()).as("the centre's page names its script").isTrue();
        expect(200, api.call("GET", "/centre/assets/" + script.group(1), null, null));
        expect(404, api.call("GET", "/centre/assets/nothing.js", null, null));
        expect(200, api.call("GET", "/favicon.ico", null, null));

        everyOperationWasCalledSucceedingAndRefused();
    }

    @Test
    void theServedDocumentIsTheExtensionsWithTheRealmsAddresses() {
        Campus campus = WORLD.campus();
        Api.Reply served = expect(200, campus.api.call("GET", "/openapi.json", null, null));
        JsonNode document = served.json();
        String base = realm.getBaseUrl();
        assertThat(document.at("/servers/0/url").asText()).isEqualTo(base + "/student-records");
        assertThat(document.at("/components/securitySchemes/campusToken/flows/authorizationCode/authorizationUrl")
            .asText()).isEqualTo(base + "/protocol/openid-connect/auth");
        assertThat(document.at("/components/securitySchemes/campusToken/flows/clientCredentials/tokenUrl").asText())
            .isEqualTo(base + "/protocol/openid-connect/token");
        ObjectNode withoutAddresses = document.deepCopy();
        ObjectNode source = OpenApiContract.load().deepCopy();
        for (ObjectNode doc : List.of(withoutAddresses, source)) {
            doc.remove("servers");
            ((ObjectNode) doc.get("components").get("securitySchemes")).remove("campusToken");
        }
        assertThat(withoutAddresses).isEqualTo(source);
    }

    @Test
    void theRenderedDocumentShowsEveryTagUnderTheStrictPolicy() throws Exception {
        Campus campus = WORLD.campus();
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("api-docs")) {
            browser.open(realm.getBaseUrl() + "/student-records/api-docs/");
            browser.waitForText(By.cssSelector(".info .title"), "Student records API");
            browser.waitUntil(d -> d.findElements(By.cssSelector(".opblock-tag")).size() >= 10);
            browser.waitForText(By.cssSelector(".opblock-summary-path"), "/records");
            browser.screenshot("api-docs");
            List<String> violations = new ArrayList<>();
            for (LogEntry entry : browser.driver.manage().logs().get(LogType.BROWSER)) {
                if (entry.getMessage().contains("Content Security Policy")) {
                    violations.add(entry.getMessage());
                }
            }
            assertThat(violations).as("Content-Security-Policy violations of the page").isEmpty();
        }
        assertThat(campus).isNotNull();
    }

    /**
     * The coverage of the calls above: every documented operation answered once with a success (2xx or the
     * documented redirect) and once with a refusal (4xx), and no call answered a status its operation does not document
     * (each call was checked by {@link Api} already).
     */
    private static void everyOperationWasCalledSucceedingAndRefused() {
        Map<String, Set<Integer>> documented = OpenApiContract.get().documented();
        Map<String, String> missing = new TreeMap<>();
        documented.forEach((id, statuses) -> {
            Set<Integer> answered = recording.getOrDefault(id, Set.of());
            boolean succeeded = answered.stream().anyMatch(s -> s >= 200 && s < 400)
                || NEVER_SUCCEEDS_HERE.containsKey(id) && !answered.isEmpty();
            boolean refused = answered.stream().anyMatch(s -> s >= 400 && s < 500);
            // Every operation that takes a token is refused once; a page without one is refused only when it is
            // not installed (the themes jar missing), which a test server never is.
            boolean canRefuse = statuses.contains(401);
            if (!succeeded || canRefuse && !refused) {
                missing.put(id, "answered " + answered + " of " + statuses);
            }
        });
        assertThat(missing).as("operations not called succeeding and refused by this test").isEmpty();
        assertThat(recording.keySet()).containsExactlyInAnyOrderElementsOf(documented.keySet());
    }

    /**
     * The operations whose success no test can bring about on a realm in use, with why: their success bodies are
     * shapes the document shares with operations that are called succeeding.
     */
    private static final Map<String, String> NEVER_SUCCEEDS_HERE = Map.of("restoreBackup",
        "a restore writes only into an empty store, and every call of a realm in use is audited in its store "
            + "(README, Known limits); its 202 body is the BackupJob that startBackup answers");

    /** Sends {@code call} (checked against the document by {@link Api}) and expects {@code status}. */
    private static Api.Reply expect(int status, Api.Call call) {
        Api.Reply reply = call.send();
        assertThat(reply.status()).as("%s: %s", reply, reply.body()).isEqualTo(status);
        return reply;
    }
}
