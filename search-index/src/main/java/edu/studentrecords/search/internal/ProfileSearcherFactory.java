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
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryCachingPolicy;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.UsageTrackingQueryCachingPolicy;

/**
 * Opens searchers that carry the facet values of their segments ({@link SegmentFacets}), read on the refresh thread
 * when a segment first appears rather than on every query, and kept while the segment is in the index.
 */
public final class ProfileSearcherFactory extends SearcherFactory {

    private final Map<Object, SegmentFacets> bySegment = new ConcurrentHashMap<>();
    private final QueryCachingPolicy caching = new FilterCaching();

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
        ProfileSearcher searcher = new ProfileSearcher(reader, facets);
        searcher.setQueryCachingPolicy(caching);
        return searcher;
    }

    /**
     * Keeps the unit and status terms that scope and filter searches (the caller's units, the unit and status
     * filters) in Lucene's query cache as sets of documents from their first use (the cache reports a use before it
     * asks whether to cache), so that a search with a filter tests each candidate against a set rather than advancing
     * the filter's postings; other queries as Lucene decides by default (which never caches a single term). Only
     * filters are cached, never scores: the results are the same.
     */
    private static final class FilterCaching implements QueryCachingPolicy {
        private final UsageTrackingQueryCachingPolicy others = new UsageTrackingQueryCachingPolicy();

        @Override
        public void onUse(Query query) {
            if (!isFilterTerm(query)) {
                others.onUse(query);
            }
        }

        @Override
        public boolean shouldCache(Query query) throws IOException {
            return isFilterTerm(query) || others.shouldCache(query);
        }

        private static boolean isFilterTerm(Query query) {
            return query instanceof TermQuery term && (Fields.UNIT_PATH.equals(term.getTerm().field())
                    || Fields.STATUS.equals(term.getTerm().field()));
        }
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
