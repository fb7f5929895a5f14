package edu.studentrecords.search;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.AccessDecision;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.testing.Principals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Totals and facet counts of a page against a brute-force count of the same search: every match fetched as a hit
 * and its unit and status counted one by one. For an administrator, staff of one class, staff of a faculty and a
 * class, and a caller scoped to listed records, on an index of several segments holding deleted documents (records
 * changed to another unit and status, and records removed, after they were first searchable).
 */
class SearchCountsTest {

    private static final int EVERY_MATCH = 5_000;

    @TempDir
    static Path dir;

    private static StudentSearchIndex index;

    @BeforeAll
    static void indexStudentsInSeveralSegmentsWithDeletions() throws Exception {
        MemoryFeed feed = new MemoryFeed();
        index = StudentSearchIndex.open(SearchSettings.defaults(dir).withMaxResults(EVERY_MATCH), feed);
        Profiles generated = new Profiles(31);
        for (int i = 0; i < 3_000; i++) {
            feed.upsert("rec-" + i, 1, generated.next(i));
            if (i == 1_499) {
                assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(30))).isTrue();
            }
        }
        assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(30))).isTrue();
        for (int i = 0; i < 400; i += 2) {
            Profile before = generated.next(i);
            feed.upsert("rec-" + i, 2, Profiles.of(before.studentNumber(), before.name(),
                    Profiles.UNITS[i % Profiles.UNITS.length], EnrolmentStatus.SUSPENDED));
        }
        for (int i = 401; i < 500; i += 2) {
            feed.remove("rec-" + i);
        }
        assertThat(index.awaitSearchable(feed.head(), Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    void totalsAndFacetsOfAPageAreABruteForceCountOfEveryMatchForEveryCaller() {
        Profiles names = new Profiles(5);
        List<SearchQuery> queries = new ArrayList<>(List.of(SearchQuery.of("zh"), SearchQuery.of("wang"),
                SearchQuery.of("li na"), SearchQuery.of("G0000001"), SearchQuery.of("").inUnits(UnitPath.parse("science")),
                SearchQuery.of("zh").withStatuses(EnrolmentStatus.ENROLLED, EnrolmentStatus.SUSPENDED),
                SearchQuery.of("huang").inUnits(UnitPath.parse("arts")).withStatuses(EnrolmentStatus.SUSPENDED)));
        for (int i = 0; i < 10; i++) {
            queries.add(SearchQuery.of(names.name()));
        }
        Map<String, SearchScope.Matching> callers = new LinkedHashMap<>();
        callers.put("administrator", Scopes.of(Principals.admin("admin-1")));
        callers.put("staff of one class", Scopes.of(staff("science/physics/2024-1")));
        callers.put("staff of a faculty and a class", Scopes.of(staff("arts", "engineering/software/2022-1")));
        callers.put("listed records", new SearchScope.Matching(AccessDecision.Basis.STAFF, Set.of(FieldGroup.PROFILE),
                false, Set.of(UnitPath.parse("arts/history")), Set.of("rec-0", "rec-1", "rec-3", "rec-1501", "rec-401")));
        int withMatches = 0;
        for (var caller : callers.entrySet()) {
            for (SearchQuery q : queries) {
                String what = caller.getKey() + ", " + q;
                SearchResult every = index.search(caller.getValue(), q.withLimit(EVERY_MATCH), 0);
                assertThat(every.hits()).as(what).hasSizeLessThan(EVERY_MATCH);
                Map<String, Long> units = new HashMap<>();
                Map<String, Long> statuses = new HashMap<>();
                for (SearchHit hit : every.hits()) {
                    assertThat(caller.getValue().units().isEmpty() || caller.getValue().recordIds().contains(hit.recordId())
                            || caller.getValue().units().stream().anyMatch(u -> hit.profile().unit().startsWith(u + "/")
                            || hit.profile().unit().equals(u.toString()))).as(what).isTrue();
                    units.merge(hit.profile().unit(), 1L, Long::sum);
                    statuses.merge(hit.profile().status().name(), 1L, Long::sum);
                }

                SearchResult page = index.search(caller.getValue(), q.withLimit(20), 0);
                assertThat(page.total()).as(what).isEqualTo(every.hits().size());
                assertThat(page.unitCounts()).as(what).isEqualTo(units);
                assertThat(page.statusCounts()).as(what).isEqualTo(statuses);
                assertThat(List.copyOf(page.unitCounts().entrySet())).as(what).isSortedAccordingTo(LARGEST_FIRST);
                assertThat(List.copyOf(page.statusCounts().entrySet())).as(what).isSortedAccordingTo(LARGEST_FIRST);
                assertThat(page.hits()).as(what).extracting(SearchHit::recordId)
                        .isEqualTo(every.hits().stream().limit(20).map(SearchHit::recordId).toList());
                withMatches += page.total() > 0 ? 1 : 0;
            }
        }
        assertThat(withMatches).as("searches with matches").isGreaterThan(queries.size() * 2);
    }

    private static final Comparator<Map.Entry<String, Long>> LARGEST_FIRST =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private static AccessContext staff(String... units) {
        return Principals.staff("teacher-1", Set.of("student.search", FieldGroup.PROFILE.readScope()), units);
    }
}
