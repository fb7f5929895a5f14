package edu.studentrecords.it;

import static edu.studentrecords.it.AccessLogPages.badFiltersRefused;
import static edu.studentrecords.it.AccessLogPages.clientName;
import static edu.studentrecords.it.AccessLogPages.entries;
import static edu.studentrecords.it.AccessLogPages.kind;
import static edu.studentrecords.it.AccessLogPages.only;
import static edu.studentrecords.it.AccessLogPages.read;
import static edu.studentrecords.it.AccessLogPages.staffTeachingOneByOne;
import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A student's access log as the API answers it: each entry says who acted as far as the student may know it (herself,
 * her guardian, staff of her class or of a unit above it by role, an administrator, an application by name, never a
 * staff member's name), the {@code who} and {@code purpose} filters apply to the whole log before it is paged, other
 * students' entries never appear, a filter value that cannot be one is a 400, and every call leaves one audit entry.
 * And "Download my data": the export holds her corrections, reports and questions, consents and notices, and nothing
 * of another student.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class OwnAccessLogIT {

    private static final ZoneId SCHOOL_DAY = ZoneId.of("Asia/Shanghai");
    private static final String CONSENT_PURPOSES = "[{\"id\":\"photo-publication\",\"version\":1,\"texts\":"
        + "{\"en\":\"Photos may be published.\",\"zh-CN\":\"可以发布照片。\"}}]";

    @InjectRealm(ref = "own-access-log")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<OwnAccessLogIT, World> WORLD = CampusWorld.of(OwnAccessLogIT.class, t -> t.realm,
        t -> t.oauth, OwnAccessLogIT::build);

    /**
     * The campus with alice (16, physics class, her mother grace linked as her guardian) and bob (same class), and who
     * looked at alice's record: sam (staff of her class) three times for teaching, pat (staff of the science faculty,
     * above her class) once, ada (an administrator) once, the library for itself once, grace once, alice herself once,
     * bob (a classmate) tried once and was refused; sam also read bob's record twice for teaching.
     */
    record World(Campus campus, String alice, String bob, String aliceRecord, String bobRecord) {
    }

    private static World build(OwnAccessLogIT test, Campus campus) {
        campus.person("grace", null, "guardian");
        campus.person("pat", "science", "records-staff");
        var representation = campus.realm.admin().toRepresentation();
        representation.getAttributes().put("student-records.consent-purposes", CONSENT_PURPOSES);
        campus.realm.admin().update(representation);
        String ada = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
        String eli = campus.signIn(test.oauth, "eli", PORTAL, ADMIN_SCOPES);
        LocalDate today = LocalDate.now(SCHOOL_DAY);
        String aliceRecord = campus.enrol(ada, GeneratedStudent.number(301, PHYSICS_CLASS)
            .bornOn(today.minusYears(16).minusDays(40)), "alice");
        String bobRecord = campus.enrol(ada, GeneratedStudent.number(302, PHYSICS_CLASS), "bob");
        campus.linkGuardian(ada, eli, aliceRecord, 0, "grace");
        Api api = campus.api;
        String sam = campus.signIn(test.oauth, "sam", PORTAL, STAFF_SCOPES);
        String pat = campus.signIn(test.oauth, "pat", PORTAL, STAFF_SCOPES);
        String grace = campus.signIn(test.oauth, "grace", PORTAL, "student.guardian");
        String alice = campus.signIn(test.oauth, "alice", PORTAL, "student.self");
        String bob = campus.signIn(test.oauth, "bob", PORTAL, "student.self");
        for (int i = 0; i < 3; i++) {
            read(api, "/records/" + aliceRecord, sam, "teaching");
        }
        read(api, "/records/" + bobRecord, sam, "teaching");
        read(api, "/records/" + bobRecord, sam, "teaching");
        read(api, "/records/" + aliceRecord, pat, "teaching");
        read(api, "/records/" + aliceRecord, ada, "administration");
        read(api, "/records/" + aliceRecord, campus.serviceToken(test.oauth, LIBRARY), "library-services");
        read(api, "/guardian/children/" + aliceRecord, grace, null);
        read(api, "/me", alice, null);
        // bob, her classmate, tries to read her record: refused, and in her log as what he is, never as staff.
        Api.Reply tried = api.call("GET", "/records/" + aliceRecord, bob, "teaching").send();
        assertThat(tried.status()).as(tried.body()).isIn(403, 404);
        return new World(campus, alice, bob, aliceRecord, bobRecord);
    }

    @Test
    void everyEntrySaysWhoActedAsTheStudentMayKnowIt() {
        World w = WORLD.get();
        Api.Reply log = WORLD.raw().once(w.campus().api.call("GET", "/me/access-log?limit=1000", w.alice(), null));
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<JsonNode> reads = entries(log.json()).stream()
            .filter(e -> e.get("operation").asText().equals("READ")).toList();
        assertThat(reads).allSatisfy(e -> assertThat(e.get("recordId").asText()).isEqualTo(w.aliceRecord()));

        JsonNode own = only(reads, "YOU");
        assertThat(own.get("actor").get("clientName").asText()).isEqualTo(clientName(realm, PORTAL));
        JsonNode guardian = only(reads, "GUARDIAN");
        assertThat(guardian.get("actor").get("username").asText()).isEqualTo("grace");
        assertThat(guardian.get("actor").get("relationship").asText()).isEqualTo("MOTHER");
        JsonNode library = only(reads, "APPLICATION");
        assertThat(library.get("actor").get("clientName").asText()).isEqualTo(clientName(realm, LIBRARY));
        assertThat(library.has("subject")).isFalse();

        JsonNode classmate = only(reads, "PERSON");
        assertThat(classmate.get("decision").asText()).isEqualTo("DENY");
        assertThat(classmate.get("actor").has("role")).as("no role, no unit: %s", classmate).isFalse();
        Api.Reply others = WORLD.raw().once(w.campus().api.call("GET", "/me/access-log?who=person", w.alice(), null));
        assertThat(entries(others.json())).hasSize(1).allSatisfy(e -> assertThat(kind(e)).isEqualTo("PERSON"));

        List<JsonNode> staff = reads.stream().filter(e -> kind(e).equals("STAFF")).toList();
        assertThat(staff).hasSize(5);
        assertThat(staff.stream().map(e -> e.get("actor").get("role").asText() + " "
            + e.get("actor").path("unit").asText("-") + " " + e.get("actor").path("unitPath").asText("-")))
            .containsExactlyInAnyOrder("records-staff OWN " + PHYSICS_CLASS, "records-staff OWN " + PHYSICS_CLASS,
                "records-staff OWN " + PHYSICS_CLASS, "records-staff ABOVE science", "records-admin - -");
        // Roles and units only: no staff member's username or name is in the log.
        assertThat(log.body()).doesNotContain("\"sam\"", "\"pat\"", "\"ada\"", "Sam Tester", "Pat Tester", "Ada Tester",
            "sam@", "pat@", "ada@");
    }

    @Test
    void whoAndPurposeFilterTheWholeLogBeforeItIsPaged() {
        World w = WORLD.get();
        Api api = w.campus().api;
        RawRealmStore raw = WORLD.raw();
        // A page of one: the filter finds all four teaching reads by staff, one page at a time.
        staffTeachingOneByOne(raw, api, "/me/access-log", w.alice(), w.aliceRecord(), 4);

        Api.Reply library = raw.once(api.call("GET", "/me/access-log?purpose=library-services", w.alice(), null));
        assertThat(entries(library.json())).hasSize(1)
            .allSatisfy(e -> assertThat(kind(e)).isEqualTo("APPLICATION"));
        assertThat(library.json().get("purposes")).extracting(JsonNode::asText)
            .contains("teaching", "administration", "library-services");

        Api.Reply mine = raw.once(api.call("GET", "/me/access-log?who=You", w.alice(), null));
        assertThat(entries(mine.json())).isNotEmpty().allSatisfy(e -> assertThat(kind(e)).isEqualTo("YOU"));
        Api.Reply guardians = raw.once(api.call("GET", "/me/access-log?who=guardian", w.alice(), null));
        assertThat(entries(guardians.json())).hasSize(1).allSatisfy(e -> assertThat(kind(e)).isEqualTo("GUARDIAN"));

        // bob's log has sam's two reads of his record, none of alice's.
        Api.Reply bobs = raw.once(api.call("GET", "/me/access-log?who=staff&purpose=teaching", w.bob(), null));
        assertThat(entries(bobs.json())).hasSize(2)
            .allSatisfy(e -> assertThat(e.get("recordId").asText()).isEqualTo(w.bobRecord()));

        // Without filters the log answers as before, with the total.
        Api.Reply plain = raw.once(api.call("GET", "/me/access-log?offset=0&limit=2", w.alice(), null));
        assertThat(entries(plain.json())).hasSize(2);
        assertThat(plain.json().get("total").asInt()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void aFilterValueThatCannotBeOneIsRefusedAndAudited() {
        World w = WORLD.get();
        Api api = w.campus().api;
        badFiltersRefused(WORLD.raw(), api, "/me/access-log", w.alice());
    }

    @Test
    void theExportHoldsHerCorrectionsReportsConsentsAndNoticesAndNothingOfAnotherStudent() {
        World w = WORLD.get();
        Api api = w.campus().api;
        Api.Reply asked = api.call("POST", "/me/corrections", w.alice(), null).json("application/json",
            Map.of("changes", Map.of("profile", Map.of("name", "Alice Corrected")), "reason", "My name is misspelt")).send();
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        Api.Reply bobAsked = api.call("POST", "/me/corrections", w.bob(), null).json("application/json",
            Map.of("changes", Map.of("profile", Map.of("name", "Bob Corrected")), "reason", "Bob's own request")).send();
        assertThat(bobAsked.status()).as(bobAsked.body()).isEqualTo(201);
        Api.Reply question = api.call("POST", "/me/reports", w.alice(), null).json("application/json",
            Map.of("kind", "QUESTION", "message", "Why does the library read my record?")).send();
        assertThat(question.status()).as(question.body()).isEqualTo(201);
        Api.Reply consent = api.call("PUT", "/me/consents/photo-publication", w.alice(), null)
            .json("application/json", Map.of("given", true)).send();
        assertThat(consent.status()).as(consent.body()).isEqualTo(200);

        Api.Reply export = WORLD.raw().once(api.call("GET", "/me/export", w.alice(), null));
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        JsonNode document = export.json();
        assertThat(document.get("corrections")).hasSize(1);
        assertThat(document.get("corrections").get(0).get("reason").asText()).isEqualTo("My name is misspelt");
        assertThat(document.get("reports")).extracting(r -> r.get("message").asText())
            .containsExactly("Why does the library read my record?");
        assertThat(document.get("consents")).extracting(c -> c.get("purpose").asText() + " " + c.get("status").asText())
            .containsExactly("photo-publication GIVEN");
        assertThat(document.get("notices").has("incidents")).isTrue();
        assertThat(document.get("notices").has("told")).isTrue();
        assertThat(export.body()).doesNotContain("Bob Corrected", "Bob's own request", w.bobRecord());
    }
}
