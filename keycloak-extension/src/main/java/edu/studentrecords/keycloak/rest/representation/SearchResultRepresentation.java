package edu.studentrecords.keycloak.rest.representation;

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
public record SearchResultRepresentation(long total, int page, int size, List<Hit> hits,
        Map<String, Map<String, Long>> facets) {

    /** One hit: the record's id and its profile, nothing else. */
    public record Hit(String id, Profile profile) {
    }

    /** The page {@code page} of {@code size} hits of {@code result}. */
    public static SearchResultRepresentation of(SearchResult result, int page, int size) {
        List<Hit> hits = result.hits().stream().map(h -> new Hit(h.recordId(), h.profile())).toList();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        facets.put("unit", result.unitCounts());
        facets.put("status", result.statusCounts());
        return new SearchResultRepresentation(result.total(), page, size, hits, facets);
    }
}
