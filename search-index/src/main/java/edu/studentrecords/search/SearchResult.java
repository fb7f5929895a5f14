package edu.studentrecords.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a search, counting only the records the caller may see. Immutable.
 *
 * @param total        how many visible records match (exact)
 * @param hits         the best {@code limit} of them, best first; unmodifiable
 * @param unitCounts   matching visible records per unit (the record's own unit path), largest first; unmodifiable
 * @param statusCounts matching visible records per enrolment status name, largest first; unmodifiable
 */
public record SearchResult(long total, List<SearchHit> hits, Map<String, Long> unitCounts,
        Map<String, Long> statusCounts) {

    /** Copies the collections. */
    public SearchResult {
        hits = List.copyOf(hits);
        unitCounts = Collections.unmodifiableMap(new LinkedHashMap<>(unitCounts));
        statusCounts = Collections.unmodifiableMap(new LinkedHashMap<>(statusCounts));
    }
}
