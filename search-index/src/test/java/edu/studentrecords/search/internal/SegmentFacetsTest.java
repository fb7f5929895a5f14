package edu.studentrecords.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A segment's facet values read into arrays count like its doc values, whatever the number of distinct values. */
class SegmentFacetsTest {

    @ParameterizedTest
    @ValueSource(ints = {3, 200, 40_000})
    void countsEveryDocumentsUnitAndStatusForFewAndManyDistinctUnits(int units) throws IOException {
        FacetsConfig config = ProfileDocument.facetsConfig();
        Map<String, Integer> expectedUnits = new HashMap<>();
        Map<String, Integer> expectedStatuses = new HashMap<>();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
                for (int i = 0; i < 50_000; i++) {
                    String unit = "faculty/unit-" + (i * 7919 % units);
                    String status = i % 3 == 0 ? "GRADUATED" : "ENROLLED";
                    Document doc = new Document();
                    if (i % 1_000 != 999) {
                        doc.add(new SortedSetDocValuesFacetField(Fields.FACET_UNIT, unit));
                        expectedUnits.merge(unit, 1, Integer::sum);
                    }
                    doc.add(new SortedSetDocValuesFacetField(Fields.FACET_STATUS, status));
                    expectedStatuses.merge(status, 1, Integer::sum);
                    w.addDocument(config.build(doc));
                }
                w.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                LeafReader leaf = reader.leaves().get(0).reader();
                SegmentFacets facets = SegmentFacets.read(leaf);
                int[] counts = new int[facets.valueCount()];
                for (int doc = 0; doc < leaf.maxDoc(); doc++) {
                    facets.count(doc, counts);
                }
                Map<String, Integer> countedUnits = new HashMap<>();
                Map<String, Integer> countedStatuses = new HashMap<>();
                for (int ord = 0; ord < counts.length; ord++) {
                    Map<String, Integer> dim = facets.dimension(ord) == 0 ? countedUnits : countedStatuses;
                    assertThat(facets.dimension(ord)).isNotEqualTo(SegmentFacets.NO_DIMENSION);
                    dim.merge(facets.label(ord), counts[ord], Integer::sum);
                }
                assertThat(countedUnits).isEqualTo(expectedUnits);
                assertThat(countedStatuses).isEqualTo(expectedStatuses);
            }
        }
    }
}
