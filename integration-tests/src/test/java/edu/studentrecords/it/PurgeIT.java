package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Destroying a record takes two administrators: one asks, a different one approves. Afterwards the record is gone
 * for everyone, its data key is gone from the store, and the audit trail tells the story. A Keycloak user deleted
 * through the admin API leaves its record in place, unlinked, with a purge request of the system.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class PurgeIT {

    private static final String PURGE_SCOPES = ADMIN_SCOPES + " student.purge student.search";
    /** A made-up name no other record of the realm has, so that a trace of it can only come from the purged record. */
    private static final String PURGED_NAME = "司马静姝";
    private static final String ADMINISTRATION = "administration";
    private static final String PROBLEM_TYPES = "https://student-records.example/problems/";

    @InjectRealm(ref = "purge")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<PurgeIT, World> WORLD = CampusWorld.of(PurgeIT.class, t -> t.realm, t -> t.oauth,
        (test, campus) -> new World(campus,
            campus.signIn(test.oauth, "ada", PORTAL, PURGE_SCOPES),
            campus.signIn(test.oauth, "eli", PORTAL, PURGE_SCOPES),
            campus.signIn(test.oauth, "sam", PORTAL, STAFF_SCOPES),
            campus.serviceToken(test.oauth, LIBRARY),
            campus.signIn(test.oauth, "alice", PORTAL, "student.self")));

    /** The campus and the tokens of everyone who takes part, set up once for the class. */
    record World(Campus campus, String ada, String eli, String staff, String library, String aliceSelf) {
    }

    @Test
    void aLegalHoldStopsTheDestructionUntilItIsLifted() {
        World w = WORLD.get();
        Api api = w.campus().api;
        String record = w.campus().enrol(w.ada(), GeneratedStudent.number(47, Campus.PHYSICS_CLASS), null);
        String path = "/records/" + record;
        Api.Reply filed = api.call("POST", path + "/purge-requests", w.ada(), ADMINISTRATION)
            .json("application/json", Map.of("reason", "Enrolled twice by mistake")).send();
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        Api.Reply hold = api.call("POST", path + "/legal-holds", w.ada(), ADMINISTRATION)
            .json("application/json", Map.of("reason", "Court order 2026/41")).send();
        assertThat(hold.status()).as(hold.body()).isEqualTo(201);
        Api.Reply another = api.call("POST", path + "/purge-requests", w.eli(), ADMINISTRATION)
            .json("application/json", Map.of("reason", "Asked again while held")).send();
        assertThat(another.status()).as(another.body()).isEqualTo(409);
        assertThat(another.json().get("reason").asText()).isEqualTo("LEGAL_HOLD_ACTIVE");

        Api.Reply approve = api.call("POST", "/purge-requests/" + filed.json().get("id").asText() + "/approve", w.eli(),
            ADMINISTRATION).send();
        assertThat(approve.status()).as(approve.body()).isEqualTo(409);
        assertThat(approve.json().get("type").asText()).isEqualTo(PROBLEM_TYPES + "conflict");
        assertThat(approve.json().get("reason").asText()).isEqualTo("LEGAL_HOLD_ACTIVE");
        assertThat(status(api.call("GET", path, w.eli(), ADMINISTRATION))).as("the record is still there").isEqualTo(200);

        Api.Reply lifted = api.call("POST", "/legal-holds/" + hold.json().get("id").asText() + "/lift", w.eli(),
            ADMINISTRATION).send();
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        Api.Reply approved = api.call("POST", "/purge-requests/" + filed.json().get("id").asText() + "/approve",
            w.eli(), ADMINISTRATION).send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(status(api.call("GET", path, w.eli(), ADMINISTRATION))).isEqualTo(404);
    }

    @Test
    void twoDifferentAdministratorsDestroyARecordAndItsKeyAndTheAuditTellsIt() throws Exception {
        RawRealmStore raw = WORLD.raw();
        World w = WORLD.get();
        Api api = w.campus().api;
        GeneratedStudent student = GeneratedStudent.number(41, Campus.PHYSICS_CLASS).named(PURGED_NAME);
        String record = w.campus().enrol(w.ada(), student, "alice");
        String path = "/records/" + record;
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).untilAsserted(() ->
            assertThat(searchHits(PURGED_NAME)).as("the name found by an administrator before the purge")
                .containsExactly(record));
        // The control: the scan below must see the record while it exists, or its empty answer later proves nothing.
        IndexTraces.awaitNumberFound(realm.getId(), student);
        assertThat(status(api.call("GET", path, w.staff(), "teaching"))).isEqualTo(200);
        assertThat(status(api.call("GET", path, w.library(), "library-services"))).isEqualTo(200);
        assertThat(status(api.call("GET", "/me", w.aliceSelf(), null))).isEqualTo(200);
        assertThat(raw.keyOf(record)).as("the record's data key before the purge").isNotNull();

        long before = raw.auditEntries();
        Api.Reply filed = api.call("POST", path + "/purge-requests", w.ada(), ADMINISTRATION)
            .json("application/json", Map.of("reason", "Enrolled twice by mistake")).send();
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        JsonNode request = filed.json();
        String requestId = request.get("id").asText();
        assertThat(request.get("recordId").asText()).isEqualTo(record);
        assertThat(request.get("status").asText()).isEqualTo("PENDING");
        assertThat(request.get("reason").asText()).isEqualTo("Enrolled twice by mistake");
        assertThat(request.get("requestedBy").asText()).isEqualTo(w.campus().userIds.get("ada"));
        assertThat(request.hasNonNull("requestedAt")).isTrue();
        assertThat(raw.auditEntries()).as("entries left by filing the request").isEqualTo(before + 1);

        Api.Reply pending = api.call("GET", "/purge-requests", w.eli(), ADMINISTRATION).send();
        assertThat(pending.status()).as(pending.body()).isEqualTo(200);
        assertThat(pending.json().get("purgeRequests").findValuesAsText("id")).contains(requestId);
        assertThat(status(api.call("GET", "/purge-requests", w.staff(), "teaching"))).isEqualTo(403);

        before = raw.auditEntries();
        Api.Reply sameAdmin = api.call("POST", "/purge-requests/" + requestId + "/approve", w.ada(), ADMINISTRATION)
            .send();
        assertThat(sameAdmin.status()).as(sameAdmin.body()).isEqualTo(403);
        assertThat(sameAdmin.header("Content-Type")).startsWith("application/problem+json");
        assertThat(sameAdmin.json().get("type").asText()).isEqualTo(PROBLEM_TYPES + "four-eyes");
        assertThat(raw.auditEntries()).as("entries left by the refused approval").isEqualTo(before + 1);
        assertThat(status(api.call("GET", path, w.eli(), ADMINISTRATION))).as("the refusal left the record")
            .isEqualTo(200);
        assertThat(status(api.call("POST", "/purge-requests/" + requestId + "/approve", w.staff(), "teaching")))
            .as("staff approving").isEqualTo(403);
        assertThat(status(api.call("POST", "/purge-requests/" + UUID.randomUUID() + "/approve", w.eli(),
            ADMINISTRATION))).as("an unknown request").isEqualTo(404);

        before = raw.auditEntries();
        Api.Reply approved = api.call("POST", "/purge-requests/" + requestId + "/approve", w.eli(), ADMINISTRATION)
            .send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode certificate = approved.json().get("certificate");
        assertThat(certificate.get("recordId").asText()).isEqualTo(record);
        assertThat(certificate.get("lastVersion").asLong()).isEqualTo(1);
        assertThat(certificate.hasNonNull("destroyedAt")).isTrue();
        // The signed copy checks out offline with the realm's public keys alone, and a changed copy does not.
        String signed = approved.json().get("signedCertificate").asText();
        JsonNode keys = OfflineSignature.publicKeys(realm.getBaseUrl());
        assertThat(OfflineSignature.verifiedPayload(signed, keys)).as("the signed certificate").isEqualTo(certificate);
        assertThat(OfflineSignature.verifiedPayload(OfflineSignature.tampered(signed), keys)).as("a tampered copy").isNull();
        assertThat(certificate.get("reason").asText()).isEqualTo("Enrolled twice by mistake");
        assertThat(certificate.get("requestedBy").asText()).isEqualTo(w.campus().userIds.get("ada"));
        assertThat(certificate.get("approvedBy").asText()).isEqualTo(w.campus().userIds.get("eli"));
        assertThat(certificate.get("purgeRequest").asText()).isEqualTo(requestId);
        assertThat(raw.auditEntries()).as("the approval is one entry: the destruction it caused").isEqualTo(before + 1);
        Api.Reply again = api.call("POST", "/purge-requests/" + requestId + "/approve", w.eli(), ADMINISTRATION)
            .send();
        assertThat(again.status()).as(again.body()).isEqualTo(409);

        assertThat(status(api.call("GET", path, w.ada(), ADMINISTRATION))).as("admin who asked").isEqualTo(404);
        assertThat(status(api.call("GET", path, w.eli(), ADMINISTRATION))).as("admin who approved").isEqualTo(404);
        assertThat(status(api.call("GET", path, w.staff(), "teaching"))).as("staff of the class").isEqualTo(404);
        assertThat(status(api.call("GET", path, w.library(), "library-services"))).as("library-app").isEqualTo(404);
        assertThat(status(api.call("GET", "/me", w.aliceSelf(), null))).as("the student herself").isEqualTo(404);
        assertThat(raw.keyOf(record)).as("the record's data key after the purge").isNull();
        assertThat(raw.collection("records").find(Filters.eq("_id", record)).first()).isNull();
        assertThat(searchHits(PURGED_NAME)).as("the name searched after the purge").isEmpty();
        assertThat(searchHits(student.studentNumber())).as("the number searched after the purge").isEmpty();
        IndexTraces.awaitNone(realm.getId(), student);

        List<String> steps = new ArrayList<>();
        for (Document entry : auditOf(record)) {
            String operation = entry.getString("operation");
            if (operation.startsWith("PURGE")) {
                steps.add(operation + " " + entry.getString("decision") + " " + who(entry) + " "
                    + entry.getString("reason"));
            }
        }
        assertThat(steps).containsExactly(
            "PURGE_REQUEST ALLOW ada null",
            "PURGE_APPROVE DENY ada FOUR_EYES",
            "PURGE_APPROVE DENY sam OPERATION_REQUIRES_ADMIN",
            "PURGE ALLOW eli null",
            "PURGE_APPROVE DENY eli PURGE_REQUEST_NOT_PENDING");
    }

    @Test
    void deletingALinkedUserKeepsTheRecordUnlinkedWithAPurgeRequestOfTheSystem() {
        RawRealmStore raw = WORLD.raw();
        World w = WORLD.get();
        Api api = w.campus().api;
        String userId = student("leaver");
        Api.Reply enrolled = api.call("POST", "/records", w.ada(), ADMINISTRATION)
            .json("application/json", GeneratedStudent.number(42, Campus.HISTORY_CLASS).enrolment(userId)).send();
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        String record = enrolled.json().get("id").asText();
        assertThat(raw.collection("records").find(Filters.eq("_id", record)).first().getString("owner"))
            .isEqualTo(userId);

        try (Response deleted = realm.admin().users().delete(userId)) {
            assertThat(deleted.getStatus()).isEqualTo(204);
        }

        JsonNode request = systemRequestFor(record, w.eli());
        awaitUnlinked(record);
        assertThat(request).as("a pending purge request of the system for the record").isNotNull();
        assertThat(request.get("status").asText()).isEqualTo("PENDING");
        assertThat(request.get("requestedBy").asText()).isEqualTo("system:user-removed");
        assertThat(request.hasNonNull("accountRemovedAt")).isTrue();

        Api.Reply kept = api.call("GET", "/records/" + record, w.eli(), ADMINISTRATION).send();
        assertThat(kept.status()).as("the record stays: %s", kept.body()).isEqualTo(200);
        assertThat(kept.header("ETag")).as("unlinking wrote a new version").isEqualTo("\"2\"");
        assertThat(raw.collection("records").find(Filters.eq("_id", record)).first().containsKey("owner"))
            .as("the record no longer points at the deleted user").isFalse();
        assertThat(raw.keyOf(record)).isNotNull();

        List<String> steps = new ArrayList<>();
        for (Document entry : auditOf(record)) {
            if (entry.getString("clientId").equals("system:user-removed")) {
                steps.add(entry.getString("operation") + " " + entry.getString("reason"));
            }
        }
        assertThat(steps).containsExactly("PURGE_REQUEST ACCOUNT_REMOVED", "UNLINK_OWNER ACCOUNT_REMOVED");

        String unlinked = student("never-enrolled");
        try (Response deleted = realm.admin().users().delete(unlinked)) {
            assertThat(deleted.getStatus()).isEqualTo(204);
        }
        assertThat(status(api.call("GET", "/records/" + record, w.ada(), ADMINISTRATION))).isEqualTo(200);
    }

    /** The system's purge request for a record, waiting up to ten seconds for the after-commit step. */
    private JsonNode systemRequestFor(String record, String adminToken) {
        return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
            .until(() -> pendingRequestFor(record, adminToken), java.util.Objects::nonNull);
    }

    private JsonNode pendingRequestFor(String record, String adminToken) {
        Api.Reply list = WORLD.get().campus().api.call("GET", "/purge-requests?status=pending", adminToken,
            ADMINISTRATION).send();
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (JsonNode request : list.json().get("purgeRequests")) {
            if (request.get("recordId").asText().equals(record)) {
                return request;
            }
        }
        return null;
    }

    /** Waits up to ten seconds for the record to lose its owner (the last step after the deletion commits). */
    private void awaitUnlinked(String record) {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(WORLD.raw().byId("records", record))
                .as("the stored record %s, without its owner", record)
                .isNotNull().doesNotContainKey("owner"));
    }

    private List<String> searchHits(String text) {
        Api.Reply found = WORLD.get().campus().api.call("GET",
            "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8), WORLD.get().eli(), ADMINISTRATION).send();
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json().get("hits").findValuesAsText("id");
    }

    /** A student user with no password (the test never signs in as them); returns the user id. */
    private String student(String username) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setEmail(username + "@people.example.test");
        user.setFirstName("Leaving");
        user.setLastName("Tester");
        try (Response created = realm.admin().users().create(user)) {
            assertThat(created.getStatus()).as("creating user %s", username).isEqualTo(201);
            return CreatedResponseUtil.getCreatedId(created);
        }
    }

    private static int status(Api.Call call) {
        return call.send().status();
    }

    /** The username of an entry's subject among the campus people, or "system". */
    private static String who(Document entry) {
        String subject = entry.getString("subject");
        return WORLD.get().campus().userIds.entrySet().stream().filter(e -> e.getValue().equals(subject))
            .map(Map.Entry::getKey).findFirst().orElse("system");
    }


    /** Every audit entry that names the record, oldest first. */
    private static List<Document> auditOf(String record) {
        return WORLD.raw().collection("audit_entries").find(Filters.eq("recordId", record))
            .sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
