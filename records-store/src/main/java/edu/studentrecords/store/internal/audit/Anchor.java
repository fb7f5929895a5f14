package edu.studentrecords.store.internal.audit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

/**
 * The single document {@code {_id: "head", sequence, hash}} that remembers how far the chain is known to
 * reach, so that entries removed from its end are noticed. It only moves forward, and only to entries
 * that are stored and indexed: an anchor behind the chain's end is a catch-up still to do, a chain
 * ending before the anchor has lost its tail.
 */
final class Anchor {

    private static final String ID = "head";
    private static final String SEQUENCE = "sequence";
    private static final String HASH = "hash";

    private final MongoCollection<Document> anchors;

    Anchor(MongoCollection<Document> anchors) {
        this.anchors = anchors;
    }

    /** The anchored head, or {@link ChainHead#EMPTY} when nothing was anchored yet. */
    ChainHead read() {
        Document document = anchors.find(eq("_id", ID)).first();
        if (document == null) {
            return ChainHead.EMPTY;
        }
        Object sequence = document.get(SEQUENCE);
        long value = sequence instanceof Number number ? number.longValue() : Long.MAX_VALUE;
        return new ChainHead(value, String.valueOf(document.get(HASH)));
    }

    /** Moves the anchor to {@code head} unless it already is there or further. Safe to race. */
    void advanceTo(ChainHead head) {
        try {
            anchors.updateOne(
                    and(eq("_id", ID), lt(SEQUENCE, head.sequence())),
                    combine(set(SEQUENCE, head.sequence()), set(HASH, head.hash())),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // The upsert collides with an anchor that is already at or past head: nothing to do.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
