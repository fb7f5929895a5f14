package edu.studentrecords.search.internal;

import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.model.EnrolmentStatus;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;

/** The caller's own filters on unit (with everything below it) and enrolment status, as filter clauses. */
public final class RecordFilters {

    private RecordFilters() {
    }

    /** Adds a filter for each non-empty set: a record matches one of the units and one of the statuses. */
    public static void add(BooleanQuery.Builder query, Set<UnitPath> units, Set<EnrolmentStatus> statuses) {
        if (!units.isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            units.forEach(u -> any.add(new TermQuery(new Term(Fields.UNIT_PATH, u.toString())), BooleanClause.Occur.SHOULD));
            query.add(any.build(), BooleanClause.Occur.FILTER);
        }
        if (!statuses.isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            statuses.forEach(s -> any.add(new TermQuery(new Term(Fields.STATUS, s.name())), BooleanClause.Occur.SHOULD));
            query.add(any.build(), BooleanClause.Occur.FILTER);
        }
    }
}
