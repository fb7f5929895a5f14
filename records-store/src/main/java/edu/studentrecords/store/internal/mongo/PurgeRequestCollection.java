package edu.studentrecords.store.internal.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code purge_requests} collection: one document per request, every state change a single-document
 * compare-and-set on its status (the embedded engine has no transactions). While a request is open (pending or
 * approving) it carries {@code pendingFor} = its record id under a sparse unique index: a record has at most one open
 * request, found by a unique key. Thread-safe.
 */
public final class PurgeRequestCollection {

    public static final String ID = "_id";
    public static final String RECORD_ID = "recordId";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String REQUESTED_BY = "requestedBy";
    public static final String REQUESTED_AT = "requestedAt";
    public static final String PENDING_FOR = "pendingFor";
    public static final String APPROVED_BY = "approvedBy";
    public static final String APPROVING_SINCE = "approvingSince";
    public static final String LAST_VERSION = "lastVersion";
    /** Who removed the Keycloak account whose removal filed the request, when known: not an approver of it. */
    public static final String REMOVED_BY = "removedBy";
    public static final String DECIDED_BY = "decidedBy";
    public static final String DECIDED_AT = "decidedAt";
    public static final String DESTROYED_AT = "destroyedAt";
    public static final String ACCOUNT_REMOVED_AT = "accountRemovedAt";
    public static final String FORMER_OWNER = "formerOwner";

    private static final String PENDING = "PENDING";
    private static final String APPROVING = "APPROVING";

    private final MongoCollection<Document> requests;

    public PurgeRequestCollection(MongoCollection<Document> requests) {
        this.requests = requests;
    }

    /** Creates the indexes the collection relies on. Idempotent. */
    public void createIndexes() {
        requests.createIndex(Indexes.ascending(PENDING_FOR),
                new IndexOptions().unique(true).sparse(true).name("pendingFor_unique"));
        // The centre's list of requests by status, newest first: without it a collection scan and a sort in memory.
        requests.createIndex(Indexes.compoundIndex(Indexes.ascending(STATUS), Indexes.descending(REQUESTED_AT)),
                new IndexOptions().name("status_requestedAt"));
    }

    /**
     * Inserts a new open request.
     *
     * @return false when the record already has an open request (nothing was written)
     */
    public boolean insertOpen(Document doc) {
        return InsertIfAbsent.insert(requests, doc.append(PENDING_FOR, doc.getString(RECORD_ID)));
    }

    /** The request, or empty. */
    public Optional<Document> find(String id) {
        return Optional.ofNullable(requests.find(Filters.eq(ID, id)).first());
    }

    /** The open (pending or approving) request of a record, by its unique key. */
    public Optional<Document> findOpenFor(String recordId) {
        return Optional.ofNullable(requests.find(Filters.eq(PENDING_FOR, recordId)).first());
    }

    /**
     * The requests in a state, newest first. A scan: the list is an administrator's work queue, not a hot path, and
     * the embedded engine ignores non-unique indexes anyway.
     */
    public List<Document> inStatus(String status, int limit) {
        List<Document> found = new ArrayList<>();
        requests.find(Filters.eq(STATUS, status)).sort(Sorts.descending(REQUESTED_AT)).limit(limit).into(found);
        return found;
    }

    /** Takes a pending request's approval: PENDING → APPROVING. False when it was not pending any more. */
    public boolean markApproving(String id, String approver, Instant since, long lastVersion) {
        return set(Filters.and(Filters.eq(ID, id), Filters.eq(STATUS, PENDING)), Updates.combine(
                Updates.set(STATUS, APPROVING), Updates.set(APPROVED_BY, approver),
                Updates.set(APPROVING_SINCE, Date.from(since)), Updates.set(LAST_VERSION, lastVersion)));
    }

    /**
     * Takes over an approval that was interrupted: APPROVING by {@code previousApprover} since {@code previousSince}
     * → APPROVING by {@code approver} since {@code since}. False when someone else moved it first.
     */
    public boolean takeOverApproval(String id, String previousApprover, Instant previousSince, String approver,
            Instant since) {
        return set(Filters.and(Filters.eq(ID, id), Filters.eq(STATUS, APPROVING),
                        Filters.eq(APPROVED_BY, previousApprover), Filters.eq(APPROVING_SINCE, Date.from(previousSince))),
                Updates.combine(Updates.set(APPROVED_BY, approver), Updates.set(APPROVING_SINCE, Date.from(since))));
    }

    /**
     * Finishes an approval: APPROVING (by {@code approver} since {@code since}) → APPROVED, with what the certificate
     * states; the record's open-request key is released. False when the approval was taken over meanwhile.
     */
    public boolean markApproved(String id, String approver, Instant since, long lastVersion, Instant destroyedAt) {
        return set(Filters.and(Filters.eq(ID, id), Filters.eq(STATUS, APPROVING), Filters.eq(APPROVED_BY, approver),
                        Filters.eq(APPROVING_SINCE, Date.from(since))),
                Updates.combine(Updates.set(STATUS, "APPROVED"), Updates.set(DECIDED_BY, approver),
                        Updates.set(DECIDED_AT, Date.from(destroyedAt)), Updates.set(DESTROYED_AT, Date.from(destroyedAt)),
                        Updates.set(LAST_VERSION, lastVersion), Updates.unset(PENDING_FOR)));
    }

    /** PENDING → CANCELLED; the record's open-request key is released. False when it was not pending any more. */
    public boolean markCancelled(String id, String by, Instant at) {
        return set(Filters.and(Filters.eq(ID, id), Filters.eq(STATUS, PENDING)), Updates.combine(
                Updates.set(STATUS, "CANCELLED"), Updates.set(DECIDED_BY, by), Updates.set(DECIDED_AT, Date.from(at)),
                Updates.unset(PENDING_FOR)));
    }

    private boolean set(Bson filter, Bson update) {
        return requests.updateOne(filter, update).getModifiedCount() == 1;
    }
}
