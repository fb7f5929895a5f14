package edu.studentrecords.search.internal;

import edu.studentrecords.search.SearchHit;
import edu.studentrecords.search.SearchResult;
import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.model.EnrolmentStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.util.BytesRef;

/**
 * One query within a caller's scope, run on one searcher: its page (hits, exact total, facet counts) with chosen
 * records left out of all three, and which of some records it matches. Immutable; the searcher is the caller's.
 */
public final class ScopedSearch {

    private final Query query;
    private final int window;
    private final int offset;

    /**
     * @param text     the text query ({@link TextQuery#of})
     * @param scope    what the caller may match, as the store's gate decided
     * @param units    the caller's unit filter, empty for none
     * @param statuses the caller's status filter, empty for none
     * @param window   how many of the best hits to collect ({@code offset + limit}, capped)
     * @param offset   how many of those to skip
     */
    public ScopedSearch(Query text, SearchScope.Matching scope, Set<UnitPath> units, Set<EnrolmentStatus> statuses,
            int window, int offset) {
        BooleanQuery.Builder q = new BooleanQuery.Builder()
                .add(text, BooleanClause.Occur.MUST)
                .add(AccessFilter.of(scope), BooleanClause.Occur.FILTER);
        RecordFilters.add(q, units, statuses);
        this.query = q.build();
        this.window = window;
        this.offset = offset;
    }

    /**
     * The page with the records {@code excluded} left out of the hits, the total and the facet counts.
     *
     * @param searcher  the searcher to run on; its segments' facet values are used for the counts
     */
    public SearchResult page(ProfileSearcherFactory.ProfileSearcher searcher, Set<String> excluded) throws IOException {
        Query q = query;
        if (!excluded.isEmpty()) {
            q = new BooleanQuery.Builder()
                    .add(query, BooleanClause.Occur.MUST)
                    .add(ids(excluded), BooleanClause.Occur.MUST_NOT)
                    .build();
        }
        // One pass over the matches: the best hits, the exact total and the facet counts together.
        Object[] results = searcher.search(q, new MultiCollectorManager(
                new TopScoreDocCollectorManager(Math.max(1, window), null, Integer.MAX_VALUE),
                FacetCounts.counting(searcher)));
        TopDocs top = (TopDocs) results[0];
        FacetCounts facets = (FacetCounts) results[1];
        return new SearchResult(top.totalHits.value, hitsOf(searcher, top), facets.units(), facets.statuses());
    }

    /** Which of {@code recordIds} the query matches within the scope. */
    public Set<String> matching(IndexSearcher searcher, Set<String> recordIds) throws IOException {
        if (recordIds.isEmpty()) {
            return Set.of();
        }
        Query among = new BooleanQuery.Builder()
                .add(query, BooleanClause.Occur.MUST)
                .add(ids(recordIds), BooleanClause.Occur.FILTER)
                .build();
        TopDocs top = searcher.search(among, recordIds.size());
        var stored = searcher.storedFields();
        Set<String> found = new HashSet<>();
        for (ScoreDoc sd : top.scoreDocs) {
            found.add(ProfileDocument.idOf(stored.document(sd.doc, Set.of(Fields.ID))));
        }
        return found;
    }

    private List<SearchHit> hitsOf(IndexSearcher searcher, TopDocs top) throws IOException {
        List<SearchHit> hits = new ArrayList<>(Math.max(0, top.scoreDocs.length - offset));
        var stored = searcher.storedFields();
        for (int i = offset; i < top.scoreDocs.length; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            Document doc = stored.document(sd.doc);
            hits.add(new SearchHit(ProfileDocument.idOf(doc), ProfileDocument.versionOf(doc),
                    ProfileDocument.profileOf(doc), sd.score));
        }
        return hits;
    }

    private static Query ids(Set<String> recordIds) {
        return new TermInSetQuery(Fields.ID, recordIds.stream().map(BytesRef::new).toList());
    }
}
