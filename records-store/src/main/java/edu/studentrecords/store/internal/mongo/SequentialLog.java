package edu.studentrecords.store.internal.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.function.LongFunction;
import org.bson.Document;

/**
 * Appends documents whose {@code _id} is the next long of one gap-free sequence, without transactions,
 * across threads and processes: the unique {@code _id} lets exactly one writer take each number, and a
 * writer that loses re-reads the head and tries the next. Within a process appends are serialised, so
 * numbers become visible in order: a reader that sees n has seen every number before it. Thread-safe.
 */
public final class SequentialLog {

    private final MongoCollection<Document> collection;
    private final Object lock = new Object();
    private long head = -1;

    public SequentialLog(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /**
     * Inserts the document {@code build} makes for the next sequence number.
     *
     * @param build makes the document for a number; called again with a new number after a lost race, so it
     *              must have no side effects; the returned document gets that number as {@code _id}
     * @return the number taken
     */
    public long append(LongFunction<Document> build) {
        synchronized (lock) {
            if (head < 0) {
                head = readHead();
            }
            while (true) {
                long next = head + 1;
                Document doc = build.apply(next);
                doc.put("_id", next);
                try {
                    collection.insertOne(doc);
                    head = next;
                    return next;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    head = Math.max(next, readHead());
                }
            }
        }
    }

    /** The highest number taken so far, 0 when the log is empty. */
    public long readHead() {
        Document last = collection.find().sort(Sorts.descending("_id")).projection(Projections.include("_id")).first();
        return last == null ? 0 : ((Number) last.get("_id")).longValue();
    }
}
