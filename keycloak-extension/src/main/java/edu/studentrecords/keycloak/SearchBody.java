package edu.studentrecords.keycloak;

import edu.studentrecords.search.SearchResult;
import edu.studentrecords.store.model.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /search}: the exact total of matching records the caller may see, the page asked for,
 * its hits (record id and profile only) and the facet counts of everything matching, per unit and per status.
 *
 * @param total  matching records the caller may see
 * @param page   the page, from 0
 * @param size   the page size asked for
 * @param hits   the page's hits, best first
 * @param facets {@code unit} and {@code status}, each value to count, largest first
 */
record SearchBody(long total, int page, int size, List<Hit> hits, Map<String, Map<String, Long>> facets) {

    /** One hit: the record's id and its profile, nothing else. */
    record Hit(String id, Profile profile) {
    }

    static SearchBody of(SearchResult result, SearchRequest request) {
        List<Hit> hits = result.hits().stream().map(h -> new Hit(h.recordId(), h.profile())).toList();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        facets.put("unit", result.unitCounts());
        facets.put("status", result.statusCounts());
        return new SearchBody(result.total(), request.page(), request.size(), hits, facets);
    }
}
