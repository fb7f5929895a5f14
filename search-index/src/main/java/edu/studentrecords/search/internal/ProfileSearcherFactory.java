package edu.studentrecords.search.internal;

import java.io.IOException;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;

/**
 * Opens searchers that carry the facet ordinals of their reader, built once per reopen on the refresh thread
 * rather than on every query.
 */
public final class ProfileSearcherFactory extends SearcherFactory {

    private final FacetsConfig facets;

    public ProfileSearcherFactory(FacetsConfig facets) {
        this.facets = facets;
    }

    @Override
    public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
        FieldInfo info = FieldInfos.getMergedFieldInfos(reader).fieldInfo("facets");
        SortedSetDocValuesReaderState state = info == null ? null
                : new DefaultSortedSetDocValuesReaderState(reader, "facets", facets);
        return new ProfileSearcher(reader, state);
    }

    /** A searcher with the facet state of its reader, or none while no document has facets. */
    public static final class ProfileSearcher extends IndexSearcher {
        private final SortedSetDocValuesReaderState facetState;

        ProfileSearcher(IndexReader reader, SortedSetDocValuesReaderState facetState) {
            super(reader);
            this.facetState = facetState;
        }

        /** The facet state, or null when the index holds no document. */
        public SortedSetDocValuesReaderState facetState() {
            return facetState;
        }
    }
}
