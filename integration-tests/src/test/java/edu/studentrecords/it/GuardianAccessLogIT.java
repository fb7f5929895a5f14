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
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A guardian's view of a child's access log answers as the student's own does: grace reads her daughter mia's log
 * with each entry saying who acted as grace may know it (herself, mia, mia's father henry by username and relationship,
 * staff of mia's class or of a unit above it by role, an administrator, an application by name, never a staff
 * member's name), the {@code who} and {@code purpose} filters apply to the whole log before it is paged; another
 * child's record or one she is not linked to is 404, a filter value that cannot be one is 400, and every call leaves
 * one audit entry. Mia's own log is unchanged: it knows no {@code STUDENT}.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class GuardianAccessLogIT {

    private static final ZoneId SCHOOL_DAY = ZoneId.of("Asia/Shanghai");

    @InjectRealm(ref = "guardian-access-log")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<GuardianAccessLogIT, World> WORLD = CampusWorld.of(GuardianAccessLogIT.class,
        t -> t.realm, t -> t.oauth, GuardianAccessLogIT::build);

    /**
     * The campus with mia (12, physics class; her mother grace and her father henry linked as her guardians), leo (10,
     * henry's only) and bob (an adult nobody here is linked to), and who looked at mia's record: sam (staff of her
     * class) twice for teaching, pat (staff of the science faculty, above her class) once for teaching, ada (an
     * administrator) twice (once to add the father's entry), the library for itself once, henry once, grace once, mia
     * herself once.
     */
    record World(Campus campus, String grace, String mia, String miaRecord, String leoRecord, String bobRecord) {
    }

    private static World build(GuardianAccessLogIT test, Campus campus) {
        campus.person("grace", null, "guardian");
        campus.person("henry", null, "guardian");
        campus.person("mia", null, "student");
        campus.person("pat", "science", "records-staff");
        String ada = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
        String eli = campus.signIn(test.oauth, "eli", PORTAL, ADMIN_SCOPES);
        LocalDate today = LocalDate.now(SCHOOL_DAY);
        String miaRecord = campus.enrol(ada, GeneratedStudent.number(311, PHYSICS_CLASS)
            .bornOn(today.minusYears(12).minusDays(40)), "mia");
        String leoRecord = campus.enrol(ada, GeneratedStudent.number(312, PHYSICS_CLASS)
            .bornOn(today.minusYears(10).minusDays(40)), null);
        String bobRecord = campus.enrol(ada, GeneratedStudent.number(313, PHYSICS_CLASS), "bob");
        Api api = campus.api;
        Api.Reply record = api.call("GET", "/records/" + miaRecord, ada, "administration").send();
        Map<String, Object> father = Map.of("name", "Henry Tester", "relationship", "FATHER", "phone", "13900000311",
            "emergencyContact", false);
        Api.Reply twoEntries = api.call("PATCH", "/records/" + miaRecord, ada, "administration")
            .header("If-Match", record.header("ETag"))
            .json(Api.MERGE_PATCH, Map.of("guardians", List.of(record.json().get("guardians").get(0), father))).send();
        assertThat(twoEntries.status()).as(twoEntries.body()).isEqualTo(200);
        campus.linkGuardian(ada, eli, miaRecord, 0, "grace");
        campus.linkGuardian(ada, eli, miaRecord, 1, "henry");
        campus.linkGuardian(ada, eli, leoRecord, 0, "henry");

        String sam = campus.signIn(test.oauth, "sam", PORTAL, STAFF_SCOPES);
        String pat = campus.signIn(test.oauth, "pat", PORTAL, STAFF_SCOPES);
        String grace = campus.signIn(test.oauth, "grace", PORTAL, "student.guardian");
        String henry = campus.signIn(test.oauth, "henry", PORTAL, "student.guardian");
        String mia = campus.signIn(test.oauth, "mia", PORTAL, "student.self");
        read(api, "/records/" + miaRecord, sam, "teaching");
        read(api, "/records/" + miaRecord, sam, "teaching");
        read(api, "/records/" + miaRecord, pat, "teaching");
        read(api, "/records/" + miaRecord, ada, "administration");
        read(api, "/records/" + miaRecord, campus.serviceToken(test.oauth, LIBRARY), "library-services");
        read(api, "/guardian/children/" + miaRecord, henry, null);
        read(api, "/guardian/children/" + miaRecord, grace, null);
        read(api, "/me", mia, null);
        return new World(campus, grace, mia, miaRecord, leoRecord, bobRecord);
    }

    @Test
    void everyEntrySaysWhoActedAsTheGuardianMayKnowIt() {
        World w = WORLD.get();
        Api.Reply log = WORLD.raw().once(w.campus().api.call("GET", childLog(w) + "?limit=1000", w.grace(), null));
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<JsonNode> reads = entries(log.json()).stream()
            .filter(e -> e.get("operation").asText().equals("READ")).toList();
        assertThat(reads).allSatisfy(e -> assertThat(e.get("recordId").asText()).isEqualTo(w.miaRecord()));

        JsonNode own = only(reads, "YOU");
        assertThat(own.get("subject").asText()).isEqualTo(w.campus().userIds.get("grace"));
        assertThat(own.get("actor").get("clientName").asText()).isEqualTo(clientName(realm, PORTAL));
        JsonNode child = only(reads, "STUDENT");
        assertThat(child.get("subject").asText()).isEqualTo(w.campus().userIds.get("mia"));
        JsonNode father = only(reads, "GUARDIAN");
        assertThat(father.get("actor").get("username").asText()).isEqualTo("henry");
        assertThat(father.get("actor").get("relationship").asText()).isEqualTo("FATHER");
        JsonNode library = only(reads, "APPLICATION");
        assertThat(library.get("actor").get("clientName").asText()).isEqualTo(clientName(realm, LIBRARY));
        assertThat(library.has("subject")).isFalse();

        List<JsonNode> staff = reads.stream().filter(e -> kind(e).equals("STAFF")).toList();
        assertThat(staff.stream().map(e -> e.get("actor").get("role").asText() + " "
            + e.get("actor").path("unit").asText("-") + " " + e.get("actor").path("unitPath").asText("-")))
            .containsExactlyInAnyOrder("records-staff OWN " + PHYSICS_CLASS, "records-staff OWN " + PHYSICS_CLASS,
                "records-staff ABOVE science", "records-admin - -", "records-admin - -");
        assertThat(log.body()).doesNotContain("\"sam\"", "\"pat\"", "\"ada\"", "Sam Tester", "Pat Tester", "Ada Tester",
            "sam@", "pat@", "ada@");

        // The child's own log is unchanged: she is YOU there, both guardians are GUARDIAN, and there is no STUDENT.
        Api.Reply hers = w.campus().api.call("GET", "/me/access-log?limit=1000", w.mia(), null).send();
        List<JsonNode> herReads = entries(hers.json()).stream()
            .filter(e -> e.get("operation").asText().equals("READ")).toList();
        assertThat(herReads.stream().map(AccessLogPages::kind)).doesNotContain("STUDENT");
        assertThat(herReads.stream().filter(e -> kind(e).equals("GUARDIAN"))
            .map(e -> e.get("actor").get("username").asText())).containsExactlyInAnyOrder("grace", "henry");
        assertThat(only(herReads, "YOU").get("subject").asText()).isEqualTo(w.campus().userIds.get("mia"));
    }

    @Test
    void whoAndPurposeFilterTheWholeLogBeforeItIsPaged() {
        World w = WORLD.get();
        Api api = w.campus().api;
        RawRealmStore raw = WORLD.raw();
        // A page of one: the filter finds all three teaching reads by staff, one page at a time.
        staffTeachingOneByOne(raw, api, childLog(w), w.grace(), w.miaRecord(), 3);

        Api.Reply library = raw.once(api.call("GET", childLog(w) + "?purpose=library-services", w.grace(), null));
        assertThat(entries(library.json())).hasSize(1).allSatisfy(e -> assertThat(kind(e)).isEqualTo("APPLICATION"));
        assertThat(library.json().get("purposes")).extracting(JsonNode::asText)
            .contains("teaching", "administration", "library-services");

        String miaId = w.campus().userIds.get("mia");
        Api.Reply child = raw.once(api.call("GET", childLog(w) + "?who=Student", w.grace(), null));
        assertThat(entries(child.json())).isNotEmpty().allSatisfy(e -> {
            assertThat(kind(e)).isEqualTo("STUDENT");
            assertThat(e.get("subject").asText()).isEqualTo(miaId);
        });
        Api.Reply mine = raw.once(api.call("GET", childLog(w) + "?who=you", w.grace(), null));
        assertThat(entries(mine.json())).isNotEmpty().allSatisfy(e -> {
            assertThat(kind(e)).isEqualTo("YOU");
            assertThat(e.get("subject").asText()).isEqualTo(w.campus().userIds.get("grace"));
        });
        assertThat(entries(mine.json()).stream().map(e -> e.get("operation").asText()))
            .as("her own reads of the log are hers").contains("READ", "READ_ACCESS_LOG");
        Api.Reply others = raw.once(api.call("GET", childLog(w) + "?who=GUARDIAN", w.grace(), null));
        assertThat(entries(others.json())).isNotEmpty().allSatisfy(e -> {
            assertThat(kind(e)).isEqualTo("GUARDIAN");
            assertThat(e.get("actor").get("username").asText()).isEqualTo("henry");
        });

        // Without filters the log answers a page with the total.
        Api.Reply plain = raw.once(api.call("GET", childLog(w) + "?offset=0&limit=2", w.grace(), null));
        assertThat(entries(plain.json())).hasSize(2);
        assertThat(plain.json().get("total").asInt()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void anotherChildsOrAnUnlinkedRecordIsNotFound() {
        World w = WORLD.get();
        Api api = w.campus().api;
        for (String other : List.of(w.leoRecord(), w.bobRecord(), UUID.randomUUID().toString())) {
            Api.Reply refused = WORLD.raw().once(api.call("GET", "/guardian/children/" + other
                + "/access-log?who=staff&purpose=teaching", w.grace(), null));
            assertThat(refused.status()).as(refused.body()).isEqualTo(404);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("\"entries\"", "teaching");
        }
    }

    @Test
    void aFilterValueThatCannotBeOneIsRefusedAndAudited() {
        World w = WORLD.get();
        Api api = w.campus().api;
        RawRealmStore raw = WORLD.raw();
        badFiltersRefused(raw, api, childLog(w), w.grace());
        // Each refusal is entered as one: the last of them, a page size that cannot be one.
        Document entry = raw.newestAuditEntry();
        assertThat(entry.getString("operation")).as("%s", entry.toJson()).isEqualTo("READ_ACCESS_LOG");
        assertThat(entry.getString("subject")).as("%s", entry.toJson()).isEqualTo(w.campus().userIds.get("grace"));
        assertThat(entry.getString("decision")).as("%s", entry.toJson()).isEqualTo("DENY");
        assertThat(entry.getString("reason")).as("%s", entry.toJson()).isEqualTo("MALFORMED_REQUEST");
        // The student's own log takes the kinds it names, no STUDENT.
        Api.Reply own = raw.once(api.call("GET", "/me/access-log?who=student", w.mia(), null));
        assertThat(own.status()).as(own.body()).isEqualTo(400);
    }

    private static String childLog(World w) {
        return "/guardian/children/" + w.miaRecord() + "/access-log";
    }
}
