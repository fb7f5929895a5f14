package edu.studentrecords.store.internal.audit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.audit.AuditCheckpoint;
import edu.studentrecords.store.audit.SealedEpoch;
import edu.studentrecords.store.internal.mongo.InsertIfAbsent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The sealed epochs, one document each with {@code _id} = the epoch's number. An epoch is sealed by inserting its
 * document: MongoDB's uniqueness of {@code _id} lets one node win, so an epoch is sealed once per cluster. A dropped
 * epoch keeps its document, with {@code droppedAt}. The collection stays small (an epoch per day or per million
 * entries), so it is read whole.
 */
final class EpochRegister {

    private static final String ID = "_id";
    private static final String DROPPED_AT = "droppedAt";

    private final MongoCollection<Document> epochs;

    EpochRegister(MongoCollection<Document> epochs) {
        this.epochs = epochs;
    }

    /** Every sealed epoch, oldest first. */
    List<SealedEpoch> all() {
        List<SealedEpoch> all = new ArrayList<>();
        epochs.find().sort(Sorts.ascending(ID)).forEach(document -> all.add(decode(document)));
        return all;
    }

    /** A page of the sealed epochs, oldest first. */
    List<SealedEpoch> page(int offset, int limit) {
        List<SealedEpoch> page = new ArrayList<>();
        epochs.find().sort(Sorts.ascending(ID)).skip(offset).limit(limit).forEach(document -> page.add(decode(document)));
        return page;
    }

    /** Stores the epoch's checkpoint unless another node sealed that epoch first; true when this call did. */
    boolean seal(SealedEpoch epoch) {
        AuditCheckpoint c = epoch.checkpoint();
        return InsertIfAbsent.insert(epochs, new Document(ID, c.epoch()).append("first", c.firstSequence())
                .append("last", c.lastSequence())
                .append("count", c.entryCount()).append("previousHash", c.previousHash())
                .append("headHash", c.headHash()).append("firstTime", Date.from(c.firstTime()))
                .append("lastTime", Date.from(c.lastTime())).append("sealedAt", Date.from(c.sealedAt()))
                .append("signed", epoch.signed()).append(DROPPED_AT, null));
    }

    /** Marks the epoch dropped, before its entries go; true when this call marked it. */
    boolean markDropped(long epoch, Instant at) {
        return epochs.updateOne(and(eq(ID, epoch), eq(DROPPED_AT, null)), Updates.set(DROPPED_AT, Date.from(at)))
                .getModifiedCount() == 1;
    }

    private static SealedEpoch decode(Document d) {
        Date dropped = d.getDate(DROPPED_AT);
        AuditCheckpoint checkpoint = new AuditCheckpoint(number(d.get(ID)), number(d.get("first")),
                number(d.get("last")), number(d.get("count")), d.getString("previousHash"), d.getString("headHash"),
                d.getDate("firstTime").toInstant(), d.getDate("lastTime").toInstant(),
                d.getDate("sealedAt").toInstant());
        return new SealedEpoch(checkpoint, d.getString("signed"), dropped == null ? null : dropped.toInstant());
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
