package edu.studentrecords.search.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;

/**
 * Counts of the matching documents per unit and per status. The documents counted are those the query,
 * access filter included, matched: a caller never sees counts of records outside its scope.
 *
 * @param units    unit path to count, largest first (equal counts by label)
 * @param statuses status name to count, largest first (equal counts by label)
 */
public record FacetCounts(Map<String, Long> units, Map<String, Long> statuses) {

    private static final int MAX_LABELS = 1_000;
    private static final Comparator<Map.Entry<String, Long>> LARGEST_FIRST =
            Map.Entry.<String, Long>comparingByValue().reversed()
                    .thenComparing(e -> new BytesRef(e.getKey()));

    /**
     * Counts the facet values of every document it collects, in the same pass as the hits: each segment's values are
     * read from {@link SegmentFacets}, held by the searcher, not from doc values per document.
     *
     * @param searcher the searcher the collectors run on
     */
    public static CollectorManager<Counter, FacetCounts> counting(ProfileSearcherFactory.ProfileSearcher searcher) {
        return new CollectorManager<>() {
            @Override
            public Counter newCollector() {
                return new Counter(searcher);
            }

            @Override
            public FacetCounts reduce(Collection<Counter> counters) {
                List<Map<String, Long>> dims = List.of(new HashMap<>(), new HashMap<>());
                for (Counter counter : counters) {
                    counter.addTo(dims);
                }
                return new FacetCounts(largestFirst(dims.get(0)), largestFirst(dims.get(1)));
            }
        };
    }

    private static Map<String, Long> largestFirst(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(LARGEST_FIRST).limit(MAX_LABELS)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The counts of one collector: per segment it saw, a count per segment value. */
    public static final class Counter implements Collector {
        private final ProfileSearcherFactory.ProfileSearcher searcher;
        private final List<SegmentFacets> segments = new ArrayList<>();
        private final List<int[]> counts = new ArrayList<>();

        Counter(ProfileSearcherFactory.ProfileSearcher searcher) {
            this.searcher = searcher;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            SegmentFacets facets = searcher.facets(context);
            int[] segmentCounts = new int[facets.valueCount()];
            segments.add(facets);
            counts.add(segmentCounts);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) {
                    facets.count(doc, segmentCounts);
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        private void addTo(List<Map<String, Long>> dims) {
            for (int s = 0; s < segments.size(); s++) {
                SegmentFacets facets = segments.get(s);
                int[] segmentCounts = counts.get(s);
                for (int ord = 0; ord < segmentCounts.length; ord++) {
                    int dim = facets.dimension(ord);
                    if (segmentCounts[ord] > 0 && dim != SegmentFacets.NO_DIMENSION) {
                        dims.get(dim).merge(facets.label(ord), (long) segmentCounts[ord], Long::sum);
                    }
                }
            }
        }
    }
}
