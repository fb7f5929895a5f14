package edu.studentrecords.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessPolicy;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.testing.Principals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searching by name, pinyin, number, unit and status, within the caller's scope; an index fed from memory. */
class StudentSearchTest {

    private static final String TARGET = "rec-target";
    private static final String PHYSICS_1 = "science/physics/2024-1";

    @TempDir
    static Path dir;

    private static MemoryFeed feed;
    private static StudentSearchIndex index;
    private static final AccessContext ADMIN = Principals.admin("admin-1");

    @BeforeAll
    static void indexStudents() throws Exception {
        feed = new MemoryFeed();
        feed.upsert(TARGET, 1, Profiles.of("S2024000123", "张三", PHYSICS_1, EnrolmentStatus.ENROLLED));
        // Names that share the characters or the pinyin prefix, inserted before and after the exact match.
        feed.upsert("rec-z1", 1, Profiles.of("S2024000124", "张三丰", PHYSICS_1, EnrolmentStatus.ENROLLED));
        feed.upsert("rec-z2", 1, Profiles.of("S2024000125", "张山", "arts/history/2023-1", EnrolmentStatus.ENROLLED));
        feed.upsert("rec-z3", 1, Profiles.of("S2024000126", "章三", "arts/history/2023-1", EnrolmentStatus.GRADUATED));
        Profiles generated = new Profiles(7);
        for (int i = 0; i < 300; i++) {
            feed.upsert("rec-" + i, 1, generated.next(i));
        }
        feed.upsert("rec-z4", 1, Profiles.of("S2024000127", "张三明", "science/chemistry/2024-1", EnrolmentStatus.ENROLLED));
        index = StudentSearchIndex.open(SearchSettings.defaults(dir), feed);
        assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    void pinyinWithAndWithoutSpacesAndTonesAndTraditionalCharactersAllFindTheExactNameFirst() {
        for (String text : new String[] {"zhang san", "zhangsan", "Zhāng Sān", "ZhangSan", "張三", "张三"}) {
            SearchResult result = index.search(Scopes.of(ADMIN), SearchQuery.of(text), 0);
            assertThat(result.hits()).as(text).isNotEmpty();
            assertThat(result.hits().get(0).recordId()).as(text).isEqualTo(TARGET);
        }
    }

    @Test
    void aShortPinyinPrefixListsTheZhangsButNeverAboveAnExactMatch() {
        SearchResult zh = index.search(Scopes.of(ADMIN), SearchQuery.of("zh").withLimit(200), 0);
        assertThat(zh.total()).isGreaterThan(20);
        assertThat(zh.hits()).allSatisfy(h -> assertThat(h.profile().name()).matches("[张赵周朱章].*"));

        SearchResult exact = index.search(Scopes.of(ADMIN), SearchQuery.of("zhangsan").withLimit(200), 0);
        assertThat(exact.hits().get(0).recordId()).isEqualTo(TARGET);
        // 章三 reads zhang san as well: an exact pinyin match, ranked next, ahead of the mere prefixes 张三丰 and 张三明.
        assertThat(exact.hits().get(1).recordId()).isEqualTo("rec-z3");
        assertThat(exact.hits().get(0).score()).isGreaterThan(exact.hits().get(2).score());
        assertThat(exact.hits()).extracting(SearchHit::recordId).contains("rec-z1", "rec-z4").doesNotContain("rec-z2");
    }

    @Test
    void aPageSkipsTheBetterHitsAndKeepsTheTotalsAndFacetsOfEverythingMatching() {
        SearchScope.Matching all = (SearchScope.Matching) new AccessPolicy().searchScope(ADMIN);
        SearchQuery zh = SearchQuery.of("zh").withLimit(5);
        SearchResult best = index.search(all, zh.withLimit(15), 0);
        SearchResult third = index.search(all, zh, 10);
        assertThat(third.hits()).extracting(SearchHit::recordId)
                .containsExactlyElementsOf(best.hits().subList(10, 15).stream().map(SearchHit::recordId).toList());
        assertThat(third.total()).isEqualTo(best.total());
        assertThat(third.unitCounts()).isEqualTo(best.unitCounts());
        assertThat(index.search(all, zh, (int) best.total()).hits()).isEmpty();
    }

    @Test
    void studentNumberPrefixFindsTheNumbersThatStartWithIt() {
        SearchResult result = index.search(Scopes.of(ADMIN), SearchQuery.of("s202400012"), 0);
        assertThat(result.hits()).extracting(h -> h.profile().studentNumber())
                .containsExactlyInAnyOrder("S2024000123", "S2024000124", "S2024000125", "S2024000126", "S2024000127");
        assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("S2024000123"), 0).hits().get(0).recordId()).isEqualTo(TARGET);
    }

    @Test
    void unitFilterTakesTheUnitAndEverythingBelowAndStatusFilterTheStatus() {
        SearchResult science = index.search(Scopes.of(ADMIN), SearchQuery.of("").inUnits(UnitPath.parse("science")).withLimit(200), 0);
        assertThat(science.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.profile().unit()).startsWith("science/"));
        assertThat(science.unitCounts().keySet()).allMatch(u -> u.startsWith("science/"));
        assertThat(science.total()).isEqualTo(science.unitCounts().values().stream().mapToLong(Long::longValue).sum());

        SearchResult graduated = index.search(Scopes.of(ADMIN), SearchQuery.of("zhang").withStatuses(EnrolmentStatus.GRADUATED), 0);
        assertThat(graduated.hits()).extracting(SearchHit::recordId).contains("rec-z3");
        assertThat(graduated.hits()).allSatisfy(h -> assertThat(h.profile().status()).isEqualTo(EnrolmentStatus.GRADUATED));
        assertThat(graduated.statusCounts()).containsOnlyKeys("GRADUATED");
    }

    @Test
    void staffOfOneClassSeeOnlyThatClassInHitsTotalsAndFacets() {
        AccessContext staff = Principals.staff("teacher-1", Set.of("student.search", FieldGroup.PROFILE.readScope()), PHYSICS_1);
        SearchResult all = index.search(Scopes.of(staff), SearchQuery.of("").withLimit(200), 0);
        SearchResult everyone = index.search(Scopes.of(ADMIN), SearchQuery.of("").withLimit(200), 0);
        assertThat(all.hits()).isNotEmpty().allSatisfy(h -> assertThat(h.profile().unit()).isEqualTo(PHYSICS_1));
        assertThat(all.unitCounts()).containsOnlyKeys(PHYSICS_1);
        assertThat(all.total()).isEqualTo(all.unitCounts().get(PHYSICS_1)).isLessThan(everyone.total());
        assertThat(all.statusCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(all.total());

        SearchResult zhang = index.search(Scopes.of(staff), SearchQuery.of("张三"), 0);
        assertThat(zhang.hits()).extracting(SearchHit::recordId).containsExactly(TARGET, "rec-z1");
        assertThat(zhang.total()).isEqualTo(2);
    }

    @Test
    void aNewRecordIsSearchableWithinOneSecond() throws Exception {
        feed.upsert("rec-new", 1, Profiles.of("S2099000001", "欧阳澜", PHYSICS_1, EnrolmentStatus.ENROLLED));
        await().atMost(Duration.ofSeconds(1)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(index.search(Scopes.of(ADMIN), SearchQuery.of("ouyanglan"), 0).total())
                        .as("hits for the new record").isPositive());
    }

    @Test
    void hitsCarryTheProfileButToStringShowsNoName() {
        SearchHit hit = index.search(Scopes.of(ADMIN), SearchQuery.of("张三"), 0).hits().get(0);
        assertThat(hit.profile().name()).isEqualTo("张三");
        assertThat(hit.profile().unit()).isEqualTo(PHYSICS_1);
        assertThat(hit.version()).isEqualTo(1);
        assertThat(hit.toString()).doesNotContain("张三");
    }
}
