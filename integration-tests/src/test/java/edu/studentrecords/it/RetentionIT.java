package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
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
 * Retention by rule, end to end on a real Keycloak: a student graduates, a retention run archives the record (the
 * archive's hash re-verifies), a dry run after the retention period (the server's clock shifted past it) lists the
 * record and changes nothing, and a real run destroys it with a certificate signed by the realm that verifies offline,
 * its paper copies listed; search and the index files keep no trace. A legal hold stops destruction until it is lifted.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class RetentionIT {

    private static final String ADMIN = ADMIN_SCOPES + " student.search";
    private static final String ADMINISTRATION = "administration";
    /** Above the server's floor (365 days by default), under the default policy's five years: a shortening. */
    private static final int PERIOD_DAYS = 400;
    /** Past the period: destruction is due at the start of the day 400 days after leaving, and after archiving + 400. */
    private static final int SHIFT_SECONDS = (PERIOD_DAYS + 2) * 24 * 3600;
    /** A made-up name no other record of the realm has. */
    private static final String GRADUATE_NAME = "欧阳思远";

    @InjectRealm(ref = "retention")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTimeOffSet
    TimeOffSet clock;

    @RegisterExtension
    static final CampusWorld<RetentionIT, Campus> WORLD = CampusWorld.of(RetentionIT.class, t -> t.realm,
        t -> t.oauth);

    private Campus campus;

    @BeforeEach
    void campus() {
        campus = WORLD.campus();
    }

    @Test
    void aGraduateIsArchivedThenDestroyedByRuleWithASignedCertificateAndNoTraceLeft() throws Exception {
        RawRealmStore raw = WORLD.raw();
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN);
        String sam = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES);
        setPolicy(ada);
        Api.Reply invalid = api.call("PUT", "/retention/policy", ada, ADMINISTRATION).json("application/json",
            Map.of("archiveOn", List.of("ENROLLED"), "destroyAfterDays", 0, "archiveRetentionDays", 10)).send();
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.json().get("errors").findValuesAsText("field")).contains("archiveOn", "destroyAfterDays");
        assertThat(api.call("PUT", "/retention/policy", sam, "teaching").json("application/json",
            policy()).send().status()).as("staff setting the policy").isEqualTo(403);
        Api.Reply policy = api.call("GET", "/retention/policy", ada, ADMINISTRATION).send();
        assertThat(policy.json().get("destroyAfterDays").asInt()).as(policy.body()).isEqualTo(PERIOD_DAYS);

        GeneratedStudent student = GeneratedStudent.number(71, Campus.PHYSICS_CLASS).named(GRADUATE_NAME);
        String record = campus.enrol(ada, student, "alice");
        String path = "/records/" + record;
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
            .untilAsserted(() -> assertThat(searchHits(ada, GRADUATE_NAME)).containsExactly(record));
        // The control: the scan must see the record while it lives, or its empty answer later proves nothing.
        IndexTraces.awaitNumberFound(realm.getId(), student);
        graduate(api, ada, path);
        Api.Reply copy = api.call("POST", path + "/paper-copies", ada, ADMINISTRATION).json("application/json",
            Map.of("location", "Registry, cabinet 4", "custodian", "records officer", "destroyBy", "2027-01-31")).send();
        assertThat(copy.status()).as(copy.body()).isEqualTo(201);
        assertThat(copy.json().get("destroyBy").asText()).isEqualTo("2027-01-31");
        assertThat(api.call("GET", path + "/paper-copies", ada, ADMINISTRATION).send().json().get("paperCopies"))
            .hasSize(1);

        assertThat(api.call("POST", "/retention/runs", ada, ADMINISTRATION).json("application/json", Map.of())
            .send().status()).as("a run without dryRun").isEqualTo(400);
        long refusedBefore = raw.auditEntries();
        assertThat(api.call("POST", "/retention/runs", sam, "teaching").json("application/json",
            Map.of("dryRun", false)).send().status()).as("staff running retention").isEqualTo(403);
        assertThat(raw.auditEntries()).as("one entry for the refusal").isEqualTo(refusedBefore + 1);

        long before = raw.auditEntries();
        JsonNode archiving = run(api, ada, false);
        assertThat(texts(archiving.get("archived"))).contains(record);
        assertThat(archiving.get("destroyed")).isEmpty();
        assertThat(raw.auditEntries()).as("the call's entry and the system's archiving of the one leaver")
            .isEqualTo(before + 2);
        before = raw.auditEntries();
        Api.Reply archive = api.call("GET", path + "/archive", ada, ADMINISTRATION).send();
        assertThat(raw.auditEntries()).as("one entry for reading the archive's facts").isEqualTo(before + 1);
        assertThat(archive.status()).as(archive.body()).isEqualTo(200);
        String sha = archive.json().get("sha256").asText();
        assertThat(sha).matches("[0-9a-f]{64}");
        assertThat(archive.json().get("size").asLong()).isPositive();
        assertThat(archive.json().get("destroyAfter").asText()).startsWith(
            LocalDate.now(ZoneOffset.UTC).plusDays(PERIOD_DAYS).toString());
        Api.Reply verified = api.call("POST", path + "/archive/verify", ada, ADMINISTRATION).send();
        assertThat(verified.json().get("sha256").asText()).as(verified.body()).isEqualTo(sha);
        assertThat(verified.json().get("intact").asBoolean()).isTrue();
        assertThat(api.call("GET", path + "/archive", sam, "teaching").send().status()).as("staff").isEqualTo(403);
        byte[] sealed = raw.collection("record_archives").find(Filters.eq("_id", record)).first()
            .get("sealed", org.bson.types.Binary.class).getData();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("sealed: the name is not in the archive's bytes")
            .doesNotContain(new String(GRADUATE_NAME.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
            .doesNotContain(student.studentNumber());

        try {
            clock.set(SHIFT_SECONDS);
            String later = campus.signIn(oauth, "eli", PORTAL, ADMIN);
            JsonNode dry = run(api, later, true);
            assertThat(dry.get("dryRun").asBoolean()).isTrue();
            assertThat(dry.get("destroyed").findValuesAsText("recordId")).contains(record);
            assertThat(dry.get("destroyed").get(0).get("signedCertificate").isNull()).isTrue();
            assertThat(api.call("GET", path, later, ADMINISTRATION).send().status()).as("after the dry run").isEqualTo(200);
            assertThat(api.call("POST", path + "/archive/verify", later, ADMINISTRATION).send().json()
                .get("intact").asBoolean()).isTrue();
            assertThat(raw.keyOf(record)).as("the data key after the dry run").isNotNull();

            JsonNode real = run(api, later, false);
            JsonNode destroyed = only(real.get("destroyed"), record);
            JsonNode certificate = destroyed.get("certificate");
            assertThat(certificate.get("recordId").asText()).isEqualTo(record);
            assertThat(certificate.get("requestedBy").asText()).isEqualTo("system:retention");
            assertThat(certificate.get("approvedBy").asText()).isEqualTo(campus.userIds.get("eli"));
            assertThat(certificate.get("retentionRun").asText()).isEqualTo(real.get("id").asText());
            assertThat(certificate.get("paperCopies").findValuesAsText("location")).containsExactly("Registry, cabinet 4");
            assertThat(certificate.get("paperCopies").findValuesAsText("custodian")).containsExactly("records officer");
            String signed = destroyed.get("signedCertificate").asText();
            JsonNode keys = OfflineSignature.publicKeys(realm.getBaseUrl());
            assertThat(OfflineSignature.verifiedPayload(signed, keys)).as("the signed certificate").isEqualTo(certificate);
            assertThat(OfflineSignature.verifiedPayload(OfflineSignature.tampered(signed), keys)).isNull();

            assertThat(api.call("GET", path, later, ADMINISTRATION).send().status()).as("the record").isEqualTo(404);
            assertThat(api.call("GET", path + "/archive", later, ADMINISTRATION).send().status()).isEqualTo(404);
            assertThat(raw.keyOf(record)).as("the data key").isNull();
            assertThat(raw.collection("record_archives").find(Filters.eq("_id", record)).first()).isNull();
            assertThat(searchHits(later, GRADUATE_NAME)).isEmpty();
            assertThat(searchHits(later, student.studentNumber())).isEmpty();
            IndexTraces.awaitNone(realm.getId(), student);

            JsonNode again = run(api, later, false);
            assertThat(again.get("destroyed")).as("a second run destroys nothing").isEmpty();
            JsonNode runs = api.call("GET", "/retention/runs", later, ADMINISTRATION).send().json().get("runs");
            assertThat(runs.get(0).get("id").asText()).isEqualTo(again.get("id").asText());
            assertThat(runs.get(1).get("id").asText()).isEqualTo(real.get("id").asText());
            assertThat(runs.get(2).get("id").asText()).isEqualTo(dry.get("id").asText());
        } finally {
            clock.set(0);
        }
    }

    @Test
    void aLegalHoldStopsDestructionAndLiftingItLetsTheNextRunDestroy() throws Exception {
        RawRealmStore raw = WORLD.raw();
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN);
        setPolicy(ada);
        String record = campus.enrol(ada, GeneratedStudent.number(72, Campus.HISTORY_CLASS), "bob");
        String path = "/records/" + record;
        graduate(api, ada, path);
        assertThat(texts(run(api, ada, false).get("archived"))).contains(record);
        Api.Reply placed = api.call("POST", path + "/legal-holds", ada, ADMINISTRATION)
            .json("application/json", Map.of("reason", "Court order 2026/17")).send();
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String hold = placed.json().get("id").asText();
        assertThat(placed.json().get("recordId").asText()).isEqualTo(record);
        assertThat(placed.json().get("placedBy").asText()).isEqualTo(campus.userIds.get("ada"));
        assertThat(placed.json().get("liftedAt").isNull()).isTrue();

        try {
            clock.set(SHIFT_SECONDS);
            String later = campus.signIn(oauth, "eli", PORTAL, ADMIN);
            JsonNode held = run(api, later, false);
            assertThat(texts(held.get("held"))).contains(record);
            assertThat(held.get("destroyed").findValuesAsText("recordId")).doesNotContain(record);
            assertThat(api.call("GET", path, later, ADMINISTRATION).send().status()).as("held").isEqualTo(200);
            assertThat(api.call("GET", "/legal-holds", later, ADMINISTRATION).send().json().get("legalHolds")
                .findValuesAsText("id")).contains(hold);

            long before = raw.auditEntries();
            Api.Reply lifted = api.call("POST", "/legal-holds/" + hold + "/lift", later, ADMINISTRATION).send();
            assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
            assertThat(lifted.json().hasNonNull("liftedAt")).isTrue();
            assertThat(raw.auditEntries()).as("one entry for the lift").isEqualTo(before + 1);
            assertThat(api.call("POST", "/legal-holds/" + hold + "/lift", later, ADMINISTRATION).send().status())
                .as("lifting twice").isEqualTo(409);

            JsonNode next = run(api, later, false);
            assertThat(next.get("destroyed").findValuesAsText("recordId")).contains(record);
            assertThat(api.call("GET", path, later, ADMINISTRATION).send().status()).as("destroyed").isEqualTo(404);
        } finally {
            clock.set(0);
        }
    }

    @Test
    void aShorterPolicyWaitsForASecondAdministratorAndNeverGoesUnderTheServersFloor() {
        Api api = campus.api;
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN);
        String sam = campus.signIn(oauth, "sam", PORTAL, STAFF_SCOPES);
        int inForce = api.call("GET", "/retention/policy", ada, ADMINISTRATION).send().json()
            .get("destroyAfterDays").asInt();
        Map<String, Object> shorter = Map.of("archiveOn", List.of("GRADUATED"), "destroyAfterDays", 399,
            "archiveRetentionDays", 399);

        Api.Reply asked = api.call("PUT", "/retention/policy", ada, ADMINISTRATION).json("application/json", shorter)
            .send();
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        assertThat(asked.json().get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(asked.json().get("proposed").get("destroyAfterDays").asInt()).isEqualTo(399);
        assertThat(asked.json().get("current").get("destroyAfterDays").asInt()).isEqualTo(inForce);
        Api.Reply pending = api.call("GET", "/retention/policy/pending", ada, ADMINISTRATION).send();
        assertThat(pending.status()).as(pending.body()).isEqualTo(200);
        assertThat(pending.json().get("proposedBy").asText()).isEqualTo(campus.userIds.get("ada"));
        assertThat(pending.header("ETag")).isEqualTo(asked.header("ETag")).isNotNull();
        // While it waits, no other change takes its place: what a second administrator reads is what they approve.
        Api.Reply replacing = api.call("PUT", "/retention/policy", ada, ADMINISTRATION).json("application/json",
            Map.of("archiveOn", List.of("GRADUATED"), "destroyAfterDays", 365, "archiveRetentionDays", 365)).send();
        assertThat(replacing.status()).as(replacing.body()).isEqualTo(409);
        String eli = campus.signIn(oauth, "eli", PORTAL, ADMIN);
        Api.Reply unnamed = api.call("POST", "/retention/policy/approve", eli, ADMINISTRATION).send();
        assertThat(unnamed.status()).as("an approval names the change it approves").isEqualTo(428);
        Api.Reply other = api.call("POST", "/retention/policy/approve", eli, ADMINISTRATION)
            .header("If-Match", "\"1\"").send();
        assertThat(other.status()).as("not the change that waits").isEqualTo(412);
        assertThat(api.call("GET", "/retention/policy/pending", sam, "teaching").send().status()).as("staff")
            .isEqualTo(403);
        Api.Reply own = api.call("POST", "/retention/policy/approve", ada, ADMINISTRATION)
            .header("If-Match", asked.header("ETag")).send();
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(own.json().get("type").asText()).endsWith("/four-eyes");
        assertThat(api.call("GET", "/retention/policy", ada, ADMINISTRATION).send().json().get("destroyAfterDays")
            .asInt()).as("nothing applies before a second administrator approves").isEqualTo(inForce);

        Api.Reply cancelled = api.call("POST", "/retention/policy/cancel", ada, ADMINISTRATION).send();
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(api.call("GET", "/retention/policy/pending", ada, ADMINISTRATION).send().status()).isEqualTo(404);
        assertThat(api.call("POST", "/retention/policy/cancel", ada, ADMINISTRATION).send().status()).isEqualTo(409);
        assertThat(api.call("POST", "/retention/policy/approve", eli, ADMINISTRATION)
            .header("If-Match", asked.header("ETag")).send().status()).isEqualTo(409);

        Api.Reply underFloor = api.call("PUT", "/retention/policy", ada, ADMINISTRATION).json("application/json",
            Map.of("archiveOn", List.of("GRADUATED"), "destroyAfterDays", 30, "archiveRetentionDays", 30)).send();
        assertThat(underFloor.status()).as(underFloor.body()).isEqualTo(422);
        assertThat(underFloor.json().get("errors").findValuesAsText("message")).contains("must be from 365 to 36500");
        assertThat(api.call("GET", "/retention/policy", ada, ADMINISTRATION).send().json().get("destroyAfterDays")
            .asInt()).isEqualTo(inForce);
    }

    private static Map<String, Object> policy() {
        return Map.of("archiveOn", List.of("GRADUATED", "WITHDRAWN", "TRANSFERRED"), "destroyAfterDays", PERIOD_DAYS,
            "archiveRetentionDays", PERIOD_DAYS);
    }

    /**
     * Puts the test's policy in force. Its periods are shorter than the default policy's, so the first time it waits
     * for a second administrator: ada asks, may not approve her own change, and eli approves.
     */
    private void setPolicy(String admin) {
        Api.Reply set = campus.api.call("PUT", "/retention/policy", admin, ADMINISTRATION)
            .json("application/json", policy()).send();
        if (set.status() == 202) {
            assertThat(set.json().get("proposedBy").asText()).isEqualTo(campus.userIds.get("ada"));
            String tag = set.header("ETag");
            Api.Reply own = campus.api.call("POST", "/retention/policy/approve", admin, ADMINISTRATION)
                .header("If-Match", tag).send();
            assertThat(own.status()).as(own.body()).isEqualTo(403);
            assertThat(own.json().get("type").asText()).endsWith("/four-eyes");
            String eli = campus.signIn(oauth, "eli", PORTAL, ADMIN);
            set = campus.api.call("POST", "/retention/policy/approve", eli, ADMINISTRATION).header("If-Match", tag)
                .send();
            assertThat(set.json().get("decidedBy").asText()).isEqualTo(campus.userIds.get("eli"));
        }
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        Api.Reply inForce = campus.api.call("GET", "/retention/policy", admin, ADMINISTRATION).send();
        assertThat(texts(inForce.json().get("archiveOn"))).containsExactly("GRADUATED", "WITHDRAWN", "TRANSFERRED");
        assertThat(inForce.json().get("destroyAfterDays").asInt()).isEqualTo(PERIOD_DAYS);
    }

    /** The student graduates today: status and leaving date, through the API with If-Match. */
    private static void graduate(Api api, String admin, String path) {
        Api.Reply read = api.call("GET", path, admin, ADMINISTRATION).send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        Api.Reply patched = api.call("PATCH", path, admin, ADMINISTRATION).header("If-Match", read.header("ETag"))
            .json(Api.MERGE_PATCH, Map.of("profile", Map.of("status", "GRADUATED",
                "leavingDate", LocalDate.now(ZoneOffset.UTC).toString()))).send();
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    }

    private static JsonNode run(Api api, String admin, boolean dryRun) {
        Api.Reply run = api.call("POST", "/retention/runs", admin, ADMINISTRATION)
            .json("application/json", Map.of("dryRun", dryRun)).send();
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        return run.json();
    }

    private static JsonNode only(JsonNode destroyed, String record) {
        for (JsonNode entry : destroyed) {
            if (entry.get("recordId").asText().equals(record)) {
                return entry;
            }
        }
        throw new AssertionError("record not destroyed: " + destroyed);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private List<String> searchHits(String token, String text) {
        Api.Reply found = campus.api.call("GET", "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8), token,
            ADMINISTRATION).send();
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json().get("hits").findValuesAsText("id");
    }
}
