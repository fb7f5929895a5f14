package edu.studentrecords.search.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;

/**
 * Counts of the matching documents per unit and per status. The documents counted are those the query,
 * access filter included, matched: a caller never sees counts of records outside its scope.
 *
 * @param units    unit path to count, largest first
 * @param statuses status name to count, largest first
 */
public record FacetCounts(Map<String, Long> units, Map<String, Long> statuses) {

    private static final int MAX_LABELS = 1_000;

    /** Counts over the documents {@code matching} collected; empty when the index has no facets yet. */
    public static FacetCounts of(SortedSetDocValuesReaderState state, FacetsCollector matching) throws IOException {
        if (state == null) {
            return new FacetCounts(Map.of(), Map.of());
        }
        Facets facets = new SortedSetDocValuesFacetCounts(state, matching);
        return new FacetCounts(counts(facets, Fields.FACET_UNIT), counts(facets, Fields.FACET_STATUS));
    }

    private static Map<String, Long> counts(Facets facets, String dim) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        FacetResult result;
        try {
            result = facets.getTopChildren(MAX_LABELS, dim);
        } catch (IllegalArgumentException noSuchDimension) {
            return counts;
        }
        if (result != null) {
            for (LabelAndValue lv : result.labelValues) {
                counts.put(lv.label, lv.value.longValue());
            }
        }
        return counts;
    }
}
