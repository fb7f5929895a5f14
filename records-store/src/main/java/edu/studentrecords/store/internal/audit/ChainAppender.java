package edu.studentrecords.store.internal.audit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Stores a run of events as consecutive entries right after the head of the chain, with one ordered insert of all
 * of them, and keeps that head.
 *
 * <p>The head only ever moves to entries known to be stored: those of an insert that was acknowledged, and those read
 * back from the chain. After a failed insert it stays where it was, whatever the insert did before it failed, so the
 * next run is sealed after the last entry known to be durable. If the failed insert did store entries after all, the
 * next run collides with them on {@code _id} and continues after them, as after another process's entries.
 *
 * <p>An ordered insert stores its documents in order and stops at the first it cannot store, so every stored entry
 * follows the entry its hash was sealed over. Not thread-safe: one run at a time (see {@link GroupCommit}).
 */
final class ChainAppender {

    private static final InsertManyOptions ORDERED = new InsertManyOptions().ordered(true);

    private final MongoCollection<Document> entries;
    private final ChainMac mac;
    private final Clock clock;
    private final ChainReader chain;
    private volatile ChainHead head;

    ChainAppender(MongoCollection<Document> entries, ChainMac mac, Clock clock, ChainReader chain, ChainHead head) {
        this.entries = entries;
        this.mac = mac;
        this.clock = clock;
        this.chain = chain;
        this.head = head;
    }

    /** The last entry this process knows to be stored. */
    ChainHead head() {
        return head;
    }

    /**
     * Stores one entry per event, in the events' order, and returns them once the store has acknowledged all of them
     * as durable.
     *
     * @throws com.mongodb.MongoException when the entries could not all be stored; some may have been
     */
    List<AuditEntry> append(List<AuditEvent> events) {
        List<AuditEntry> stored = new ArrayList<>(events.size());
        while (stored.size() < events.size()) {
            List<AuditEntry> sealed = seal(head, events.subList(stored.size(), events.size()));
            List<Document> documents = new ArrayList<>(sealed.size());
            sealed.forEach(entry -> documents.add(EntryDocument.toDocument(entry)));
            try {
                entries.insertMany(documents, ORDERED);
                stored.addAll(sealed);
                head = ChainHead.of(sealed.get(sealed.size() - 1));
            } catch (MongoBulkWriteException e) {
                int taken = firstTakenSequence(e, sealed.size());
                if (taken < 0) {
                    throw e;
                }
                // The entries before the collision are stored and acknowledged; from the collision on, another
                // process (or an earlier insert of this one that failed late) was first: continue after its entries.
                if (taken > 0) {
                    stored.addAll(sealed.subList(0, taken));
                    head = ChainHead.of(sealed.get(taken - 1));
                }
                head = chain.advance(head);
            }
        }
        return stored;
    }

    private List<AuditEntry> seal(ChainHead after, List<AuditEvent> events) {
        List<AuditEntry> sealed = new ArrayList<>(events.size());
        ChainHead previous = after;
        for (AuditEvent event : events) {
            Instant time = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            long sequence = previous.sequence() + 1;
            AuditEntry unsealed = AuditEntry.of(sequence, time, event, previous.hash(), "");
            AuditEntry entry = AuditEntry.of(sequence, time, event, previous.hash(), mac.hashOf(unsealed));
            sealed.add(entry);
            previous = ChainHead.of(entry);
        }
        return sealed;
    }

    /**
     * The index of the first document the insert did not store because its sequence was taken, when that is the
     * only reason it stopped and the write is otherwise acknowledged; -1 otherwise.
     */
    private static int firstTakenSequence(MongoBulkWriteException e, int size) {
        if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
            return -1;
        }
        BulkWriteError first = e.getWriteErrors().get(0);
        for (BulkWriteError error : e.getWriteErrors()) {
            if (error.getIndex() < first.getIndex()) {
                first = error;
            }
        }
        if (ErrorCategory.fromErrorCode(first.getCode()) != ErrorCategory.DUPLICATE_KEY || first.getIndex() >= size) {
            return -1;
        }
        return first.getIndex();
    }
}
