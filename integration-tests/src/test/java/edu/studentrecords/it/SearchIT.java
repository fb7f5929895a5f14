package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.BUREAU;
import static edu.studentrecords.it.Campus.HISTORY_CLASS;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /search} against the real server and store, with tokens from real OAuth flows: staff of one class see
 * that class only (hits, total and facets), administrators everything; names by characters and by pinyin, student
 * numbers by prefix; refusals are 403; every search leaves exactly one audit entry naming the ids it returned; a
 * record enrolled through the API is searchable within a second.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class SearchIT {

    private static final String SEARCH_SCOPES = "student.search student.profile.read";
    /** Made-up names that no other generated record uses; both start with the same family name. */
    private static final String PHYSICS_NAME = "欧阳澜汐";
    private static final String HISTORY_NAME = "欧阳明远";

    /** A realm of its own: realms of other test classes may share the default realm's id, and with it the store. */
    @InjectRealm(ref = "search")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<SearchIT, World> WORLD = CampusWorld.of(SearchIT.class, t -> t.realm, t -> t.oauth,
        SearchIT::enrol);

    /** The campus, its four records and the callers, set up once for the class. */
    record World(Campus campus, String physicsNamed, String physicsOther, String historyNamed, String historyOther,
                 GeneratedStudent physicsStudent, Caller admin, Caller staff, Caller staffWithoutSearch,
                 Caller bureau) {
    }

    private static World enrol(SearchIT test, Campus campus) {
        OAuthClient oauth = test.oauth;
        String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES + " student.search");
        GeneratedStudent physicsStudent = GeneratedStudent.number(41, PHYSICS_CLASS).named(PHYSICS_NAME);
        String physicsNamed = campus.enrol(admin, physicsStudent, "alice");
        String physicsOther = campus.enrol(admin, GeneratedStudent.number(42, PHYSICS_CLASS), null);
        String historyNamed = campus.enrol(admin, GeneratedStudent.number(51, HISTORY_CLASS).named(HISTORY_NAME),
            "bob");
        String historyOther = campus.enrol(admin, GeneratedStudent.number(52, HISTORY_CLASS), null);
        World world = new World(campus, physicsNamed, physicsOther, historyNamed, historyOther, physicsStudent,
            new Caller("admin", admin, "administration"),
            new Caller("staff of the physics class", campus.signIn(oauth, "sam", PORTAL, SEARCH_SCOPES), "teaching"),
            new Caller("staff without student.search", campus.signIn(oauth, "sam", PORTAL, "student.profile.read"),
                "teaching"),
            new Caller("city-statistics-bureau without a grant", campus.serviceToken(oauth, BUREAU), "statistics"));
        // The records were enrolled just now: wait (briefly) until the index has the last of them.
        awaitHits(campus.api, world.admin(), "?q=IT000052", 1, 5_000);
        return world;
    }

    @Test
    void staffOfOneClassSeeOnlyThatClassInHitsTotalAndFacetsAndAdministratorsSeeBoth() {
        World w = WORLD.get();
        JsonNode staffAll = ok(search(w.staff(), ""));
        assertThat(staffAll.get("total").asLong()).isEqualTo(2);
        assertThat(ids(staffAll)).containsExactlyInAnyOrder(w.physicsNamed(), w.physicsOther());
        assertThat(staffAll.get("hits").findValuesAsText("unit")).containsOnly(PHYSICS_CLASS);
        assertThat(fieldNames(staffAll.get("facets").get("unit"))).containsExactly(PHYSICS_CLASS);
        assertThat(staffAll.get("facets").get("unit").get(PHYSICS_CLASS).asLong()).isEqualTo(2);
        assertThat(staffAll.get("facets").get("status").get("ENROLLED").asLong()).isEqualTo(2);

        JsonNode staffFamily = ok(search(w.staff(), "欧阳"));
        assertThat(staffFamily.get("total").asLong()).isEqualTo(1);
        assertThat(ids(staffFamily)).containsExactly(w.physicsNamed());

        JsonNode adminFamily = ok(search(w.admin(), "欧阳"));
        assertThat(adminFamily.get("total").asLong()).isEqualTo(2);
        assertThat(ids(adminFamily)).containsExactlyInAnyOrder(w.physicsNamed(), w.historyNamed());
        assertThat(fieldNames(adminFamily.get("facets").get("unit")))
            .containsExactlyInAnyOrder(PHYSICS_CLASS, HISTORY_CLASS);
        assertThat(ok(call(w.admin(), "?unit=" + enc(PHYSICS_CLASS))).get("total").asLong()).isEqualTo(2);
        assertThat(ok(call(w.admin(), "?unit=arts")).get("total").asLong()).isEqualTo(2);
    }

    @Test
    void aChineseNameIsFoundByItsCharactersSimplifiedOrTraditionalAndByPinyinWithOrWithoutSpaces() {
        World w = WORLD.get();
        for (String text : List.of(PHYSICS_NAME, "歐陽瀾汐", "ouyang lanxi", "ouyanglanxi", "OuYang LanXi")) {
            JsonNode result = ok(search(w.admin(), text));
            assertThat(ids(result)).as(text).isNotEmpty();
            assertThat(ids(result).get(0)).as(text).isEqualTo(w.physicsNamed());
        }
    }

    @Test
    void aStudentNumberPrefixFindsTheNumbersThatStartWithIt() {
        World w = WORLD.get();
        assertThat(ids(ok(search(w.admin(), "IT00004")))).containsExactlyInAnyOrder(w.physicsNamed(), w.physicsOther());
        assertThat(ids(ok(search(w.admin(), "it000051"))).get(0)).isEqualTo(w.historyNamed());
    }

    @Test
    void hitsCarryTheIdAndProfileOnlyAndFiltersAndPagesApply() {
        World w = WORLD.get();
        Api.Reply reply = search(w.admin(), PHYSICS_NAME);
        JsonNode hit = ok(reply).get("hits").get(0);
        assertThat(fieldNames(hit)).containsExactly("id", "profile");
        assertThat(hit.get("profile").get("studentNumber").asText()).isEqualTo(w.physicsStudent().studentNumber());
        assertThat(reply.body()).doesNotContain(w.physicsStudent().confidentialValues().toArray(String[]::new));

        JsonNode history = ok(call(w.admin(), "?unit=arts"));
        assertThat(ids(history)).containsExactlyInAnyOrder(w.historyNamed(), w.historyOther());
        assertThat(ok(call(w.admin(), "?status=GRADUATED")).get("total").asLong()).isZero();

        JsonNode first = ok(call(w.admin(), "?unit=arts&size=1&page=0"));
        JsonNode second = ok(call(w.admin(), "?unit=arts&size=1&page=1"));
        assertThat(first.get("hits")).hasSize(1);
        assertThat(second.get("hits")).hasSize(1);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(1);
        assertThat(second.get("total").asLong()).isEqualTo(2);
        List<String> both = new ArrayList<>(ids(first));
        both.addAll(ids(second));
        assertThat(both).containsExactlyInAnyOrder(w.historyNamed(), w.historyOther());
        assertThat(ok(call(w.admin(), "?unit=arts&size=1&page=2")).get("hits")).isEmpty();

        for (String bad : List.of("?status=EXPELLED", "?size=0", "?size=101", "?page=-1", "?page=20&size=100",
            "?unit=" + enc("a//b"))) {
            Api.Reply refused = call(w.admin(), bad);
            assertThat(refused.status()).as(bad + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void anOutsideBodyWithoutAGrantAndATokenWithoutStudentSearchAre403AndEachLeavesOneRefusal() {
        World w = WORLD.get();
        Caller bureau = w.bureau();
        List<Document> bureauEntries = auditedDuring(() -> search(bureau, "欧阳"), reply -> {
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            assertThat(reply.json().get("reason").asText()).isEqualTo("NO_ACTIVE_GRANT");
        });
        assertThat(bureauEntries).singleElement().satisfies(entry -> {
            assertThat(entry.getString("operation")).isEqualTo("SEARCH");
            assertThat(entry.getString("decision")).isEqualTo("DENY");
            assertThat(entry.getString("clientId")).isEqualTo(BUREAU);
            assertThat(entry.getList("recordIds", String.class)).isEmpty();
        });

        List<Document> scopeEntries = auditedDuring(() -> search(w.staffWithoutSearch(), "欧阳"), reply -> {
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.json().get("reason").asText()).isEqualTo("SCOPE_MISSING");
        });
        assertThat(scopeEntries).singleElement().satisfies(entry -> {
            assertThat(entry.getString("decision")).isEqualTo("DENY");
            assertThat(entry.getString("reason")).isEqualTo("SCOPE_MISSING");
        });
    }

    @Test
    void everySearchLeavesExactlyOneAuditEntryNamingTheIdsItReturned() {
        World w = WORLD.get();
        for (Caller caller : List.of(w.admin(), w.staff())) {
            List<String> returned = new ArrayList<>();
            List<Document> entries = auditedDuring(() -> search(caller, "欧阳"), reply -> returned.addAll(ids(ok(reply))));
            assertThat(entries).as(caller.label()).singleElement().satisfies(entry -> {
                assertThat(entry.getString("operation")).isEqualTo("SEARCH");
                assertThat(entry.getString("decision")).isEqualTo("ALLOW");
                assertThat(entry.getString("purpose")).isEqualTo(caller.purpose());
                assertThat(entry.getList("recordIds", String.class)).containsExactlyElementsOf(returned);
                assertThat(entry.getList("groups", String.class)).containsExactly("PROFILE");
            });
        }
        // A page names the ids on that page, not everything that matched.
        List<String> page = new ArrayList<>();
        List<Document> paged = auditedDuring(() -> call(w.admin(), "?size=1&page=1"), reply -> page.addAll(ids(ok(reply))));
        assertThat(page).hasSize(1);
        assertThat(paged).singleElement().satisfies(entry ->
            assertThat(entry.getList("recordIds", String.class)).containsExactlyElementsOf(page));
        // A search that finds nothing is audited too.
        assertThat(auditedDuring(() -> search(w.admin(), "zzzz-no-such-student"),
            reply -> assertThat(ok(reply).get("total").asLong()).isZero())).singleElement()
            .satisfies(entry -> assertThat(entry.getList("recordIds", String.class)).isEmpty());
    }

    @Test
    void aRecordEnrolledThroughTheApiIsSearchableWithinOneSecond() {
        World w = WORLD.get();
        // In a class of its own, so the counts the other tests expect stay as they are.
        GeneratedStudent student = GeneratedStudent.number(61, Campus.CHEMISTRY_CLASS);
        assertThat(ok(search(w.admin(), student.studentNumber())).get("total").asLong()).isZero();
        String id = w.campus().enrol(w.admin().token(), student, null);
        long took = awaitHits(w.campus().api, w.admin(), "?q=" + enc(student.studentNumber()), 1, 1_000);
        assertThat(took).as("milliseconds until the new record was a hit").isLessThanOrEqualTo(1_000);
        assertThat(ids(ok(search(w.admin(), student.studentNumber())))).containsExactly(id);
    }

    /** Polls until the query has {@code hits} hits; returns the milliseconds it took, or fails after {@code limitMs}. */
    private static long awaitHits(Api api, Caller caller, String query, int hits, long limitMs) {
        long start = System.nanoTime();
        await().atMost(Duration.ofMillis(limitMs)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
            .untilAsserted(() -> assertThat(ok(call(api, caller, query)).get("total").asLong())
                .as("hits of %s after %d ms", query, (System.nanoTime() - start) / 1_000_000).isEqualTo(hits));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Api.Reply search(Caller caller, String text) {
        return call(caller, "?q=" + enc(text));
    }

    private static Api.Reply call(Caller caller, String query) {
        return call(WORLD.campus().api, caller, query);
    }

    private static Api.Reply call(Api api, Caller caller, String query) {
        return api.call("GET", "/search" + query, caller.token(), caller.purpose()).send();
    }

    private static JsonNode ok(Api.Reply reply) {
        assertThat(reply.status()).as("%s: %s", reply, reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.get("hits").forEach(hit -> ids.add(hit.get("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** What one call does to the reply, checked before the audit entries it left are read. */
    @FunctionalInterface
    private interface ReplyCheck {
        void check(Api.Reply reply);
    }

    /** The audit entries of the realm's store appended while {@code call} ran, oldest first. */
    private static List<Document> auditedDuring(Supplier<Api.Reply> call, ReplyCheck check) {
        MongoCollection<Document> entries = auditEntries();
        Document newest = entries.find().sort(Sorts.descending("_id")).first();
        long before = newest == null ? 0 : ((Number) newest.get("_id")).longValue();
        check.check(call.get());
        return entries.find(Filters.gt("_id", before)).sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    /** The audit chain of the test realm, read as the store keeps it (the API has no audit endpoint yet). */
    private static MongoCollection<Document> auditEntries() {
        return WORLD.raw().collection("audit_entries");
    }
}
