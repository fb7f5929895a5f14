package edu.studentrecords.store.internal.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Correction requests in their own collection, one document each, and the lists that find them: every look-up is
 * by {@code _id} (the embedded engine ignores non-unique indexes, so a query by record or status would scan). The
 * lists live in a second collection, one document per record ({@code record:<id>}) and one of pending requests
 * ({@code pending}), changed by single-document atomic {@code $addToSet}/{@code $pull}.
 *
 * <p>A request is listed before it is written: a crash in between leaves an id that finds nothing (skipped), never
 * a request no list reaches. Status changes are conditional on the status read, so two reviewers cannot both decide
 * one request. Thread-safe.
 */
public final class CorrectionCollection {

    public static final String ID = "_id";
    public static final String RECORD = "record";
    public static final String STATUS = "status";
    public static final String GROUPS = "groups";
    public static final String BASE_VERSION = "baseVersion";
    public static final String REQUESTED_AT = "requestedAt";
    public static final String SEALED = "sealed";
    public static final String DECIDED_AT = "decidedAt";
    public static final String DECIDED_BY = "decidedBy";
    public static final String NOTE = "note";
    public static final String APPLIED_VERSION = "appliedVersion";

    private static final String PENDING_LIST = "pending";
    private static final String IDS = "ids";

    private final MongoCollection<Document> requests;
    private final MongoCollection<Document> lists;

    public CorrectionCollection(MongoDatabase db) {
        this.requests = db.getCollection("corrections");
        this.lists = db.getCollection("correction_lists");
    }

    /** Lists the request under its record and as pending, then writes it. */
    public void add(Document request) {
        String id = request.getString(ID);
        addTo(recordList(request.getString(RECORD)), id);
        addTo(PENDING_LIST, id);
        requests.insertOne(request);
    }

    public Optional<Document> find(String id) {
        return Optional.ofNullable(requests.find(Filters.eq(ID, id)).first());
    }

    /** The requests about one record, in the order they were made. */
    public List<Document> ofRecord(String recordId) {
        return resolve(recordList(recordId));
    }

    /** The pending requests, in the order they were made. */
    public List<Document> pending() {
        return resolve(PENDING_LIST);
    }

    /**
     * Sets {@code changes} on the request if it still has status {@code from}.
     *
     * @return false when its status is no longer {@code from}; nothing changed
     */
    public boolean transition(String id, String from, Bson changes) {
        return requests.updateOne(Filters.and(Filters.eq(ID, id), Filters.eq(STATUS, from)), changes).getMatchedCount() == 1;
    }

    /** Takes a decided request off the pending list. Idempotent. */
    public void unlistPending(String id) {
        lists.updateOne(Filters.eq(ID, PENDING_LIST), Updates.pull(IDS, id));
    }

    private void addTo(String list, String id) {
        lists.updateOne(Filters.eq(ID, list), Updates.addToSet(IDS, id), new UpdateOptions().upsert(true));
    }

    private List<Document> resolve(String list) {
        Document doc = lists.find(Filters.eq(ID, list)).first();
        List<Document> found = new ArrayList<>();
        if (doc != null) {
            for (String id : doc.getList(IDS, String.class, List.of())) {
                find(id).ifPresent(found::add);
            }
        }
        return found;
    }

    private static String recordList(String recordId) {
        return "record:" + recordId;
    }
}
