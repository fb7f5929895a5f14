package edu.studentrecords.store.internal.audit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.internal.mongo.InsertIfAbsent;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.OptionalLong;
import org.bson.Document;

/**
 * The log feed's position and lease, one document {@code {_id: "feed", next, owner, leaseUntil}}: the node that holds
 * the lease (or takes it once it ran out) writes the feed; the position moves only by that node, by compare-and-set.
 */
final class FeedCursor {

    static final Duration LEASE = Duration.ofMinutes(2);
    private static final String ID = "feed";

    private final MongoCollection<Document> state;

    FeedCursor(MongoCollection<Document> state) {
        this.state = state;
    }

    /** Takes or renews the lease; the next sequence to carry while this node holds it, empty otherwise. */
    OptionalLong claim(String node, Instant now) {
        Date until = Date.from(now.plus(LEASE));
        Document claimed = state.findOneAndUpdate(
                and(eq("_id", ID), or(eq("owner", node), lt("leaseUntil", Date.from(now)))),
                Updates.combine(Updates.set("owner", node), Updates.set("leaseUntil", until)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed != null) {
            return OptionalLong.of(((Number) claimed.get("next")).longValue());
        }
        boolean first = InsertIfAbsent.insert(state,
                new Document("_id", ID).append("next", 1L).append("owner", node).append("leaseUntil", until));
        return first ? OptionalLong.of(1) : OptionalLong.empty();
    }

    /** Moves the position to {@code next} while this node holds the lease; false when it lost it. */
    boolean advance(String node, long next) {
        return state.updateOne(and(eq("_id", ID), eq("owner", node)), Updates.set("next", next)).getMatchedCount() == 1;
    }
}
