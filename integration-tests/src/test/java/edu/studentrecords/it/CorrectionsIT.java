package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST/GET /me/corrections} with real tokens: a student asks for a correction of her name (201, pending,
 * listed, the record unchanged, nothing in clear at rest); a change of contact or one that would make the record
 * invalid is a 422 naming the field; every call leaves exactly one audit entry. The student is told of each decision by
 * email, the outcome without the values.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class CorrectionsIT {

    @InjectRealm(ref = "corrections")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectMailServer
    MailServer mail;

    @RegisterExtension
    static final CampusWorld<CorrectionsIT, World> WORLD = CampusWorld.of(CorrectionsIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            OAuthClient oauth = test.oauth;
            String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
            GeneratedStudent alice = GeneratedStudent.number(201, Campus.PHYSICS_CLASS);
            campus.enrol(admin, alice, "alice");
            String aliceToken = campus.signIn(oauth, "alice", PORTAL, "student.self");
            GeneratedStudent bob = GeneratedStudent.number(202, Campus.PHYSICS_CLASS);
            campus.enrol(admin, bob, "bob");
            return new World(admin, alice, aliceToken, bob, campus.signIn(oauth, "bob", PORTAL, "student.self"),
                campus.signIn(oauth, "sam", PORTAL, Campus.STAFF_SCOPES));
        });

    /** Two students' records and the tokens of everyone who takes part, set up once for the class. */
    record World(String admin, GeneratedStudent aliceStudent, String alice, GeneratedStudent bobStudent, String bob,
                 String staff) {
    }

    private Campus campus;
    private RawRealmStore raw;
    private World w;

    @BeforeEach
    void world() {
        campus = WORLD.campus();
        raw = WORLD.raw();
        w = WORLD.get();
    }

    @Test
    void aliceAsksForACorrectionOfHerNameWhichWaitsForReviewAndLeavesHerRecordAsItWas() {
        Api.Reply before = me();
        long audit = raw.auditEntries();

        Api.Reply created = post(Map.of("changes", Map.of("profile", Map.of("name", "Corrected Given Name")),
            "reason", "My name was misspelt at enrolment"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(raw.auditEntries() - audit).isEqualTo(1);
        JsonNode body = created.json();
        String id = body.get("id").asText();
        assertThat(created.header("Location")).endsWith("/student-records/me/corrections/" + id);
        assertThat(body.get("status").asText()).isEqualTo("PENDING");
        assertThat(body.get("groups").toString()).isEqualTo("[\"profile\"]");
        assertThat(body.get("reason").asText()).isEqualTo("My name was misspelt at enrolment");
        assertThat(body.get("requestedAt").asText()).isNotBlank();
        assertThat(body.has("decidedAt") && body.get("decidedAt").isNull()).isTrue();
        assertThat(body.has("outcome") && body.get("outcome").isNull()).isTrue();

        audit = raw.auditEntries();
        Api.Reply list = campus.api.call("GET", "/me/corrections", w.alice(), null).send();
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(raw.auditEntries() - audit).isEqualTo(1);
        assertThat(list.json().get("corrections").get(0).get("id").asText()).isEqualTo(id);
        assertThat(list.json().get("corrections").get(0).get("status").asText()).isEqualTo("PENDING");

        Api.Reply after = me();
        assertThat(after.header("ETag")).isEqualTo(before.header("ETag"));
        assertThat(after.json().at("/profile/name").asText()).isEqualTo(w.aliceStudent().name());
        assertThat(raw.dump("corrections")).doesNotContain("Corrected Given Name").doesNotContain(w.aliceStudent().name())
            .doesNotContain("misspelt");
    }

    @Test
    void aCorrectionOfContactIsRefusedForPatchMe() {
        Api.Reply before = me();
        long audit = raw.auditEntries();
        Api.Reply refused = post(Map.of("changes", Map.of("contact", Map.of("homeAddress", "9 Other Road")),
            "reason", "I moved"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("contact");
        assertThat(raw.auditEntries() - audit).isEqualTo(1);
        assertThat(me().header("ETag")).isEqualTo(before.header("ETag"));
    }

    @Test
    void aCorrectionThatWouldMakeTheRecordInvalidNamesTheFieldAndNotTheValue() {
        String wrongId = ImportIT.wrongCheckCharacter(w.aliceStudent().residentIdNumber());
        long corrections = raw.count("corrections");
        long audit = raw.auditEntries();
        Api.Reply refused = post(Map.of("changes", Map.of("identity", Map.of("residentIdNumber", wrongId)),
            "reason", "Typo in my ID"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsText("field")).contains("identity.residentIdNumber");
        assertThat(refused.body()).doesNotContain(wrongId);
        assertThat(raw.auditEntries() - audit).isEqualTo(1);
        assertThat(raw.count("corrections")).isEqualTo(corrections);
    }

    @Test
    void onlyTheStudentThroughSelfServiceMayAsk() {
        long audit = raw.auditEntries();
        Api.Reply byAdmin = campus.api.call("POST", "/me/corrections", w.admin(), null).json("application/json",
            Map.of("changes", Map.of("profile", Map.of("name", "Someone Else")), "reason", "x")).send();
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(403);
        assertThat(raw.auditEntries() - audit).isEqualTo(1);
        assertThat(campus.api.call("GET", "/me/corrections", null, null).send().status()).isEqualTo(401);
    }

    @Test
    void theCentreApprovesOneCorrectionWhichChangesTheRecordAndRejectsAnotherWhichDoesNot() {
        Api.Reply first = campus.api.call("POST", "/me/corrections", w.bob(), null).json("application/json",
            Map.of("changes", Map.of("profile", Map.of("name", "Bob Corrected")), "reason", "Spelling")).send();
        Api.Reply second = campus.api.call("POST", "/me/corrections", w.bob(), null).json("application/json",
            Map.of("changes", Map.of("profile", Map.of("status", "SUSPENDED")), "reason", "Taking a year off")).send();
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        String approveId = first.json().get("id").asText();
        String rejectId = second.json().get("id").asText();

        long audit = raw.auditEntries();
        Api.Reply byStaff = campus.api.call("GET", "/corrections", w.staff(), "teaching").send();
        assertThat(byStaff.status()).as(byStaff.body()).isEqualTo(403);
        Api.Reply staffApproves = campus.api.call("POST", "/corrections/" + approveId + "/approve", w.staff(), "teaching")
            .send();
        assertThat(staffApproves.status()).as(staffApproves.body()).isEqualTo(403);
        assertThat(raw.auditEntries() - audit).isEqualTo(2);

        Api.Reply pending = campus.api.call("GET", "/corrections", w.admin(), "administration").send();
        assertThat(pending.status()).as(pending.body()).isEqualTo(200);
        JsonNode review = null;
        for (JsonNode each : pending.json().get("corrections")) {
            if (each.at("/request/id").asText().equals(approveId)) {
                review = each;
            }
        }
        assertThat(review).as("the request in the pending list").isNotNull();
        assertThat(review.at("/changes/profile/before/name").asText()).isEqualTo(w.bobStudent().name());
        assertThat(review.at("/changes/profile/after/name").asText()).isEqualTo("Bob Corrected");

        audit = raw.auditEntries();
        Api.Reply approved = campus.api.call("POST", "/corrections/" + approveId + "/approve", w.admin(), "administration")
            .json("application/json", Map.of("note", "Checked against the certificate")).send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");
        Api.Reply rejected = campus.api.call("POST", "/corrections/" + rejectId + "/reject", w.admin(), "administration")
            .json("application/json", Map.of("reason", "Ask the faculty office")).send();
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(raw.auditEntries() - audit).isEqualTo(2);
        Api.Reply again = campus.api.call("POST", "/corrections/" + rejectId + "/approve", w.admin(), "administration")
            .send();
        assertThat(again.status()).as(again.body()).isEqualTo(409);

        Api.Reply record = campus.api.call("GET", "/me", w.bob(), null).send();
        assertThat(record.json().at("/profile/name").asText()).isEqualTo("Bob Corrected");
        assertThat(record.json().at("/profile/status").asText()).isEqualTo("ENROLLED");
        JsonNode seen = campus.api.call("GET", "/me/corrections", w.bob(), null).send().json().get("corrections");
        assertThat(seen.get(0).get("id").asText()).as("newest first").isEqualTo(rejectId);
        assertThat(seen.get(0).at("/outcome/decision").asText()).isEqualTo("REJECTED");
        assertThat(seen.get(0).at("/outcome/reason").asText()).isEqualTo("Ask the faculty office");
        assertThat(seen.get(1).get("status").asText()).isEqualTo("APPROVED");
        assertThat(seen.get(1).at("/outcome/recordVersion").asLong()).isEqualTo(record.json().get("version").asLong());
        assertThat(seen.get(1).get("decidedAt").isNull()).isFalse();

        List<MimeMessage> toBob = awaitMails("bob@people.example.test", 2);
        assertThat(toBob).extracting(CorrectionsIT::subject).containsExactlyInAnyOrder(
            "Your correction request was approved", "Your correction request was not approved");
        for (MimeMessage notice : toBob) {
            assertThat(MailText.of(notice)).as("the outcome, never the values or the notes").contains("Profile")
                .doesNotContain("Bob Corrected").doesNotContain(w.bobStudent().name()).doesNotContain("SUSPENDED")
                .doesNotContain("Ask the faculty office").doesNotContain("Checked against the certificate");
        }
        assertThat(MailText.of(toBob.stream().filter(m -> subject(m).contains("not approved")).findFirst().orElseThrow()))
            .contains("your record is unchanged");
    }

    /** Waits until {@code count} emails to {@code address} arrived (or 30 s passed) and returns them. */
    private List<MimeMessage> awaitMails(String address, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
            .alias(count + " emails to " + address)
            .until(() -> Arrays.stream(mail.getReceivedMessages()).filter(m -> to(m).contains(address)).toList(),
                found -> found.size() >= count);
    }

    private static List<String> to(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Api.Reply post(Map<String, Object> body) {
        return campus.api.call("POST", "/me/corrections", w.alice(), null).json("application/json", body).send();
    }

    private Api.Reply me() {
        Api.Reply me = campus.api.call("GET", "/me", w.alice(), null).send();
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        return me;
    }
}
