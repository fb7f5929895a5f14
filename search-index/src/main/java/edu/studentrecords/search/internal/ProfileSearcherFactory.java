package edu.studentrecords.search.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/**
 * Opens searchers that carry the facet values of their segments ({@link SegmentFacets}), read on the refresh thread
 * when a segment first appears rather than on every query, and kept while the segment is in the index.
 */
public final class ProfileSearcherFactory extends SearcherFactory {

    private final Map<Object, SegmentFacets> bySegment = new ConcurrentHashMap<>();

    @Override
    public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        SegmentFacets[] facets = new SegmentFacets[leaves.size()];
        for (LeafReaderContext leaf : leaves) {
            IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
            if (core == null) {
                facets[leaf.ord] = SegmentFacets.read(leaf.reader());
                continue;
            }
            SegmentFacets cached = bySegment.get(core.getKey());
            if (cached == null) {
                cached = SegmentFacets.read(leaf.reader());
                bySegment.put(core.getKey(), cached);
            }
            facets[leaf.ord] = cached;
        }
        // Segments merged away are dropped; a searcher still open keeps its own references.
        Set<Object> current = leaves.stream().map(l -> l.reader().getCoreCacheHelper())
                .filter(h -> h != null).map(IndexReader.CacheHelper::getKey).collect(Collectors.toSet());
        bySegment.keySet().retainAll(current);
        return new ProfileSearcher(reader, facets);
    }

    /** A searcher with the facet values of each of its segments. */
    public static final class ProfileSearcher extends IndexSearcher {
        private final SegmentFacets[] facets;

        ProfileSearcher(IndexReader reader, SegmentFacets[] facets) {
            super(reader);
            this.facets = facets;
        }

        /** The facet values of one of this searcher's segments. */
        SegmentFacets facets(LeafReaderContext leaf) {
            return facets[leaf.ord];
        }
    }
}
