package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.BUREAU;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * Access grants for an outside body through the REST API, with real tokens: nothing without a grant, a grant needs a
 * second administrator, it opens only its groups, students and purpose, every use is listed under it and in the
 * student's access log, and revocation and expiry work on the next request.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class GrantsIT {

    private static final byte[] AGREEMENT =
        "%PDF-1.7\n% Confidentiality agreement CSB-2026-007, signed (generated test file)\n".getBytes(StandardCharsets.UTF_8);

    @InjectRealm(ref = "grants")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTimeOffSet
    TimeOffSet clock;

    @InjectMailServer
    MailServer mail;

    @Test
    void anOutsideBodyReadsOnlyWhatAnApprovedGrantOpensUntilItIsRevokedOrExpires() throws Exception {
        Campus campus = Campus.setUp(realm, oauth);
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        String eli = campus.signIn(oauth, "eli", PORTAL, ADMIN_SCOPES);
        String alice = campus.enrol(ada, GeneratedStudent.number(31, Campus.PHYSICS_CLASS), "alice");
        String bob = campus.enrol(ada, GeneratedStudent.number(32, Campus.HISTORY_CLASS), "bob");
        String aliceSelf = campus.signIn(oauth, "alice", PORTAL, "student.self");
        String staff = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES);

        String bureau = campus.serviceToken(oauth, BUREAU);
        assertThat(api.call("GET", "/records/" + alice, bureau, "statistics").send().status())
            .as("no grant yet").isEqualTo(403);

        // Only the centre manages grants, and only for external clients.
        assertThat(api.call("POST", "/grants", staff, "teaching").json("application/json", grant("physics", days(30))).send().status())
            .as("staff asking for a grant").isEqualTo(403);
        assertThat(api.call("GET", "/grants", bureau, "statistics").send().status()).as("the bureau listing grants").isEqualTo(403);
        Map<String, Object> forLibrary = grant(Campus.PHYSICS_CLASS, days(30));
        forLibrary.put("clientId", LIBRARY);
        Api.Reply refused = api.call("POST", "/grants", ada, "administration").json("application/json", forLibrary).send();
        assertThat(refused.status()).as("a grant for an internal client").isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("clientId");

        Api.Reply requested = api.call("POST", "/grants", ada, "administration")
            .json("application/json", grant(Campus.PHYSICS_CLASS, days(30))).send();
        assertThat(requested.status()).as("requesting: %s", requested.body()).isEqualTo(201);
        JsonNode pending = requested.json();
        String grantId = pending.get("id").asText();
        assertThat(requested.header("Location")).endsWith("/grants/" + grantId);
        assertThat(pending.get("status").asText()).isEqualTo("PENDING");
        assertThat(pending.at("/agreement/sha256").asText())
            .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(AGREEMENT)));
        assertThat(api.call("GET", "/records/" + alice, bureau, "statistics").send().status())
            .as("a pending grant opens nothing").isEqualTo(403);

        Api.Reply selfApproved = api.call("POST", "/grants/" + grantId + "/approve", ada, "administration").send();
        assertThat(selfApproved.status()).as("approved by its own requester").isEqualTo(403);
        assertThat(selfApproved.json().get("type").asText()).endsWith("/four-eyes");
        Api.Reply approved = api.call("POST", "/grants/" + grantId + "/approve", eli, "administration").send();
        assertThat(approved.status()).as("approved by a second admin: %s", approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(mail.waitForIncomingEmail(30_000, 1)).as("the covered student is told").isTrue();
        MimeMessage notice = mail.getReceivedMessages()[0];
        assertThat(notice.getAllRecipients()).extracting(Object::toString).containsExactly("alice@people.example.test");
        assertThat(notice.getSubject()).isEqualTo("An outside body may now read part of your student record");
        assertThat(mail.getReceivedMessages()).as("bob, of another unit, is not told").hasSize(1);
        assertThat(api.call("GET", "/grants/" + grantId + "/agreement", eli, "administration").send().response().body()
            .getBytes(StandardCharsets.UTF_8)).isEqualTo(AGREEMENT);

        Api.Reply read = api.call("GET", "/records/" + alice, bureau, "statistics").send();
        assertThat(read.status()).as("profile of a covered student").isEqualTo(200);
        assertThat(read.json().has("profile")).isTrue();
        assertThat(read.json().has("identity")).as("identity is not granted").isFalse();
        assertThat(read.json().has("contact")).isFalse();
        assertThat(read.json().has("guardians")).isFalse();
        assertThat(api.call("GET", "/records/" + bob, bureau, "statistics").send().status())
            .as("a student of another unit").isEqualTo(404);
        assertThat(api.call("GET", "/records/" + alice, bureau, "teaching").send().status())
            .as("another purpose").isEqualTo(403);

        JsonNode uses = api.call("GET", "/grants/" + grantId + "/uses", eli, "administration").send().json().get("entries");
        assertThat(uses.findValuesAsText("operation")).contains("READ", "GRANT_APPROVE", "GRANT_REQUEST");
        assertThat(recordIdsOfReads(uses)).containsOnly(alice);
        JsonNode aliceLog = api.call("GET", "/me/access-log", aliceSelf, null).send().json().get("entries");
        assertThat(aliceLog.findValuesAsText("grantId")).contains(grantId);
        JsonNode aliceReach = api.call("GET", "/me/grants", aliceSelf, null).send().json().get("grants");
        assertThat(aliceReach.findValuesAsText("id")).as("alice sees the grant that covers her").containsExactly(grantId);
        assertThat(aliceReach.findValuesAsText("agreementReference")).containsExactly("CSB-2026-007");

        assertThat(api.call("POST", "/grants/" + grantId + "/revoke", eli, "administration").send().status()).isEqualTo(200);
        assertThat(api.call("GET", "/records/" + alice, bureau, "statistics").send().status())
            .as("the next request after revocation").isEqualTo(403);
        assertThat(api.call("GET", "/me/grants", aliceSelf, null).send().json().get("grants")).as("revoked").isEmpty();
        assertThat(api.call("POST", "/grants/" + grantId + "/revoke", ada, "administration").send().status())
            .as("revoking twice").isEqualTo(409);

        String shortGrant = api.call("POST", "/grants", eli, "administration")
            .json("application/json", grant(Campus.PHYSICS_CLASS, Instant.now().plus(Duration.ofHours(1)))).send()
            .json().get("id").asText();
        assertThat(api.call("POST", "/grants/" + shortGrant + "/approve", ada, "administration").send().status()).isEqualTo(200);
        assertThat(api.call("GET", "/records/" + alice, bureau, "statistics").send().status()).isEqualTo(200);
        try {
            clock.set(2 * 3600);
            String later = campus.serviceToken(oauth, BUREAU);
            assertThat(api.call("GET", "/records/" + alice, later, "statistics").send().status())
                .as("the next request after expiry").isEqualTo(403);
        } finally {
            clock.set(0);
        }

        JsonNode listed = api.call("GET", "/grants", ada, "administration").send().json().get("grants");
        assertThat(listed.findValuesAsText("id")).containsExactly(shortGrant, grantId);
        assertThat(listed.findValuesAsText("status")).containsExactly("ACTIVE", "REVOKED");

        // The second approval tells alice again. A notice to bob would have been sent with the first approval's, long
        // before this one: only now is "nobody but alice was told" certain, not merely not yet contradicted.
        assertThat(mail.waitForIncomingEmail(30_000, 2)).as("alice is told of the second grant").isTrue();
        assertThat(mail.getReceivedMessages()).flatExtracting(m -> List.of(m.getAllRecipients()))
            .extracting(Object::toString).containsOnly("alice@people.example.test");
    }

    private static List<String> recordIdsOfReads(JsonNode entries) {
        List<String> ids = new java.util.ArrayList<>();
        entries.forEach(e -> {
            if ("READ".equals(e.get("operation").asText())) {
                ids.add(e.get("recordId").asText());
            }
        });
        return ids;
    }

    private static Instant days(int days) {
        return Instant.now().plus(Duration.ofDays(days));
    }

    private static Map<String, Object> grant(String unit, Instant expiresAt) {
        return Campus.grantRequest(unit, expiresAt, "CSB-2026-007", "agreement.pdf", "application/pdf", AGREEMENT);
    }
}
