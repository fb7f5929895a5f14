package edu.studentrecords.store.internal.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Lets one scheduled run per period through, however many nodes' timers fire: a marker document holds the instant of
 * the last run claimed, and a claim is one atomic single-document update (or the first insert) that moves it only
 * when the period has passed. The node whose update or insert wins runs; the others see nothing changed.
 */
public final class ScheduledRunClaim {

    private static final String LAST_RUN = "lastRun";

    private final MongoCollection<Document> collection;
    private final String markerId;

    /** A claim on the marker document {@code markerId} of {@code collection}. */
    public ScheduledRunClaim(MongoCollection<Document> collection, String markerId) {
        this.collection = collection;
        this.markerId = markerId;
    }

    /** Claims the run due at {@code now}: true for exactly one caller per {@code every}. */
    public boolean claim(Instant now, Duration every) {
        Date cutoff = Date.from(now.minus(every));
        if (collection.updateOne(Filters.and(Filters.eq("_id", markerId), Filters.lte(LAST_RUN, cutoff)),
                Updates.set(LAST_RUN, Date.from(now))).getModifiedCount() == 1) {
            return true;
        }
        return InsertIfAbsent.insert(collection, new Document("_id", markerId).append(LAST_RUN, Date.from(now)));
    }

    /** The instant of the last run claimed, or null before the first. */
    public Instant lastRun() {
        Document doc = collection.find(Filters.eq("_id", markerId)).first();
        return doc == null ? null : doc.getDate(LAST_RUN).toInstant();
    }
}
