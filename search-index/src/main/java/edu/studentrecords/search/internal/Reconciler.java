package edu.studentrecords.search.internal;

import edu.studentrecords.search.Drift;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;

/** Compares the searchable index with the store's record ids and versions. */
public final class Reconciler {

    private Reconciler() {
    }

    /** The drift between what the searcher sees and {@code expected} (record id to version). */
    public static Drift compare(IndexSearcher searcher, Map<String, Long> expected) throws IOException {
        Map<String, Long> indexed = new HashMap<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafReader reader = leaf.reader();
            Bits live = reader.getLiveDocs();
            StoredFields stored = reader.storedFields();
            NumericDocValues versions = reader.getNumericDocValues(Fields.VERSION);
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                String id = stored.document(doc, Set.of(Fields.ID)).get(Fields.ID);
                long version = versions != null && versions.advanceExact(doc) ? versions.longValue() : -1;
                indexed.put(id, version);
            }
        }
        Set<String> missing = new HashSet<>();
        Map<String, Drift.Versions> mismatched = new HashMap<>();
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            Long held = indexed.get(e.getKey());
            if (held == null) {
                missing.add(e.getKey());
            } else if (held.longValue() != e.getValue()) {
                mismatched.put(e.getKey(), new Drift.Versions(e.getValue(), held));
            }
        }
        Set<String> extra = new HashSet<>(indexed.keySet());
        extra.removeAll(expected.keySet());
        return new Drift(missing, extra, mismatched);
    }
}
