package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guardian and consent features as an outsider attacks them, with real tokens: a guardian who tries to reach
 * beyond the child's contact and guardians, another student's consents, corrections and records by altered paths,
 * and bodies the API must refuse.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class GuardianAttacksIT {

    private static final ZoneId SCHOOL_DAY = ZoneId.of("Asia/Shanghai");
    private static final String GUARDIAN = "guardian";

    @InjectRealm(ref = "guardian-attacks")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<GuardianAttacksIT, World> WORLD = CampusWorld.of(GuardianAttacksIT.class, t -> t.realm,
        t -> t.oauth, GuardianAttacksIT::build);

    /**
     * The campus: mia (12) linked to grace, leo (16) linked to henry, tom (15) with no guardian linked; the centre's
     * token.
     */
    record World(Campus campus, String ada, String mia, String leo, String tom) {
    }

    private static World build(GuardianAttacksIT test, Campus campus) {
        campus.person("mia", null, "student");
        campus.person("leo", null, "student");
        campus.person("tom", null, "student");
        campus.person("grace", null, GUARDIAN);
        campus.person("henry", null, GUARDIAN);
        campus.person("paul", null, GUARDIAN);
        campus.person("otto", null, GUARDIAN);
        var representation = campus.realm.admin().toRepresentation();
        representation.getAttributes().put("student-records.consent-purposes", GuardiansIT.CONSENT_PURPOSES);
        campus.realm.admin().update(representation);
        String ada = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
        LocalDate today = LocalDate.now(SCHOOL_DAY);
        String mia = campus.enrol(ada, GeneratedStudent.number(386, PHYSICS_CLASS)
            .bornOn(today.minusYears(12).minusDays(40)), "mia");
        String leo = campus.enrol(ada, GeneratedStudent.number(387, PHYSICS_CLASS)
            .bornOn(today.minusYears(16).minusDays(40)), "leo");
        String tom = campus.enrol(ada, GeneratedStudent.number(388, PHYSICS_CLASS)
            .bornOn(today.minusYears(15).minusDays(40)), "tom");
        World world = new World(campus, ada, mia, leo, tom);
        link(world, mia, 0, "grace");
        link(world, leo, 0, "henry");
        return world;
    }

    @Test
    void aGuardianChangesNothingButContactAndGuardiansAndTheRecordStaysAsItWas() {
        World world = WORLD.get();
        Api api = world.campus().api;
        RawRealmStore raw = WORLD.raw();
        String grace = world.campus().signIn(oauth, "grace", PORTAL, "student.guardian");
        Api.Reply before = api.call("GET", "/guardian/children/" + world.mia(), grace, null).send();
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        String etag = before.header("ETag");

        List<Map<String, Object>> forbidden = List.of(
            Map.of("profile", Map.of("unit", Campus.HISTORY_CLASS)),
            Map.of("identity", Map.of("dateOfBirth", "2016-01-01")),
            Map.of("contact", Map.of("mobilePhone", "13900000386"), "profile", Map.of("name", "Taken Over")),
            Map.of("profile", Map.of("status", "LEFT")));
        for (Map<String, Object> patch : forbidden) {
            Api.Reply refused = raw.once(api.call("PATCH", "/guardian/children/" + world.mia(), grace, null)
                .header("If-Match", etag).json(Api.MERGE_PATCH, patch));
            assertThat(refused.status()).as("%s: %s", patch, refused.body()).isEqualTo(403);
            assertThat(refused.json().get("reason").asText()).isEqualTo("GROUP_NOT_EDITABLE_BY_GUARDIAN");
        }
        for (String unknown : List.of("{\"id\":\"x\"}", "{\"version\":99}", "{\"ownerSubject\":\"x\"}")) {
            Api.Reply refused = raw.once(api.call("PATCH", "/guardian/children/" + world.mia(), grace, null)
                .header("If-Match", etag).json(Api.MERGE_PATCH, unknown));
            assertThat(refused.status()).as("%s: %s", unknown, refused.body()).isEqualTo(422);
        }
        Api.Reply after = api.call("GET", "/guardian/children/" + world.mia(), grace, null).send();
        assertThat(after.header("ETag")).as("nothing was written").isEqualTo(etag);
        assertThat(after.json().get("profile")).isEqualTo(before.json().get("profile"));
        assertThat(after.json().get("identity")).isEqualTo(before.json().get("identity"));
    }

    @Test
    void aGuardianReachesNoOtherStudentsConsentsCorrectionsOrRecordThroughAlteredPaths() {
        World world = WORLD.get();
        Api api = world.campus().api;
        RawRealmStore raw = WORLD.raw();
        String grace = world.campus().signIn(oauth, "grace", PORTAL, "student.guardian");

        Api.Reply consent = raw.once(api.call("PUT", "/guardian/children/" + world.tom()
            + "/consents/research-statistics", grace, null).json("application/json", Map.of("given", true)));
        assertThat(consent.status()).as(consent.body()).isEqualTo(404);
        Api.Reply correction = raw.once(api.call("POST", "/guardian/children/" + world.leo() + "/corrections", grace,
            null).json("application/json", Map.of("changes", Map.of("profile", Map.of("name", "Another Name")),
            "reason", "Asked by someone else's parent.")));
        assertThat(correction.status()).as(correction.body()).isEqualTo(404);
        for (String altered : List.of(world.mia() + "%2F..%2F" + world.leo(), "..%2F" + world.leo(),
            world.leo() + "%00", world.mia().toUpperCase(), world.leo() + "%20")) {
            Api.Reply reply = api.call("GET", "/guardian/children/" + altered, grace, null).send();
            assertThat(reply.status()).as("%s: %s", altered, reply.body()).isEqualTo(404);
        }
        JsonNode tomsConsents = api.call("GET", "/consents?purpose=research-statistics", world.ada(),
            "administration").send().json().get("consents");
        assertThat(tomsConsents.findValuesAsText("recordId")).doesNotContain(world.tom());
    }

    @Test
    void aConsentBodyTheApiCannotTakeIsRefusedWithOneEntryAndChangesNothing() {
        World world = WORLD.get();
        Api api = world.campus().api;
        RawRealmStore raw = WORLD.raw();
        String grace = world.campus().signIn(oauth, "grace", PORTAL, "student.guardian");
        String path = "/guardian/children/" + world.mia() + "/consents/research-statistics";
        Map<String, Integer> bodies = new LinkedHashMap<>();
        bodies.put("{\"given\":\"yes\"}", 400);
        bodies.put("{\"given\":1}", 400);
        bodies.put("{\"given\":true,\"extra\":1}", 400);
        bodies.put("{\"given\":true,\"given\":false}", 400);
        bodies.put("true", 400);
        bodies.put("{\"given\":null}", 422);
        for (Map.Entry<String, Integer> body : bodies.entrySet()) {
            Api.Reply refused = raw.once(api.call("PUT", path, grace, null).json("application/json", body.getKey()));
            assertThat(refused.status()).as("%s: %s", body.getKey(), refused.body()).isEqualTo(body.getValue());
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        Api.Reply plain = raw.once(api.call("PUT", path, grace, null)
            .bytes("text/plain", "{\"given\":true}".getBytes(StandardCharsets.UTF_8)));
        assertThat(plain.status()).as(plain.body()).isEqualTo(415);
        JsonNode consents = api.call("GET", "/guardian/children/" + world.mia() + "/consents", grace, null).send()
            .json().get("consents");
        for (JsonNode consent : consents) {
            if (consent.get("purpose").asText().equals("research-statistics")) {
                assertThat(consent.get("status").asText()).as("nothing was given").isEqualTo("NONE");
            }
        }
    }

    private static void link(World world, String recordId, int guardianIndex, String username) {
        Api.Reply linked = world.campus().api.call("POST", "/records/" + recordId + "/guardian-links", world.ada(),
            "administration").json("application/json", Map.of("guardianIndex", guardianIndex, "username", username))
            .send();
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
    }
}
