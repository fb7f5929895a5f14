package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.BUREAU;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
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
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Notices of changes (GDPR art. 19, PIPL art. 46) with real tokens: an approved correction of Alice's name is in her
 * history with the name before and after and is told to {@code library-app}, which read her profile (at
 * {@code GET /notices}, with its client credentials, and by mail to its contact address), and to no client that never
 * read her; a change of a group the library never read is not told to it. Alice sees whom the change was told to and
 * when they acknowledged. Nobody reads or acknowledges another application's notices. Every call leaves one audit
 * entry.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class ChangeNoticesIT {

    private static final String LIBRARY_CONTACT = "records-desk@library.example.test";
    private static final String CORRECTED = "Alice Notice Corrected";
    private static final String CENTRE = "records-centre@school.example.test";

    @InjectRealm(ref = "notices")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectMailServer
    MailServer mail;

    @RegisterExtension
    static final CampusWorld<ChangeNoticesIT, World> WORLD = CampusWorld.of(ChangeNoticesIT.class,
        t -> t.realm, t -> t.oauth, (test, campus) -> {
            OAuthClient oauth = test.oauth;
            String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
            GeneratedStudent alice = GeneratedStudent.number(211, Campus.PHYSICS_CLASS);
            String aliceRecord = campus.enrol(admin, alice, "alice");
            GeneratedStudent bob = GeneratedStudent.number(212, Campus.HISTORY_CLASS);
            String bobRecord = campus.enrol(admin, bob, "bob");
            ClientRepresentation library = campus.realm.admin().clients().findByClientId(LIBRARY).get(0);
            Map<String, String> attributes = new HashMap<>(library.getAttributes());
            attributes.put("student-records.contact-email", LIBRARY_CONTACT);
            library.setAttributes(attributes);
            campus.realm.admin().clients().get(library.getId()).update(library);
            RealmRepresentation representation = campus.realm.admin().toRepresentation();
            Map<String, String> realmAttributes = new HashMap<>(representation.getAttributesOrEmpty());
            realmAttributes.put("student-records.centre-email", CENTRE);
            representation.setAttributes(realmAttributes);
            campus.realm.admin().update(representation);
            return new World(admin, alice, aliceRecord, bob, bobRecord,
                campus.signIn(oauth, "alice", PORTAL, "student.self"), campus.serviceToken(oauth, LIBRARY),
                campus.serviceToken(oauth, BUREAU));
        });

    /** The records of Alice and Bob, and the tokens of the centre, Alice, the library and the statistics bureau. */
    record World(String admin, GeneratedStudent aliceStudent, String aliceRecord, GeneratedStudent bobStudent,
                 String bobRecord, String alice, String library, String bureau) {
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
    void anApprovedCorrectionIsToldToTheLibraryThatReadHerProfileAndToNoClientThatNeverReadHer() throws Exception {
        Api.Reply read = campus.api.call("GET", "/records/" + w.aliceRecord(), w.library(), "library-services").send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        String nameBefore = read.json().at("/profile/name").asText();

        Api.Reply asked = campus.api.call("POST", "/me/corrections", w.alice(), null).json("application/json",
            Map.of("changes", Map.of("profile", Map.of("name", CORRECTED)), "reason", "Misspelt")).send();
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        Api.Reply approved = campus.api.call("POST", "/corrections/" + asked.json().get("id").asText() + "/approve",
            w.admin(), "administration").send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        String toCentre = MailText.of(mailTo(CENTRE, "/centre/corrections"));
        assertThat(toCentre).contains("/student-records/centre/corrections").contains("更正申请")
            .doesNotContain(CORRECTED).doesNotContain(nameBefore).doesNotContain("Misspelt")
            .doesNotContain(w.aliceRecord()).doesNotContain(w.aliceStudent().studentNumber());

        JsonNode nameChange = null;
        for (JsonNode entry : campus.api.call("GET", "/me/history", w.alice(), null).send().json().get("entries")) {
            for (JsonNode change : entry.get("changes")) {
                if (change.get("path").asText().equals("profile.name")) {
                    nameChange = change;
                }
            }
        }
        assertThat(nameChange).as("the name change in alice's history").isNotNull();
        assertThat(nameChange.get("before").asText()).isEqualTo(nameBefore);
        assertThat(nameChange.get("after").asText()).isEqualTo(CORRECTED);

        Api.Reply listed = raw.once(campus.api.call("GET", "/notices", w.library(), null));
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode notice = only(listed.json(), w.aliceRecord(), "correction");
        List<String> fields = new ArrayList<>();
        notice.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("id", "recordId", "groups", "changedAt", "kind");
        assertThat(notice.get("groups").toString()).isEqualTo("[\"profile\"]");
        assertThat(notice.get("kind").asText()).isEqualTo("correction");
        assertThat(Instant.parse(notice.get("changedAt").asText())).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        assertThat(listed.body()).doesNotContain(CORRECTED).doesNotContain(nameBefore);

        Api.Reply bureau = raw.once(campus.api.call("GET", "/notices", w.bureau(), null));
        assertThat(bureau.status()).as(bureau.body()).isEqualTo(200);
        assertThat(bureau.json().size()).as("the bureau never read alice: %s", bureau.body()).isZero();

        String id = notice.get("id").asText();
        MimeMessage toLibrary = mailTo(LIBRARY_CONTACT, id);
        String text = MailText.of(toLibrary);
        assertThat(text).contains(w.aliceRecord()).contains("profile").contains("/notices/" + id + "/ack")
            .contains("学籍档案");
        assertThat(text).doesNotContain(CORRECTED).doesNotContain(nameBefore)
            .doesNotContain(w.aliceStudent().studentNumber());

        Api.Reply told = raw.once(campus.api.call("GET", "/me/notices", w.alice(), null));
        assertThat(told.status()).as(told.body()).isEqualTo(200);
        JsonNode toldLibrary = byId(told.json().get("told"), id);
        assertThat(toldLibrary.get("clientId").asText()).isEqualTo(LIBRARY);
        assertThat(toldLibrary.has("acknowledgedAt")).isFalse();

        Api.Reply ack = raw.once(campus.api.call("POST", "/notices/" + id + "/ack", w.library(), null));
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().get("acknowledgedAt").asText()).isNotBlank();
        Api.Reply again = raw.once(campus.api.call("POST", "/notices/" + id + "/ack", w.library(), null));
        assertThat(again.json().get("acknowledgedAt").asText()).isEqualTo(ack.json().get("acknowledgedAt").asText());

        JsonNode seen = byId(campus.api.call("GET", "/me/notices", w.alice(), null).send().json().get("told"), id);
        assertThat(seen.get("acknowledgedAt").asText()).isEqualTo(ack.json().get("acknowledgedAt").asText());

        String bob = campus.signIn(oauth, "bob", PORTAL, "student.self");
        Api.Reply bobs = raw.once(campus.api.call("GET", "/me/notices", bob, null));
        assertThat(bobs.status()).as(bobs.body()).isEqualTo(200);
        assertThat(bobs.body()).as("bob sees nothing of alice's notices").doesNotContain(id);
    }

    @Test
    void aChangeOfAGroupTheLibraryNeverReadIsNotToldToIt() {
        Api.Reply read = campus.api.call("GET", "/records/" + w.bobRecord(), w.library(), "library-services").send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        String path = "/records/" + w.bobRecord();
        Api.Reply current = campus.api.call("GET", path, w.admin(), "administration").send();
        Api.Reply patched = campus.api.call("PATCH", path, w.admin(), "administration")
            .header("If-Match", current.header("ETag"))
            .json(Api.MERGE_PATCH, Map.of("contact", Map.of("homeAddress", "9 Notice Road, Test Town"))).send();
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        Api.Reply profile = campus.api.call("PATCH", path, w.admin(), "administration")
            .header("If-Match", patched.header("ETag"))
            .json(Api.MERGE_PATCH, Map.of("profile", Map.of("name", "Bob Notice Edited"))).send();
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);

        JsonNode bobs = campus.api.call("GET", "/notices", w.library(), null).send().json();
        List<JsonNode> aboutBob = new ArrayList<>();
        bobs.forEach(n -> {
            if (n.get("recordId").asText().equals(w.bobRecord())) {
                aboutBob.add(n);
            }
        });
        assertThat(aboutBob).as("only the profile change is told: %s", bobs).hasSize(1);
        assertThat(aboutBob.get(0).get("groups").toString()).isEqualTo("[\"profile\"]");
        assertThat(aboutBob.get(0).get("kind").asText()).isEqualTo("edit");
    }

    @Test
    void nobodyReadsOrAcknowledgesAnotherApplicationsNotices() {
        Api.Reply read = campus.api.call("GET", "/records/" + w.aliceRecord(), w.library(), "library-services").send();
        assertThat(read.status()).isEqualTo(200);
        String path = "/records/" + w.aliceRecord();
        Api.Reply current = campus.api.call("GET", path, w.admin(), "administration").send();
        Api.Reply patched = campus.api.call("PATCH", path, w.admin(), "administration")
            .header("If-Match", current.header("ETag"))
            .json(Api.MERGE_PATCH, Map.of("profile", Map.of("name", "Alice Notice Edited"))).send();
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        String id = newestUnacknowledged(campus.api.call("GET", "/notices", w.library(), null).send().json());

        Api.Reply byBureau = raw.once(campus.api.call("POST", "/notices/" + id + "/ack", w.bureau(), null));
        assertThat(byBureau.status()).as(byBureau.body()).isEqualTo(404);
        assertThat(byBureau.header("Content-Type")).startsWith("application/problem+json");
        assertThat(raw.once(campus.api.call("POST", "/notices/no-such-notice/ack", w.library(), null)).status())
            .isEqualTo(404);
        for (String person : List.of(w.alice(), w.admin())) {
            Api.Reply list = raw.once(campus.api.call("GET", "/notices", person, "administration"));
            assertThat(list.status()).as(list.body()).isEqualTo(403);
            assertThat(list.json().get("reason").asText()).isIn("OPERATION_REQUIRES_CLIENT", "PURPOSE_NOT_ALLOWED_FOR_ROLE",
                "OPERATION_NOT_SELF_SERVICE");
            assertThat(raw.once(campus.api.call("POST", "/notices/" + id + "/ack", person, "administration")).status())
                .isEqualTo(403);
        }
        assertThat(campus.api.call("GET", "/notices", null, null).send().status()).isEqualTo(401);
        // No purpose is needed, and none the realm or the client does not allow goes into a student's access log.
        Api.Reply unknown = raw.once(campus.api.call("GET", "/notices", w.library(), "police-investigation"));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(403);
        assertThat(unknown.json().get("reason").asText()).isEqualTo("PURPOSE_UNKNOWN");
        Api.Reply foreign = raw.once(campus.api.call("POST", "/notices/" + id + "/ack", w.library(), "teaching"));
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
        assertThat(foreign.json().get("reason").asText()).isEqualTo("PURPOSE_NOT_ALLOWED_FOR_CLIENT");
        Api.Reply still = campus.api.call("GET", "/notices", w.library(), null).send();
        assertThat(byId(still.json(), id).has("acknowledgedAt")).as("nobody else acknowledged it").isFalse();
    }

    @Test
    void theCentreIsToldOfANewMisuseReportWithNothingOfTheStudentOrTheReport() throws Exception {
        String message = "Somebody looked at my record at midnight.";
        Api.Reply sent = campus.api.call("POST", "/me/reports", w.alice(), null).json("application/json",
            Map.of("message", message, "auditEntries", List.of())).send();
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        MimeMessage mailed = mailTo(CENTRE, "/centre/reports");
        assertThat(mailed.getSubject()).contains("A new misuse report waits for the centre").contains("有新的举报");
        assertThat(MailText.of(mailed)).contains("/student-records/centre/reports").doesNotContain(message)
            .doesNotContain(w.aliceRecord()).doesNotContain(w.aliceStudent().studentNumber())
            .doesNotContain("alice");
    }

    private static String newestUnacknowledged(JsonNode notices) {
        for (JsonNode n : notices) {
            if (!n.has("acknowledgedAt")) {
                return n.get("id").asText();
            }
        }
        throw new AssertionError("no unacknowledged notice: " + notices);
    }

    private static JsonNode only(JsonNode notices, String recordId, String kind) {
        List<JsonNode> found = new ArrayList<>();
        notices.forEach(n -> {
            if (n.get("recordId").asText().equals(recordId) && n.get("kind").asText().equals(kind)) {
                found.add(n);
            }
        });
        assertThat(found).as("notices about %s: %s", recordId, notices).hasSize(1);
        return found.get(0);
    }

    private static JsonNode byId(JsonNode notices, String id) {
        for (JsonNode n : notices) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no notice " + id + " in " + notices);
    }

    /** The mail to {@code address} whose text contains {@code noticeId}, waited for up to 30 seconds. */
    private MimeMessage mailTo(String address, String noticeId) throws MessagingException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Optional<MimeMessage> found = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipients(m).contains(address) && MailText.of(m).contains(noticeId)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            mail.waitForIncomingEmail(1_000, mail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no mail to " + address + " about " + noticeId);
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
