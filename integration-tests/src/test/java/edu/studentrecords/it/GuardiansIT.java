package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guardians with real tokens: the centre links guardian accounts to guardian entries of minors' records (never of an
 * adult's); grace reads and edits her daughter mia's contact and reads her access log, gets 404 for any other record;
 * every guardian call is one entry in the child's access log naming the guardian; a link ends on the child's 18th
 * birthday (the server's clock shifted).
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class GuardiansIT {

    private static final ZoneId SCHOOL_DAY = ZoneId.of("Asia/Shanghai");
    private static final String GUARDIAN = "guardian";
    private static final String PROBLEMS = "https://student-records.example/problems/";
    static final String CONSENT_PURPOSES = "[{\"id\":\"photo-publication\",\"version\":2,\"texts\":"
        + "{\"en\":\"Photos may be published.\",\"zh-CN\":\"可以发布照片。\"}},"
        + "{\"id\":\"research-statistics\",\"version\":1,\"texts\":"
        + "{\"en\":\"Records may be used for statistics.\",\"zh-CN\":\"档案可用于统计。\"}}]";

    @InjectRealm(ref = "guardians")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectTimeOffSet
    TimeOffSet clock;

    @InjectMailServer
    MailServer mail;

    @RegisterExtension
    static final CampusWorld<GuardiansIT, World> WORLD = CampusWorld.of(GuardiansIT.class, t -> t.realm, t -> t.oauth,
        GuardiansIT::build);

    /**
     * The campus, its records (alice an adult, mia 12, leo 16, nora 18 in three days, ivy 10 and zoe 9 without accounts) and
     * the centre's token.
     */
    record World(Campus campus, String ada, String eli, String alice, String mia, String leo, String nora, String ivy,
                 String zoe) {
    }

    private static World build(GuardiansIT test, Campus campus) {
        campus.person("mia", null, "student");
        campus.person("leo", null, "student");
        campus.person("nora", null, "student");
        campus.person("grace", null, GUARDIAN);
        campus.person("henry", null, GUARDIAN);
        campus.person("hugo", null, GUARDIAN);
        // The realm's consent purposes, as the demo campus has them.
        var representation = campus.realm.admin().toRepresentation();
        representation.getAttributes().put("student-records.consent-purposes", CONSENT_PURPOSES);
        campus.realm.admin().update(representation);
        String ada = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
        LocalDate today = LocalDate.now(SCHOOL_DAY);
        String alice = campus.enrol(ada, GeneratedStudent.number(381, PHYSICS_CLASS), "alice");
        String mia = campus.enrol(ada, GeneratedStudent.number(382, PHYSICS_CLASS)
            .bornOn(today.minusYears(12).minusDays(40)), "mia");
        String leo = campus.enrol(ada, GeneratedStudent.number(383, PHYSICS_CLASS)
            .bornOn(today.minusYears(16).minusDays(40)), "leo");
        String nora = campus.enrol(ada, GeneratedStudent.number(384, PHYSICS_CLASS)
            .bornOn(today.minusYears(18).plusDays(3)), "nora");
        String ivy = campus.enrol(ada, GeneratedStudent.number(385, PHYSICS_CLASS)
            .bornOn(today.minusYears(10).minusDays(40)), null);
        String zoe = campus.enrol(ada, GeneratedStudent.number(386, PHYSICS_CLASS)
            .bornOn(today.minusYears(9).minusDays(40)), null);
        String eli = campus.signIn(test.oauth, "eli", PORTAL, ADMIN_SCOPES);
        return new World(campus, ada, eli, alice, mia, leo, nora, ivy, zoe);
    }

    @Test
    void theCentreLinksGuardiansToMinorsRecordsOnlyAndTheStudentSeesTheLink() {
        World world = WORLD.get();
        Api api = world.campus().api;
        RawRealmStore raw = WORLD.raw();

        Api.Reply adult = raw.once(api.call("POST", "/records/" + world.alice() + "/guardian-links", world.ada(),
            "administration").json("application/json", Map.of("guardianIndex", 0, "username", "grace")));
        assertThat(adult.status()).as(adult.body()).isEqualTo(422);
        assertThat(adult.json().get("type").asText()).isEqualTo(PROBLEMS + "validation");
        assertThat(adult.json().get("errors").findValuesAsText("rule")).containsExactly("adult-student");

        Api.Reply notAGuardian = raw.once(api.call("POST", "/records/" + world.mia() + "/guardian-links", world.ada(),
            "administration").json("application/json", Map.of("guardianIndex", 0, "username", "bob")));
        assertThat(notAGuardian.status()).as(notAGuardian.body()).isEqualTo(422);
        assertThat(notAGuardian.json().get("errors").findValuesAsText("rule")).containsExactly("not-a-guardian");
        Api.Reply noEntry = raw.once(api.call("POST", "/records/" + world.mia() + "/guardian-links", world.ada(),
            "administration").json("application/json", Map.of("guardianIndex", 3, "username", "grace")));
        assertThat(noEntry.json().get("errors").findValuesAsText("rule")).containsExactly("no-such-guardian");

        String sam = world.campus().signIn(oauth, "sam", PORTAL, STAFF_SCOPES);
        assertThat(raw.once(api.call("POST", "/records/" + world.mia() + "/guardian-links", sam, "teaching")
            .json("application/json", Map.of("guardianIndex", 0, "username", "grace"))).status())
            .as("staff do not link guardians").isEqualTo(403);

        String linkId = link(world, world.mia(), "grace");
        assertThat(raw.once(api.call("POST", "/records/" + world.mia() + "/guardian-links", world.ada(),
            "administration").json("application/json", Map.of("guardianIndex", 0, "username", "henry"))).status())
            .as("the entry is linked already").isEqualTo(422);

        Api.Reply listed = raw.once(api.call("GET", "/records/" + world.mia() + "/guardian-links", world.ada(),
            "administration"));
        assertThat(listed.status()).isEqualTo(200);
        JsonNode links = listed.json().get("links");
        assertThat(links.findValuesAsText("id")).containsExactly(linkId);
        assertThat(links.get(0).get("username").asText()).isEqualTo("grace");
        assertThat(links.get(0).get("guardianId").asText()).isEqualTo(world.campus().userIds.get("grace"));
        assertThat(links.get(0).get("relationship").asText()).isEqualTo("MOTHER");
        assertThat(links.get(0).get("guardianIndex").asInt()).isZero();

        String mia = world.campus().signIn(oauth, "mia", PORTAL, "student.self");
        JsonNode reach = api.call("GET", "/me/grants", mia, null).send().json();
        assertThat(reach.get("guardians").findValuesAsText("username")).as("who can see my record").containsExactly("grace");

        // A second account linked, then unlinked: gone from the list, refused at once, and a second unlink is 404.
        world.campus().person("gina", null, GUARDIAN);
        String ginaToken = world.campus().signIn(oauth, "gina", PORTAL, "student.guardian");
        // A link waits for a second administrator: until then it opens nothing, and its maker cannot approve it.
        Api.Reply waiting = raw.once(api.call("POST", "/records/" + world.ivy() + "/guardian-links", world.ada(),
            "administration").json("application/json", Map.of("guardianIndex", 0, "username", "gina")));
        assertThat(waiting.status()).as(waiting.body()).isEqualTo(201);
        assertThat(waiting.json().get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        String gina = waiting.json().get("id").asText();
        assertThat(api.call("GET", "/guardian/children/" + world.ivy(), ginaToken, null).send().status()).isEqualTo(404);
        assertThat(api.call("GET", "/guardian/children", ginaToken, null).send().json().get("children")).isEmpty();
        String approve = "/records/" + world.ivy() + "/guardian-links/" + gina + "/approve";
        Api.Reply own = raw.once(api.call("POST", approve, world.ada(), "administration"));
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(own.json().get("type").asText()).isEqualTo(PROBLEMS + "four-eyes");
        assertThat(raw.once(api.call("POST", approve, sam, "teaching")).status()).isEqualTo(403);
        Api.Reply approved = raw.once(api.call("POST", approve, world.eli(), "administration"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(approved.json().get("approvedBy").asText()).isEqualTo(world.campus().userIds.get("eli"));
        assertThat(raw.once(api.call("POST", approve, world.eli(), "administration")).status())
            .as("approved once").isEqualTo(409);
        assertThat(api.call("GET", "/guardian/children/" + world.ivy(), ginaToken, null).send().status()).isEqualTo(200);
        assertThat(raw.once(api.call("DELETE", "/records/" + world.ivy() + "/guardian-links/" + gina, world.ada(),
            "administration")).status()).isEqualTo(200);
        assertThat(api.call("GET", "/guardian/children/" + world.ivy(), ginaToken, null).send().status())
            .as("the next request after the link ended").isEqualTo(404);
        assertThat(raw.once(api.call("DELETE", "/records/" + world.ivy() + "/guardian-links/" + gina, world.ada(),
            "administration")).status()).isEqualTo(404);
        assertThat(raw.once(api.call("DELETE", "/records/" + world.mia() + "/guardian-links/" + linkId, sam,
            "teaching")).status()).as("staff do not unlink").isEqualTo(403);
        JsonNode miasLog = api.call("GET", "/me/access-log?limit=1000", mia, null).send().json().get("entries");
        assertThat(miasLog.findValuesAsText("operation")).as("mia sees the centre's work on her links")
            .contains("GUARDIAN_LINK", "GUARDIAN_LINK_LIST");
    }

    @Test
    void graceReadsAndEditsMiasContactSeesHerAccessLogAndGets404ForAnyOtherRecord() {
        World world = WORLD.get();
        Api api = world.campus().api;
        RawRealmStore raw = WORLD.raw();
        linkOnce(world, world.mia(), "grace");
        linkOnce(world, world.leo(), "henry");
        String grace = world.campus().signIn(oauth, "grace", PORTAL, "student.guardian");
        String graceId = world.campus().userIds.get("grace");

        Api.Reply children = raw.once(api.call("GET", "/guardian/children", grace, null));
        assertThat(children.status()).as(children.body()).isEqualTo(200);
        JsonNode child = children.json().get("children").get(0);
        assertThat(children.json().get("children")).hasSize(1);
        assertThat(child.get("recordId").asText()).isEqualTo(world.mia());
        assertThat(child.get("name").asText()).isEqualTo(GeneratedStudent.number(382, PHYSICS_CLASS).name());
        assertThat(child.get("age").asInt()).isEqualTo(12);
        assertThat(child.get("relationship").asText()).isEqualTo("MOTHER");
        assertThat(child.get("proxy").asBoolean()).isTrue();

        Api.Reply read = raw.once(api.call("GET", "/guardian/children/" + world.mia(), grace, null));
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().has("identity")).isTrue();
        assertThat(read.json().has("contact")).isTrue();
        assertThat(read.json().has("guardians")).isTrue();
        String etag = read.header("ETag");
        assertThat(etag).isNotNull();

        Map<String, Object> newPhone = Map.of("contact", Map.of("mobilePhone", "13900000382"));
        assertThat(raw.once(api.call("PATCH", "/guardian/children/" + world.mia(), grace, null)
            .json(Api.MERGE_PATCH, newPhone)).status()).as("without If-Match").isEqualTo(428);
        Api.Reply profile = raw.once(api.call("PATCH", "/guardian/children/" + world.mia(), grace, null)
            .header("If-Match", etag).json(Api.MERGE_PATCH, Map.of("profile", Map.of("name", "Another Name"))));
        assertThat(profile.status()).as("profile goes through a correction").isEqualTo(403);
        Api.Reply edited = raw.once(api.call("PATCH", "/guardian/children/" + world.mia(), grace, null)
            .header("If-Match", etag).json(Api.MERGE_PATCH, newPhone));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("contact").get("mobilePhone").asText()).isEqualTo("13900000382");
        assertThat(raw.once(api.call("PATCH", "/guardian/children/" + world.mia(), grace, null)
            .header("If-Match", etag).json(Api.MERGE_PATCH, newPhone)).status()).as("stale").isEqualTo(412);

        Api.Reply correction = raw.once(api.call("POST", "/guardian/children/" + world.mia() + "/corrections", grace,
            null).json("application/json", Map.of("changes", Map.of("profile", Map.of("name", "Corrected Name")),
            "reason", "The name was misspelt at enrolment.")));
        assertThat(correction.status()).as(correction.body()).isEqualTo(201);

        Api.Reply log = raw.once(api.call("GET", "/guardian/children/" + world.mia() + "/access-log", grace, null));
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        JsonNode byGrace = log.json().get("entries");
        assertThat(byGrace.findValuesAsText("recordId")).containsOnly(world.mia());

        // Every call of grace's is in mia's own access log, naming grace.
        String mia = world.campus().signIn(oauth, "mia", PORTAL, "student.self");
        JsonNode miasLog = api.call("GET", "/me/access-log?limit=1000", mia, null).send().json().get("entries");
        List<String> graceOperations = new java.util.ArrayList<>();
        miasLog.forEach(entry -> {
            if (graceId.equals(entry.path("subject").asText())) {
                graceOperations.add(entry.get("operation").asText());
            }
        });
        assertThat(graceOperations).contains("GUARDIAN_CHILDREN", "READ", "UPDATE", "REQUEST_CORRECTION",
            "READ_ACCESS_LOG");
        assertThat(graceOperations.stream().filter("UPDATE"::equals).count()).as("428, 403, 200 and 412").isEqualTo(4);

        for (String other : List.of(world.alice(), world.leo(), world.nora(), UUID.randomUUID().toString())) {
            assertThat(raw.once(api.call("GET", "/guardian/children/" + other, grace, null)).status())
                .as("a record grace is not linked to").isEqualTo(404);
            assertThat(raw.once(api.call("GET", "/guardian/children/" + other + "/access-log", grace, null)).status())
                .isEqualTo(404);
            assertThat(raw.once(api.call("PATCH", "/guardian/children/" + other, grace, null).header("If-Match", "\"1\"")
                .json(Api.MERGE_PATCH, newPhone)).status()).isEqualTo(404);
        }
        assertThat(api.call("GET", "/records/" + world.mia(), grace, "administration").send().status())
            .as("a guardian is no staff").isIn(403, 404);
        assertThat(api.call("GET", "/guardian/children/" + world.mia(), mia, null).send().status())
            .as("a student is no guardian").isEqualTo(403);
        String henry = world.campus().signIn(oauth, "henry", PORTAL, "student.guardian");
        assertThat(api.call("GET", "/guardian/children/" + world.mia(), henry, null).send().status()).isEqualTo(404);
        assertThat(api.call("GET", "/guardian/children/" + world.leo(), henry, null).send().status()).isEqualTo(200);
    }

    @Test
    void aLinkEndsByItselfOnTheChildsEighteenthBirthday() {
        World world = WORLD.get();
        Api api = world.campus().api;
        linkOnce(world, world.nora(), "hugo");
        String hugo = world.campus().signIn(oauth, "hugo", PORTAL, "student.guardian");
        assertThat(api.call("GET", "/guardian/children/" + world.nora(), hugo, null).send().status()).isEqualTo(200);
        try {
            clock.set(4 * 24 * 3600);
            String later = world.campus().signIn(oauth, "hugo", PORTAL, "student.guardian");
            Api.Reply ended = WORLD.raw().once(api.call("GET", "/guardian/children/" + world.nora(), later, null));
            assertThat(ended.status()).as(ended.body()).isEqualTo(403);
            assertThat(ended.json().get("type").asText()).endsWith("proxy-ended");
            assertThat(api.call("GET", "/guardian/children/" + world.nora() + "/access-log", later, null).send()
                .json().get("type").asText()).endsWith("proxy-ended");
            JsonNode children = api.call("GET", "/guardian/children", later, null).send().json().get("children");
            assertThat(children.get(0).get("proxy").asBoolean()).isFalse();
            assertThat(children.get(0).get("age").asInt()).isEqualTo(18);
            assertThat(children.get(0).get("name").isNull()).isTrue();
        } finally {
            clock.set(0);
        }
    }

    /** Links {@code username} to the first guardian entry of {@code recordId} as the centre; the link's id. */
    @Test
    void miaCannotConsentGraceCanLeoConsentsHimselfAndHenryCannotAndTheLedgerKeepsEveryChange() {
        World world = WORLD.get();
        Api api = world.campus().api;
        RawRealmStore raw = WORLD.raw();
        linkOnce(world, world.mia(), "grace");
        linkOnce(world, world.leo(), "henry");
        String grace = world.campus().signIn(oauth, "grace", PORTAL, "student.guardian");
        String henry = world.campus().signIn(oauth, "henry", PORTAL, "student.guardian");
        String mia = world.campus().signIn(oauth, "mia", PORTAL, "student.self");
        String leo = world.campus().signIn(oauth, "leo", PORTAL, "student.self");
        Map<String, Object> give = Map.of("given", true);
        Map<String, Object> withdraw = Map.of("given", false);

        Api.Reply none = raw.once(api.call("GET", "/me/consents", mia, null));
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.json().get("consents").findValuesAsText("purpose"))
            .containsExactly("photo-publication", "research-statistics");
        assertThat(none.json().get("consents").get(0).get("status").asText()).isEqualTo("NONE");
        assertThat(none.json().get("consents").get(0).get("version").asInt()).isEqualTo(2);
        assertThat(none.json().get("consents").get(0).get("texts").get("zh-CN").asText()).isEqualTo("可以发布照片。");

        Api.Reply miaTries = raw.once(api.call("PUT", "/me/consents/photo-publication", mia, null)
            .json("application/json", give));
        assertThat(miaTries.status()).as(miaTries.body()).isEqualTo(403);
        assertThat(miaTries.json().get("type").asText()).isEqualTo(PROBLEMS + "guardian-consent-required");

        Api.Reply graceGives = raw.once(api.call("PUT", "/guardian/children/" + world.mia()
            + "/consents/photo-publication", grace, null).json("application/json", give));
        assertThat(graceGives.status()).as(graceGives.body()).isEqualTo(200);
        assertThat(graceGives.json().get("status").asText()).isEqualTo("GIVEN");
        assertThat(graceGives.json().get("by").asText()).isEqualTo(world.campus().userIds.get("grace"));
        assertThat(graceGives.json().get("textVersion").asInt()).isEqualTo(2);
        assertThat(graceGives.json().get("at").asText()).isNotBlank();
        Api.Reply graceWithdraws = raw.once(api.call("PUT", "/guardian/children/" + world.mia()
            + "/consents/photo-publication", grace, null).json("application/json", withdraw));
        assertThat(graceWithdraws.json().get("status").asText()).isEqualTo("WITHDRAWN");
        JsonNode miasView = api.call("GET", "/me/consents", mia, null).send().json().get("consents").get(0);
        assertThat(miasView.get("status").asText()).as("mia sees what her mother did").isEqualTo("WITHDRAWN");
        assertThat(miasView.get("byRole").asText()).isEqualTo("GUARDIAN");
        assertThat(raw.once(api.call("PUT", "/guardian/children/" + world.mia() + "/consents/no-such-purpose", grace,
            null).json("application/json", give)).status()).isEqualTo(404);
        assertThat(raw.once(api.call("PUT", "/guardian/children/" + world.mia() + "/consents/photo-publication", grace,
            null).json("application/json", Map.of())).status()).as("given is required").isEqualTo(422);

        Api.Reply leoGives = raw.once(api.call("PUT", "/me/consents/research-statistics", leo, null)
            .json("application/json", give));
        assertThat(leoGives.status()).as(leoGives.body()).isEqualTo(200);
        assertThat(leoGives.json().get("byRole").asText()).isEqualTo("STUDENT");
        Api.Reply henryTries = raw.once(api.call("PUT", "/guardian/children/" + world.leo()
            + "/consents/research-statistics", henry, null).json("application/json", withdraw));
        assertThat(henryTries.status()).as(henryTries.body()).isEqualTo(403);
        assertThat(henryTries.json().get("type").asText()).isEqualTo(PROBLEMS + "student-consents-themselves");
        JsonNode henrysView = raw.once(api.call("GET", "/guardian/children/" + world.leo() + "/consents", henry, null))
            .json().get("consents");
        assertThat(henrysView.findValuesAsText("status")).containsExactly("NONE", "GIVEN");
        assertThat(raw.once(api.call("GET", "/guardian/children/" + world.leo() + "/consents", grace, null)).status())
            .as("not grace's child").isEqualTo(404);

        Api.Reply ledger = raw.once(api.call("GET", "/consents?purpose=photo-publication", world.ada(),
            "administration"));
        assertThat(ledger.status()).as(ledger.body()).isEqualTo(200);
        JsonNode miasLine = ledger.json().get("consents").get(0);
        assertThat(ledger.json().get("consents")).hasSize(1);
        assertThat(miasLine.get("recordId").asText()).isEqualTo(world.mia());
        assertThat(miasLine.get("history").findValuesAsText("given")).containsExactly("true", "false");
        assertThat(miasLine.get("history").findValuesAsText("by")).containsOnly(world.campus().userIds.get("grace"));
        assertThat(miasLine.get("history").findValuesAsText("textVersion")).containsOnly("2");
        assertThat(raw.once(api.call("GET", "/consents?status=GIVEN", world.ada(), "administration")).json()
            .get("consents").findValuesAsText("recordId")).containsExactly(world.leo());
        assertThat(raw.once(api.call("GET", "/consents", grace, null)).status()).isEqualTo(403);
        assertThat(raw.once(api.call("GET", "/consents?status=MAYBE", world.ada(), "administration")).status())
            .isEqualTo(400);
        // The ledger lists the students with a history for a purpose: none of its lines is NONE.
        Api.Reply noneAsked = raw.once(api.call("GET", "/consents?status=NONE", world.ada(), "administration"));
        assertThat(noneAsked.status()).as(noneAsked.body()).isEqualTo(400);
        assertThat(noneAsked.json().get("detail").asText()).isEqualTo("status must be GIVEN or WITHDRAWN.");
    }

    @Test
    void aGrantRelyingOnConsentReadsMiaOnlyWhileHerConsentIsGiven() {
        World world = WORLD.get();
        Api api = world.campus().api;
        linkOnce(world, world.mia(), "grace");
        String grace = world.campus().signIn(oauth, "grace", PORTAL, "student.guardian");
        String eli = world.campus().signIn(oauth, "eli", PORTAL, ADMIN_SCOPES);
        String bureau = world.campus().serviceToken(oauth, Campus.BUREAU);

        Map<String, Object> asked = new java.util.LinkedHashMap<>(Campus.grantRequest(PHYSICS_CLASS,
            java.time.Instant.now().plus(java.time.Duration.ofDays(30)), "CSB-2026-C1", "agreement.pdf",
            "application/pdf", "%PDF-1.4\n% consent-bound grant\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        asked.put("legalBasis", "consent");
        asked.put("consentPurpose", "no-such-purpose");
        Api.Reply unknown = api.call("POST", "/grants", world.ada(), "administration")
            .json("application/json", asked).send();
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.json().get("errors").findValuesAsText("field")).containsExactly("consentPurpose");
        asked.put("consentPurpose", "research-statistics");
        Api.Reply requested = api.call("POST", "/grants", world.ada(), "administration")
            .json("application/json", asked).send();
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        assertThat(requested.json().get("legalBasis").asText()).isEqualTo("consent");
        assertThat(requested.json().get("consentPurpose").asText()).isEqualTo("research-statistics");
        String grantId = requested.json().get("id").asText();
        assertThat(api.call("POST", "/grants/" + grantId + "/approve", eli, "administration").send().status())
            .isEqualTo(200);

        assertThat(api.call("GET", "/records/" + world.mia(), bureau, "statistics").send().status())
            .as("no consent yet").isEqualTo(404);
        JsonNode relied = api.call("GET", "/guardian/children/" + world.mia() + "/consents", grace, null).send().json()
            .get("consents").get(1);
        assertThat(relied.get("purpose").asText()).isEqualTo("research-statistics");
        assertThat(relied.get("reliedOnBy").toString()).as("grace sees who relies on the consent")
            .isEqualTo("[\"" + Campus.BUREAU + "\"]");
        assertThat(api.call("PUT", "/guardian/children/" + world.mia() + "/consents/research-statistics", grace, null)
            .json("application/json", Map.of("given", true)).send().status()).isEqualTo(200);
        Api.Reply read = api.call("GET", "/records/" + world.mia(), bureau, "statistics").send();
        assertThat(read.status()).as("consent given: " + read.body()).isEqualTo(200);
        assertThat(read.json().has("profile")).isTrue();
        assertThat(api.call("GET", "/records/" + world.alice(), bureau, "statistics").send().status())
            .as("alice never consented").isEqualTo(404);
        assertThat(api.call("PUT", "/guardian/children/" + world.mia() + "/consents/research-statistics", grace, null)
            .json("application/json", Map.of("given", false)).send().status()).isEqualTo(200);
        assertThat(api.call("GET", "/records/" + world.mia(), bureau, "statistics").send().status())
            .as("the next request after the withdrawal").isEqualTo(404);
        JsonNode grants = api.call("GET", "/grants", world.ada(), "administration").send().json().get("grants");
        assertThat(grants.findValuesAsText("legalBasis")).contains("consent");
    }

    @Test
    void studentsAndGuardiansSendReportsAndQuestionsAndTheCentreSeesWhoSentThem() {
        World world = WORLD.get();
        Api api = world.campus().api;
        RawRealmStore raw = WORLD.raw();
        linkOnce(world, world.mia(), "grace");
        String grace = world.campus().signIn(oauth, "grace", PORTAL, "student.guardian");
        String mia = world.campus().signIn(oauth, "mia", PORTAL, "student.self");
        String sue = world.campus().signIn(oauth, "sue", PORTAL, STAFF_SCOPES + " student.audit");

        Api.Reply question = raw.once(api.call("POST", "/guardian/children/" + world.mia() + "/reports", grace, null)
            .json("application/json", Map.of("kind", "QUESTION", "message", "Who may see my daughter's address?",
                "auditEntries", List.of())));
        assertThat(question.status()).as(question.body()).isEqualTo(201);
        assertThat(question.json().get("kind").asText()).isEqualTo("QUESTION");
        assertThat(question.json().get("sentByRole").asText()).isEqualTo("GUARDIAN");
        assertThat(raw.newestAuditEntry().getString("operation")).as("a question is entered as one")
            .isEqualTo("ASK_QUESTION");
        Api.Reply misuse = raw.once(api.call("POST", "/me/reports", mia, null).json("application/json",
            Map.of("kind", "MISUSE", "message", "A stranger knew my phone number.", "auditEntries", List.of())));
        assertThat(misuse.status()).as(misuse.body()).isEqualTo(201);
        assertThat(raw.once(api.call("POST", "/me/reports", mia, null).json("application/json",
            Map.of("kind", "GOSSIP", "message", "x", "auditEntries", List.of()))).status()).isEqualTo(400);
        assertThat(raw.once(api.call("POST", "/guardian/children/" + world.leo() + "/reports", grace, null)
            .json("application/json", Map.of("kind", "QUESTION", "message", "Not my child.", "auditEntries",
                List.of()))).status()).as("not grace's child").isEqualTo(404);

        for (String[] reader : List.of(new String[] {world.ada(), "administration"}, new String[] {sue, "administration"})) {
            JsonNode reports = api.call("GET", "/reports", reader[0], reader[1]).send().json().get("reports");
            JsonNode byGrace = null;
            JsonNode byMia = null;
            for (JsonNode report : reports) {
                if (report.get("id").asText().equals(question.json().get("id").asText())) {
                    byGrace = report;
                } else if (report.get("id").asText().equals(misuse.json().get("id").asText())) {
                    byMia = report;
                }
            }
            assertThat(byGrace).isNotNull();
            assertThat(byGrace.get("kind").asText()).isEqualTo("QUESTION");
            assertThat(byGrace.get("sentBy").asText()).isEqualTo("grace");
            assertThat(byGrace.get("sentByRole").asText()).isEqualTo("GUARDIAN");
            assertThat(byGrace.get("recordId").asText()).isEqualTo(world.mia());
            assertThat(byMia).isNotNull();
            assertThat(byMia.get("kind").asText()).isEqualTo("MISUSE");
            assertThat(byMia.get("sentBy").asText()).isEqualTo("mia");
            assertThat(byMia.get("sentByRole").asText()).isEqualTo("STUDENT");
        }
        JsonNode miasReports = api.call("GET", "/me/reports", mia, null).send().json().get("reports");
        assertThat(miasReports.findValuesAsText("kind")).contains("QUESTION", "MISUSE");
    }

    @Test
    void anInvitationMailLeadsToALinkWhenAcceptedAndToNothingWhenExpiredOrReused() {
        World world = WORLD.get();
        Api api = world.campus().api;
        RawRealmStore raw = WORLD.raw();
        world.campus().person("zed", null, GUARDIAN);
        world.campus().person("yan", null, GUARDIAN);
        Map<String, Object> invitation = Map.of("guardianIndex", 0, "email", "zoe.parent@people.example.test");

        assertThat(raw.once(api.call("POST", "/records/" + world.alice() + "/guardian-invitations", world.ada(),
            "administration").json("application/json", Map.of("guardianIndex", 0, "email", "x@people.example.test")))
            .status()).as("an adult student").isEqualTo(422);
        assertThat(raw.once(api.call("POST", "/records/" + world.zoe() + "/guardian-invitations", world.ada(),
            "administration").json("application/json", Map.of("guardianIndex", 0, "email", "not an address")))
            .status()).isEqualTo(422);
        int before = mail.getReceivedMessages().length;
        Api.Reply first = raw.once(api.call("POST", "/records/" + world.zoe() + "/guardian-invitations", world.ada(),
            "administration").json("application/json", invitation));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.body()).doesNotContain("token");
        Api.Reply second = raw.once(api.call("POST", "/records/" + world.zoe() + "/guardian-invitations", world.ada(),
            "administration").json("application/json", invitation));
        assertThat(second.status()).isEqualTo(201);
        assertThat(mail.waitForIncomingEmail(30_000, before + 2)).as("both invitations are mailed").isTrue();
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = before; i < before + 2; i++) {
            jakarta.mail.internet.MimeMessage message = mail.getReceivedMessages()[i];
            String text = MailText.of(message);
            try {
                assertThat(message.getAllRecipients()[0].toString()).isEqualTo("zoe.parent@people.example.test");
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
            assertThat(text).contains("/realms/" + realm.getName() + "/account/#/my-children?invitation=");
            assertThat(text).as("the mail names no student").doesNotContain(GeneratedStudent.number(386, PHYSICS_CLASS).name());
            java.util.regex.Matcher token = java.util.regex.Pattern.compile("invitation=([A-Za-z0-9_-]{20,})").matcher(text);
            assertThat(token.find()).isTrue();
            tokens.add(token.group(1));
        }

        try {
            clock.set(8 * 24 * 3600);
            String zedLater = world.campus().signIn(oauth, "zed", PORTAL, "student.guardian");
            Api.Reply expired = raw.once(api.call("POST", "/guardian/invitations", zedLater, null)
                .json("application/json", Map.of("token", tokens.get(1))));
            assertThat(expired.status()).as("expired: " + expired.body()).isEqualTo(404);
        } finally {
            clock.set(0);
        }
        assertThat(linksOf(world, world.zoe())).as("an expired invitation links nothing").isEmpty();

        String zed = world.campus().signIn(oauth, "zed", PORTAL, "student.guardian");
        Api.Reply accepted = raw.once(api.call("POST", "/guardian/invitations", zed, null)
            .json("application/json", Map.of("token", tokens.get(0))));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.json().get("via").asText()).isEqualTo("INVITATION");
        assertThat(accepted.json().get("username").asText()).isEqualTo("zed");
        assertThat(linksOf(world, world.zoe()).findValuesAsText("username")).containsExactly("zed");
        // The accepted invitation's link waits for an administrator other than the one who invited.
        assertThat(accepted.json().get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(api.call("GET", "/guardian/children/" + world.zoe(), zed, null).send().status()).isEqualTo(404);
        String approve = "/records/" + world.zoe() + "/guardian-links/" + accepted.json().get("id").asText()
            + "/approve";
        assertThat(raw.once(api.call("POST", approve, world.ada(), "administration")).status()).isEqualTo(403);
        assertThat(raw.once(api.call("POST", approve, world.eli(), "administration")).status()).isEqualTo(200);
        assertThat(api.call("GET", "/guardian/children/" + world.zoe(), zed, null).send().status()).isEqualTo(200);

        String yan = world.campus().signIn(oauth, "yan", PORTAL, "student.guardian");
        Api.Reply noChildren = raw.once(api.call("GET", "/guardian/children", yan, null));
        assertThat(noChildren.status()).as("a guardian without children, one entry").isEqualTo(200);
        assertThat(noChildren.json().get("children")).isEmpty();
        assertThat(raw.once(api.call("POST", "/guardian/invitations", yan, null)
            .json("application/json", Map.of("token", tokens.get(0)))).status()).as("reused").isEqualTo(404);
        assertThat(raw.once(api.call("POST", "/guardian/invitations", yan, null)
            .json("application/json", Map.of("token", "no-such-invitation-token-at-all"))).status()).isEqualTo(404);
        assertThat(linksOf(world, world.zoe()).findValuesAsText("username")).as("nothing more linked")
            .containsExactly("zed");
        assertThat(api.call("GET", "/guardian/children/" + world.zoe(), yan, null).send().status()).isEqualTo(404);
    }

    private static JsonNode linksOf(World world, String recordId) {
        return world.campus().api.call("GET", "/records/" + recordId + "/guardian-links", world.ada(), "administration")
            .send().json().get("links");
    }

    private static String link(World world, String recordId, String username) {
        Api.Reply linked = WORLD.raw().once(world.campus().api.call("POST", "/records/" + recordId + "/guardian-links",
            world.ada(), "administration").json("application/json", Map.of("guardianIndex", 0, "username", username)));
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        assertThat(linked.header("Location")).endsWith("/guardian-links/" + linked.json().get("id").asText());
        String id = linked.json().get("id").asText();
        Api.Reply approved = world.campus().api.call("POST", "/records/" + recordId + "/guardian-links/" + id
            + "/approve", world.eli(), "administration").send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return id;
    }

    /** As {@link #link}, unless the record's first entry is linked to {@code username} already (tests share records). */
    private static void linkOnce(World world, String recordId, String username) {
        JsonNode links = world.campus().api.call("GET", "/records/" + recordId + "/guardian-links", world.ada(),
            "administration").send().json().get("links");
        if (!links.findValuesAsText("username").contains(username)) {
            link(world, recordId, username);
        }
    }
}
