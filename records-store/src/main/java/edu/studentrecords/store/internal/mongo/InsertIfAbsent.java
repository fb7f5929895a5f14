package edu.studentrecords.store.internal.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * Inserts a document unless one with the same unique key is there: the single-document claim the store builds its
 * "only once, on whichever node" steps on (a scheduled run, a reminder, a sealed epoch, a lease, an archive, an open
 * purge request). Any other failure is thrown.
 */
public final class InsertIfAbsent {

    private InsertIfAbsent() {
    }

    /** True when this call inserted {@code doc}; false when a document with the same unique key exists. */
    public static boolean insert(MongoCollection<Document> collection, Document doc) {
        try {
            collection.insertOne(doc);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
