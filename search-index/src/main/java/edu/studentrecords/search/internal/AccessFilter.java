package edu.studentrecords.search.internal;

import edu.studentrecords.store.access.SearchScope;
import edu.studentrecords.store.access.UnitPath;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The caller's search scope as a query clause: every record, or records of the listed units (a unit path
 * term matches the unit and everything below it, because each document indexes all its ancestors), or the
 * listed record ids. Used as a filter, so it decides which documents are counted, never how they rank.
 */
public final class AccessFilter {

    private AccessFilter() {
    }

    /** The filter for a scope that allows searching. */
    public static Query of(SearchScope.Matching scope) {
        if (scope.allUnits()) {
            return new MatchAllDocsQuery();
        }
        if (scope.units().isEmpty() && scope.recordIds().isEmpty()) {
            return new MatchNoDocsQuery("the scope matches no record");
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (UnitPath unit : scope.units()) {
            any.add(new TermQuery(new Term(Fields.UNIT_PATH, unit.toString())), BooleanClause.Occur.SHOULD);
        }
        if (!scope.recordIds().isEmpty()) {
            List<BytesRef> ids = scope.recordIds().stream().map(BytesRef::new).toList();
            any.add(new TermInSetQuery(Fields.ID, ids), BooleanClause.Occur.SHOULD);
        }
        return new ConstantScoreQuery(any.build());
    }
}
