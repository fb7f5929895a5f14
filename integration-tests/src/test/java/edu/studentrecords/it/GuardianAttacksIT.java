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
import java.time.Duration;
import java.time.Instant;
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
 * bodies the API must refuse, a guardian entry removed under another guardian's link, a consent-bound grant asked to
 * change a student who has not consented, a bearer header without a token, and a guardian with no child.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class GuardianAttacksIT {

    private static final ZoneId SCHOOL_DAY = ZoneId.of("Asia/Shanghai");
    private static final String GUARDIAN = "guardian";
    private static final String PROBLEMS = "https://student-records.example/problems/";

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
    record World(Campus campus, String ada, String eli, String mia, String leo, String tom) {
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
        World world = new World(campus, ada, campus.signIn(test.oauth, "eli", PORTAL, ADMIN_SCOPES), mia, leo, tom);
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

    /**
     * A link names one guardian entry of the record. When another guardian removes that entry, the link must not keep
     * opening the record to an account the record no longer names (or the change must be refused).
     */
    @Test
    void aGuardianEntryRemovedUnderAnotherGuardiansLinkNoLongerOpensTheRecord() {
        World world = WORLD.get();
        Api api = world.campus().api;
        RawRealmStore raw = WORLD.raw();
        String grace = world.campus().signIn(oauth, "grace", PORTAL, "student.guardian");
        Api.Reply record = api.call("GET", "/records/" + world.mia(), world.ada(), "administration").send();
        JsonNode mother = record.json().get("guardians").get(0);
        Map<String, Object> father = Map.of("name", "Paul Tester", "relationship", "FATHER", "phone", "13900000399",
            "emergencyContact", false);
        Api.Reply twoEntries = api.call("PATCH", "/records/" + world.mia(), world.ada(), "administration")
            .header("If-Match", record.header("ETag"))
            .json(Api.MERGE_PATCH, Map.of("guardians", List.of(mother, father))).send();
        assertThat(twoEntries.status()).as(twoEntries.body()).isEqualTo(200);
        link(world, world.mia(), 1, "paul");
        String paul = world.campus().signIn(oauth, "paul", PORTAL, "student.guardian");
        assertThat(api.call("GET", "/guardian/children/" + world.mia(), paul, null).send().status()).isEqualTo(200);

        String etag = api.call("GET", "/guardian/children/" + world.mia(), grace, null).send().header("ETag");
        Api.Reply removed = raw.once(api.call("PATCH", "/guardian/children/" + world.mia(), grace, null)
            .header("If-Match", etag).json(Api.MERGE_PATCH, Map.of("guardians", List.of(mother))));
        assertThat(removed.status()).as("an entry under a link is not removed: %s", removed.body()).isEqualTo(422);
        assertThat(removed.json().at("/errors/0/field").asText()).isEqualTo("guardians[1]");
        assertThat(removed.json().at("/errors/0/rule").asText()).isEqualTo("guardian.linked");
        Api.Reply renamed = raw.once(api.call("PATCH", "/guardian/children/" + world.mia(), grace, null)
            .header("If-Match", etag).json(Api.MERGE_PATCH, Map.of("guardians", List.of(mother,
                Map.of("name", "Grace Again", "relationship", "MOTHER", "phone", "13900000398",
                    "emergencyContact", false)))));
        assertThat(renamed.status()).as("nor given to another person: %s", renamed.body()).isEqualTo(422);
        Api.Reply still = api.call("GET", "/records/" + world.mia(), world.ada(), "administration").send();
        assertThat(still.header("ETag")).as("nothing was written").isEqualTo(etag);
        assertThat(still.json().get("guardians")).hasSize(2);
        // The entry's own details stay the guardians' to keep up to date.
        Api.Reply phone = raw.once(api.call("PATCH", "/guardian/children/" + world.mia(), grace, null)
            .header("If-Match", etag).json(Api.MERGE_PATCH, Map.of("guardians", List.of(mother,
                Map.of("name", "Paul Tester", "relationship", "FATHER", "phone", "13900000397",
                    "emergencyContact", false)))));
        assertThat(phone.status()).as(phone.body()).isEqualTo(200);
        assertThat(api.call("GET", "/guardian/children/" + world.mia(), paul, null).send().status()).isEqualTo(200);
    }

    /** After a withdrawal (or before any consent) the next request of the grant's client is 404, whatever it asks. */
    @Test
    void aConsentBoundGrantAnswersEveryRequestAboutAStudentWithoutConsentWith404() {
        World world = WORLD.get();
        Api api = world.campus().api;
        String eli = world.campus().signIn(oauth, "eli", PORTAL, ADMIN_SCOPES);
        String leo = world.campus().signIn(oauth, "leo", PORTAL, "student.self");
        approvedConsentGrant(world, eli, "CSB-2026-A1", "research-statistics");
        String bureau = world.campus().serviceToken(oauth, Campus.BUREAU);

        assertThat(api.call("PUT", "/me/consents/research-statistics", leo, null)
            .json("application/json", Map.of("given", true)).send().status()).isEqualTo(200);
        assertThat(api.call("GET", "/records/" + world.leo(), bureau, "statistics").send().status()).isEqualTo(200);
        assertThat(api.call("PUT", "/me/consents/research-statistics", leo, null)
            .json("application/json", Map.of("given", false)).send().status()).isEqualTo(200);

        assertThat(api.call("GET", "/records/" + world.leo(), bureau, "statistics").send().status()).isEqualTo(404);
        Api.Reply unknown = api.call("PATCH", "/records/00000000-0000-0000-0000-000000000000", bureau, "statistics")
            .header("If-Match", "\"1\"").json(Api.MERGE_PATCH, Map.of("contact", Map.of("mobilePhone", "13900000387")))
            .send();
        assertThat(unknown.status()).isEqualTo(404);
        for (String student : List.of(world.leo(), world.mia())) {
            Api.Reply write = api.call("PATCH", "/records/" + student, bureau, "statistics").header("If-Match", "\"1\"")
                .json(Api.MERGE_PATCH, Map.of("contact", Map.of("mobilePhone", "13900000387"))).send();
            assertThat(write.status())
                .as("a student without consent is out of the grant's reach, as an unknown id: %s", write.body())
                .isEqualTo(404);
            Api.Reply purge = api.call("POST", "/records/" + student + "/purge-requests", bureau, "statistics")
                .json("application/json", Map.of("reason", "Asked by the bureau.")).send();
            assertThat(purge.status()).as("%s", purge.body()).isEqualTo(404);
        }
    }

    /**
     * The centre takes a consent purpose out of the realm's settings while a student's consent for it is given: the
     * student can no longer see or withdraw it, so a grant relying on it must no longer open the student either.
     */
    @Test
    void aConsentThatCanNoLongerBeWithdrawnOpensNothing() {
        World world = WORLD.get();
        Api api = world.campus().api;
        String eli = world.campus().signIn(oauth, "eli", PORTAL, ADMIN_SCOPES);
        String tom = world.campus().signIn(oauth, "tom", PORTAL, "student.self");
        approvedConsentGrant(world, eli, "CSB-2026-A2", "photo-publication");
        assertThat(api.call("PUT", "/me/consents/photo-publication", tom, null)
            .json("application/json", Map.of("given", true)).send().status()).isEqualTo(200);
        String bureau = world.campus().serviceToken(oauth, Campus.BUREAU);
        assertThat(api.call("GET", "/records/" + world.tom(), bureau, "statistics").send().status()).isEqualTo(200);

        var realmSettings = world.campus().realm.admin().toRepresentation();
        try {
            realmSettings.getAttributes().put("student-records.consent-purposes", GuardiansIT.CONSENT_PURPOSES
                .substring(0, GuardiansIT.CONSENT_PURPOSES.indexOf(",{\"id\":\"research-statistics\"")).replace(
                    "\"photo-publication\"", "\"school-trips\"") + "]");
            world.campus().realm.admin().update(realmSettings);
            JsonNode toms = api.call("GET", "/me/consents", tom, null).send().json().get("consents");
            assertThat(toms.findValuesAsText("purpose")).doesNotContain("photo-publication");
            Api.Reply withdraw = api.call("PUT", "/me/consents/photo-publication", tom, null)
                .json("application/json", Map.of("given", false)).send();
            Api.Reply read = api.call("GET", "/records/" + world.tom(), bureau, "statistics").send();
            if (withdraw.status() != 200) {
                assertThat(read.status())
                    .as("tom can no longer withdraw (%s), yet the grant still reads him: %s", withdraw.status(),
                        read.body())
                    .isEqualTo(404);
            }
        } finally {
            realmSettings.getAttributes().put("student-records.consent-purposes", GuardiansIT.CONSENT_PURPOSES);
            world.campus().realm.admin().update(realmSettings);
        }
    }

    @Test
    void aBearerHeaderWithoutATokenIsNotAuthenticatedNotAServerError() {
        World world = WORLD.get();
        Api api = world.campus().api;
        for (String path : List.of("/guardian/children", "/guardian/children/" + world.mia(), "/me/consents")) {
            Api.Reply reply = api.call("GET", path, null, null).header("Authorization", "Bearer ").send();
            assertThat(reply.status()).as("%s: %s", path, reply.body()).isEqualTo(401);
            assertThat(reply.json().get("type").asText()).isEqualTo(PROBLEMS + "not-authenticated");
        }
    }

    @Test
    void aGuardianWithNoChildLeavesOneAuditEntryForTheirCall() {
        World world = WORLD.get();
        String otto = world.campus().signIn(oauth, "otto", PORTAL, "student.guardian");
        Api.Reply none = WORLD.raw().once(world.campus().api.call("GET", "/guardian/children", otto, null));
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.json().get("children")).isEmpty();
    }

    private static void link(World world, String recordId, int guardianIndex, String username) {
        world.campus().linkGuardian(world.ada(), world.eli(), recordId, guardianIndex, username);
    }

    /**
     * A grant to the bureau over the physics class relying on consent for {@code purpose}, requested by ada and
     * approved by {@code approver}.
     */
    private static void approvedConsentGrant(World world, String approver, String reference, String purpose) {
        Api api = world.campus().api;
        Map<String, Object> asked = new LinkedHashMap<>(Campus.grantRequest(PHYSICS_CLASS,
            Instant.now().plus(Duration.ofDays(30)), reference, "agreement.pdf", "application/pdf",
            ("%PDF-1.4\n% consent-bound grant " + reference + "\n").getBytes(StandardCharsets.US_ASCII)));
        asked.put("legalBasis", "consent");
        asked.put("consentPurpose", purpose);
        Api.Reply requested = api.call("POST", "/grants", world.ada(), "administration").json("application/json", asked)
            .send();
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        assertThat(api.call("POST", "/grants/" + requested.json().get("id").asText() + "/approve", approver,
            "administration").send().status()).isEqualTo(200);
    }
}
