package edu.studentrecords.store.internal.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Changes one document found by its {@code _id} and a condition (a version, a status, a field still unset), as a
 * {@code findAndModify}: MongoDB answers any form from the {@code _id} index, but the embedded engine scans the whole
 * collection for an {@code update} or {@code replace} whose filter names more than the {@code _id} (about 40 ms a
 * write on 100,000 records in memory, seconds on its file backend), and looks a {@code findAndModify} up by its
 * index.
 */
public final class ConditionalWrite {

    private static final Bson ID_ONLY = Projections.include("_id");

    private ConditionalWrite() {
    }

    /** Applies {@code update} to the document matching {@code filter}; returns whether there was one. */
    public static boolean update(MongoCollection<Document> collection, Bson filter, Bson update) {
        return collection.findOneAndUpdate(filter, update, new FindOneAndUpdateOptions().projection(ID_ONLY)) != null;
    }

    /** Replaces the document matching {@code filter} by {@code replacement}; returns whether there was one. */
    public static boolean replace(MongoCollection<Document> collection, Bson filter, Document replacement) {
        return collection.findOneAndReplace(filter, replacement, new FindOneAndReplaceOptions().projection(ID_ONLY))
                != null;
    }
}
