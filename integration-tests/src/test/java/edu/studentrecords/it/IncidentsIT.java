package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Incidents (PIPL art. 57) with real tokens: an incident scoped to {@code library-app} over the last hour lists exactly
 * the students it read (Alice and Bob, not Carol, whom only the centre read); administrators see their record ids,
 * supervision only counts; the notification mails each of them in their own language with nothing of the other, and
 * its progress is polled; Alice reads the notice at {@code GET /me/notices}; the report is given as JSON and as a
 * printable page. Staff, supervision, students and applications open nothing, and malformed scopes are refused.
 * Every call leaves one audit entry.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class IncidentsIT {

    private static final String HARM = "Your name and class may have been seen by people outside the library.";

    @InjectRealm(ref = "incidents")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectMailServer
    MailServer mail;

    @RegisterExtension
    static final CampusWorld<IncidentsIT, World> WORLD = CampusWorld.of(IncidentsIT.class,
        t -> t.realm, t -> t.oauth, (test, campus) -> {
            OAuthClient oauth = test.oauth;
            String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
            GeneratedStudent alice = GeneratedStudent.number(221, Campus.PHYSICS_CLASS);
            GeneratedStudent bob = GeneratedStudent.number(222, Campus.HISTORY_CLASS);
            GeneratedStudent carol = GeneratedStudent.number(223, Campus.CHEMISTRY_CLASS);
            String aliceRecord = campus.enrol(admin, alice, "alice");
            String bobRecord = campus.enrol(admin, bob, "bob");
            String carolRecord = campus.enrol(admin, carol, null);
            campus.offersEnglishAndChinese();
            campus.speaks("bob", "zh-CN");
            String library = campus.serviceToken(oauth, LIBRARY);
            for (String record : List.of(aliceRecord, bobRecord)) {
                Api.Reply read = campus.api.call("GET", "/records/" + record, library, "library-services").send();
                assertThat(read.status()).as(read.body()).isEqualTo(200);
            }
            Api.Reply byCentre = campus.api.call("GET", "/records/" + carolRecord, admin, "administration").send();
            assertThat(byCentre.status()).as(byCentre.body()).isEqualTo(200);
            return new World(admin, alice, aliceRecord, bob, bobRecord, carol, carolRecord,
                campus.signIn(oauth, "alice", PORTAL, "student.self"),
                campus.signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit"),
                campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES + " student.admin student.audit"), library);
        });

    /** Three records and the tokens of the centre, Alice, the supervisor, a teacher and the library. */
    record World(String admin, GeneratedStudent aliceStudent, String aliceRecord, GeneratedStudent bobStudent,
                 String bobRecord, GeneratedStudent carolStudent, String carolRecord, String alice, String supervisor,
                 String staff, String library) {
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
    void anIncidentOfTheLibraryListsExactlyTheStudentsItReadAndTellsEachOfThemInTheirLanguage() throws Exception {
        Instant now = Instant.now();
        Api.Reply opened = raw.once(campus.api.call("POST", "/incidents", w.admin(), "administration")
            .json("application/json", incident(now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(1)))));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().get("id").asText();
        assertThat(opened.header("Location")).endsWith("/incidents/" + id);
        assertThat(opened.json().get("affected").asInt()).isEqualTo(2);
        assertThat(opened.json().get("elapsedSeconds").asLong()).isBetween(7_000L, 7_500L);

        Api.Reply affected = raw.once(campus.api.call("GET", "/incidents/" + id + "/affected", w.admin(),
            "administration"));
        assertThat(affected.status()).as(affected.body()).isEqualTo(200);
        assertThat(texts(affected.json().get("recordIds"))).containsExactlyInAnyOrder(w.aliceRecord(), w.bobRecord());
        assertThat(affected.json().get("total").asInt()).isEqualTo(2);
        assertThat(affected.json().at("/byUnit/" + Campus.PHYSICS_CLASS.replace("/", "~1")).asInt()).isEqualTo(1);
        assertThat(affected.json().at("/byUnit/" + Campus.HISTORY_CLASS.replace("/", "~1")).asInt()).isEqualTo(1);
        assertThat(affected.json().at("/byGroup/profile").asInt()).isEqualTo(2);
        assertThat(affected.body()).doesNotContain(w.carolRecord());

        Api.Reply bySupervisor = raw.once(campus.api.call("GET", "/incidents/" + id + "/affected", w.supervisor(),
            "administration"));
        assertThat(bySupervisor.status()).as(bySupervisor.body()).isEqualTo(200);
        assertThat(bySupervisor.json().get("total").asInt()).isEqualTo(2);
        assertThat(bySupervisor.json().has("recordIds")).as("supervision sees counts only").isFalse();
        assertThat(raw.once(campus.api.call("GET", "/incidents/" + id, w.supervisor(), "administration")).status())
            .isEqualTo(200);

        Api.Reply step = raw.once(campus.api.call("POST", "/incidents/" + id + "/actions", w.admin(), "administration")
            .json("application/json", Map.of("text", "Revoked the library's client secret.")));
        assertThat(step.status()).as(step.body()).isEqualTo(201);
        assertThat(step.json().at("/actions/0/text").asText()).isEqualTo("Revoked the library's client secret.");

        Api.Reply notify = raw.once(campus.api.call("POST", "/incidents/" + id + "/notifications", w.admin(),
            "administration").json("application/json", Map.of("cause", "A copy of the library's export was left on a "
            + "<a href=\"https://elsewhere.example/login\">shared drive</a>.", "harm", HARM, "remedies", "The copy was deleted and the secret replaced.", "advice",
            "Be wary of messages that name your class.", "contact", "records-centre@school.example.test")));
        assertThat(notify.status()).as(notify.body()).isEqualTo(202);
        assertThat(notify.json().at("/notification/total").asInt()).isEqualTo(2);
        JsonNode progress = pollUntilNotified(id);
        assertThat(progress.get("sent").asInt()).isEqualTo(2);
        assertThat(progress.get("failed").asInt()).isZero();
        Api.Reply twice = raw.once(campus.api.call("POST", "/incidents/" + id + "/notifications", w.admin(),
            "administration").json("application/json", Map.of("cause", "c", "harm", "h", "remedies", "r", "advice",
            "a", "contact", "c")));
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);

        MimeMessage toAlice = mailTo("alice@people.example.test");
        MimeMessage toBob = mailTo("bob@people.example.test");
        assertThat(toAlice.getSubject()).isEqualTo("Your personal information was affected by an incident");
        assertThat(toBob.getSubject()).isEqualTo("您的个人信息受到一起安全事件的影响");
        String aliceText = MailText.of(toAlice);
        // What the centre writes is plain text, in the mail's HTML too: no link or image of someone else's making.
        assertThat(MailText.html(toAlice)).contains("&lt;a href=").doesNotContain("<a href=\"https://elsewhere");
        assertThat(aliceText).contains(HARM).contains("records-centre@school.example.test").contains("Profile");
        for (GeneratedStudent other : List.of(w.bobStudent(), w.carolStudent())) {
            assertThat(aliceText).doesNotContain(other.name()).doesNotContain(other.studentNumber());
        }
        assertThat(aliceText).doesNotContain(w.bobRecord()).doesNotContain(w.carolRecord());
        String bobText = MailText.of(toBob);
        assertThat(bobText).contains("个人信息保护法").contains(HARM);
        assertThat(bobText).doesNotContain(w.aliceStudent().name()).doesNotContain(w.aliceStudent().studentNumber())
            .doesNotContain(w.aliceRecord());
        assertThat(Arrays.stream(mail.getReceivedMessages()).filter(m -> MailText.of(m).contains(HARM)).count())
            .as("one mail per affected student").isEqualTo(2);

        Api.Reply own = raw.once(campus.api.call("GET", "/me/notices", w.alice(), null));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        JsonNode notice = own.json().at("/incidents/0");
        assertThat(notice.get("id").asText()).isEqualTo(id);
        assertThat(notice.get("harm").asText()).isEqualTo(HARM);
        assertThat(notice.get("groups").toString()).isEqualTo("[\"profile\"]");

        Api.Reply report = raw.once(campus.api.call("GET", "/incidents/" + id + "/report", w.supervisor(),
            "administration"));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().at("/affected/total").asInt()).isEqualTo(2);
        assertThat(report.json().at("/affected/recordIds").isMissingNode()).isTrue();
        assertThat(report.json().at("/incident/notification/sent").asInt()).isEqualTo(2);
        assertThat(report.json().at("/incident/actions/0/text").asText()).startsWith("Revoked");
        Api.Reply page = raw.once(campus.api.call("GET", "/incidents/" + id + "/report?format=html", w.admin(),
            "administration"));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Personal information incident report").contains(HARM)
            .contains("does not file it").doesNotContain(w.aliceRecord()).doesNotContain(w.aliceStudent().name());

        Api.Reply listed = raw.once(campus.api.call("GET", "/incidents", w.supervisor(), "administration"));
        assertThat(texts(listed.json().get("incidents").findValues("id").stream().toList())).contains(id);
    }

    @Test
    void onlyAdministratorsOpenIncidentsAndMalformedScopesAreRefused() {
        Instant now = Instant.now();
        Map<String, Object> good = incident(now.minus(Duration.ofHours(1)), now);
        List<String[]> refused = List.of(new String[] {w.supervisor(), "administration"},
            new String[] {w.staff(), "teaching"}, new String[] {w.alice(), null}, new String[] {w.library(),
                "library-services"});
        for (String[] caller : refused) {
            Api.Reply reply = raw.once(campus.api.call("POST", "/incidents", caller[0], caller[1])
                .json("application/json", good));
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        }
        for (String[] caller : List.of(new String[] {w.staff(), "teaching"}, new String[] {w.alice(), null},
            new String[] {w.library(), "library-services"})) {
            assertThat(raw.once(campus.api.call("GET", "/incidents", caller[0], caller[1])).status()).isEqualTo(403);
        }
        assertThat(raw.once(campus.api.call("GET", "/incidents/no-such-incident", w.admin(), "administration"))
            .status()).isEqualTo(404);
        assertThat(raw.once(campus.api.call("POST", "/incidents/no-such-incident/actions", w.admin(), "administration")
            .json("application/json", Map.of("text", "x"))).status()).isEqualTo(404);

        Map<String, Object> reversed = incident(now, now.minus(Duration.ofHours(1)));
        Map<String, Object> enormous = incident(now.minus(Duration.ofDays(400)), now);
        Map<String, Object> nobody = new HashMap<>(good);
        nobody.put("scope", Map.of("from", now.minus(Duration.ofHours(1)).toString(), "to", now.toString()));
        Instant longAgo = Instant.parse("-999999999-01-01T00:00:00Z");
        Map<String, Object> ancientWindow = incident(longAgo, longAgo.plus(Duration.ofDays(1)));
        Map<String, Object> ancientDiscovery = new HashMap<>(good);
        ancientDiscovery.put("discoveredAt", longAgo.toString());
        for (Map<String, Object> bad : List.of(reversed, enormous, nobody, ancientWindow, ancientDiscovery)) {
            Api.Reply reply = raw.once(campus.api.call("POST", "/incidents", w.admin(), "administration")
                .json("application/json", bad));
            assertThat(reply.status()).as(reply.body()).isEqualTo(422);
            assertThat(reply.json().get("errors").size()).isPositive();
        }
        Api.Reply unknownField = raw.once(campus.api.call("POST", "/incidents", w.admin(), "administration")
            .json("application/json", Map.of("title", "x", "colour", "red")));
        assertThat(unknownField.status()).as(unknownField.body()).isEqualTo(400);
        assertThat(campus.api.call("GET", "/incidents", null, null).send().status()).isEqualTo(401);
    }

    private Map<String, Object> incident(Instant from, Instant to) {
        return Map.of("title", "Library export on a shared drive",
            "description", "A spreadsheet exported by the library was found on a shared drive.",
            "discoveredAt", Instant.now().minus(Duration.ofHours(2)).toString(),
            "scope", Map.of("clientId", LIBRARY, "from", from.toString(), "to", to.toString()));
    }

    private JsonNode pollUntilNotified(String id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode notification = null;
        while (Instant.now().isBefore(deadline)) {
            notification = campus.api.call("GET", "/incidents/" + id, w.admin(), "administration").send().json()
                .get("notification");
            if (notification.get("finished").asBoolean()) {
                return notification;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the notification did not finish: " + notification);
    }

    private MimeMessage mailTo(String address) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (recipients(m).contains(address) && MailText.of(m).contains(HARM)) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no incident mail to " + address);
    }

    private static List<String> texts(JsonNode array) {
        List<String> found = new ArrayList<>();
        array.forEach(n -> found.add(n.asText()));
        return found;
    }

    private static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asText).toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
