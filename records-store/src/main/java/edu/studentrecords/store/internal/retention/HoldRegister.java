package edu.studentrecords.store.internal.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.retention.LegalHold;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/** The legal holds of a realm, one document each; lifted only by a single-document compare-and-set. Thread-safe. */
public final class HoldRegister {

    private static final String ID = "_id";
    private static final String RECORD = "recordId";
    private static final String REASON = "reason";
    private static final String PLACED_BY = "placedBy";
    private static final String PLACED_AT = "placedAt";
    private static final String LIFTED_AT = "liftedAt";
    private static final String LIFTED_BY = "liftedBy";
    private static final int MAX_LIST = 1000;

    private final MongoCollection<Document> holds;

    public HoldRegister(MongoCollection<Document> holds) {
        this.holds = holds;
    }

    /**
     * Creates the index that every purge and retention decision asks by ({@link #isHeld}: the record's holds not
     * lifted). Idempotent. The embedded store accepts and ignores it; a real MongoDB uses it.
     */
    public void createIndexes() {
        holds.createIndex(Indexes.ascending(RECORD, LIFTED_AT), new IndexOptions().name("recordId_liftedAt"));
    }

    void add(LegalHold hold) {
        holds.insertOne(new Document(ID, hold.id()).append(RECORD, hold.recordId()).append(REASON, hold.reason())
                .append(PLACED_BY, hold.placedBy()).append(PLACED_AT, Date.from(hold.placedAt())));
    }

    Optional<LegalHold> find(String id) {
        return Optional.ofNullable(holds.find(Filters.eq(ID, id)).first()).map(HoldRegister::decode);
    }

    /** Lifts the hold if it still holds; false when it was lifted already. */
    boolean lift(String id, String by, Instant at) {
        return holds.updateOne(Filters.and(Filters.eq(ID, id), Filters.eq(LIFTED_AT, null)),
                Updates.combine(Updates.set(LIFTED_AT, Date.from(at)), Updates.set(LIFTED_BY, by))).getModifiedCount() == 1;
    }

    /** The ids of the records under at least one hold not lifted. */
    public Set<String> heldRecords() {
        Set<String> held = new HashSet<>();
        holds.find(Filters.eq(LIFTED_AT, null)).forEach(doc -> held.add(doc.getString(RECORD)));
        return held;
    }

    /** Whether a hold not lifted stands on the record. */
    public boolean isHeld(String recordId) {
        return holds.find(Filters.and(Filters.eq(RECORD, recordId), Filters.eq(LIFTED_AT, null))).first() != null;
    }

    /** The holds, newest first (at most 1000). */
    List<LegalHold> all() {
        return holds.find().sort(Sorts.descending(PLACED_AT)).limit(MAX_LIST).map(HoldRegister::decode)
                .into(new ArrayList<>());
    }

    private static LegalHold decode(Document doc) {
        Date lifted = doc.getDate(LIFTED_AT);
        return new LegalHold(doc.getString(ID), doc.getString(RECORD), doc.getString(REASON), doc.getString(PLACED_BY),
                doc.getDate(PLACED_AT).toInstant(), lifted == null ? null : lifted.toInstant(), doc.getString(LIFTED_BY));
    }
}
