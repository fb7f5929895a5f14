package edu.studentrecords.store.internal.audit;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * For benchmarks: continues a trail's chain with generated entries written straight into its collection (sealed
 * with the audit key, ordered inserts of a thousand), and anchors the end, as a trail that appended and indexed them
 * would have left it. The history index is not written: only the chain, for measuring what walks the chain.
 */
public final class ChainGenerator {

    private ChainGenerator() {
    }

    /** Appends {@code count} entries after the chain's stored head, one millisecond apart from {@code start}. */
    public static void extend(MongoDatabase database, byte[] key, long count, Instant start, Supplier<AuditEvent> events) {
        ChainMac mac = new ChainMac(key);
        var entries = database.getCollection(AuditCollectionNames.DEFAULTS.entries());
        ChainReader chain = new ChainReader(entries);
        Anchor anchor = new Anchor(database.getCollection(AuditCollectionNames.DEFAULTS.anchor()));
        ChainHead head = chain.advance(anchor.read());
        List<Document> batch = new ArrayList<>(1000);
        for (long i = 0; i < count; i++) {
            long sequence = head.sequence() + 1;
            Instant time = start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(i);
            AuditEvent event = events.get();
            AuditEntry unsealed = AuditEntry.of(sequence, time, event, head.hash(), "");
            AuditEntry entry = AuditEntry.of(sequence, time, event, head.hash(), mac.hashOf(unsealed));
            batch.add(EntryDocument.toDocument(entry));
            head = ChainHead.of(entry);
            if (batch.size() == 1000) {
                entries.insertMany(batch, new InsertManyOptions().ordered(true));
                batch = new ArrayList<>(1000);
            }
        }
        if (!batch.isEmpty()) {
            entries.insertMany(batch, new InsertManyOptions().ordered(true));
        }
        database.getCollection(AuditCollectionNames.DEFAULTS.anchor()).replaceOne(new Document("_id", "head"),
                new Document("_id", "head").append("sequence", head.sequence()).append("hash", head.hash()),
                new ReplaceOptions().upsert(true));
    }
}
