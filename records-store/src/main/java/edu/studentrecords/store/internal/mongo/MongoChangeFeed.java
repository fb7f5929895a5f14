package edu.studentrecords.store.internal.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeEvent;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.model.Profile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * The change feed on MongoDB without transactions: an outbox written <em>before</em> the record.
 *
 * <p>A writer first appends an intent ({@code changes}, {@code _id} = next sequence, record id, the version
 * it is about to write, or a removal), then writes the record, and marks the intent void if its write was
 * refused. A crash between the two leaves an intent whose write never happened: the feed then reports the
 * record's actual state, which is still correct. A reader turns each intent into the record's current state;
 * an intent whose write is not visible yet holds the feed back until it is, or until the settle time passes.
 * So no committed change is ever skipped, and per record the events are in order.
 */
public final class MongoChangeFeed implements ChangeFeed {

    private static final String RECORD = "record";
    private static final String VERSION = "v";
    private static final String KIND = "kind";
    private static final String AT = "at";
    private static final String VOID = "void";

    private final MongoCollection<Document> changes;
    private final SequentialLog log;
    private final RecordCollection records;
    private final Predicate<String> hasDataKey;
    private final Clock clock;
    private final Duration settle;

    public MongoChangeFeed(MongoCollection<Document> changes, RecordCollection records,
            Predicate<String> hasDataKey, Clock clock, Duration settle) {
        this.changes = changes;
        this.log = new SequentialLog(changes);
        this.records = records;
        this.hasDataKey = hasDataKey;
        this.clock = clock;
        this.settle = settle;
    }

    /** Records the intent to write {@code version} of a record; returns the intent's sequence. */
    public long intendUpsert(String recordId, long version) {
        return intend(recordId, version, ChangeEvent.Kind.UPSERT);
    }

    /** Records the intent to destroy a record; returns the intent's sequence. */
    public long intendRemoval(String recordId) {
        return intend(recordId, 0, ChangeEvent.Kind.REMOVE);
    }

    /** Marks an intent whose write was refused, so readers need not wait for it. */
    public void abandon(long sequence) {
        changes.updateOne(Filters.eq("_id", sequence), Updates.set(VOID, true));
    }

    private long intend(String recordId, long version, ChangeEvent.Kind kind) {
        Date at = Date.from(clock.instant());
        return log.append(seq -> new Document(RECORD, recordId).append(VERSION, version)
                .append(KIND, kind.name()).append(AT, at));
    }

    @Override
    public ChangeBatch poll(long after, int limit) {
        List<ChangeEvent> events = new ArrayList<>();
        long position = after;
        int seen = 0;
        for (Document intent : log.page(after, limit)) {
            seen++;
            long sequence = ((Number) intent.get("_id")).longValue();
            if (!intent.getBoolean(VOID, false)) {
                Optional<ChangeEvent> event = resolve(sequence, intent);
                if (event.isEmpty()) {
                    return new ChangeBatch(events, position, false);
                }
                events.add(event.get());
            }
            position = sequence;
        }
        return new ChangeBatch(events, position, seen < limit);
    }

    /** The event an intent stands for, or empty while its write may still be in flight. */
    private Optional<ChangeEvent> resolve(long sequence, Document intent) {
        String recordId = intent.getString(RECORD);
        Optional<Document> current = readSettled(recordId);
        boolean landed;
        if (ChangeEvent.Kind.valueOf(intent.getString(KIND)) == ChangeEvent.Kind.REMOVE) {
            landed = current.isEmpty();
        } else if (current.isPresent()) {
            landed = current.get().getLong(RecordCodec.VERSION) >= intent.getLong(VERSION);
        } else {
            // No record: either its creation is in flight (its data key is made first) or it was destroyed
            // since (its key is destroyed first). Only the first is worth waiting for.
            landed = !hasDataKey.test(recordId);
        }
        Instant at = intent.getDate(AT).toInstant();
        if (!landed && clock.instant().isBefore(at.plus(settle))) {
            return Optional.empty();
        }
        return Optional.of(current.map(doc -> upsert(sequence, doc))
                .orElseGet(() -> new ChangeEvent(sequence, recordId, ChangeEvent.Kind.REMOVE, 0, null, null, null, List.of())));
    }

    /**
     * The record as two reads in a row agree it is. The embedded engine may hand out a document while a change
     * to it is being applied; an event built from such a copy would pair one version with another version's
     * profile, and a consumer that keeps the newest version would keep that mix until the next change.
     */
    private Optional<Document> readSettled(String recordId) {
        Optional<Document> previous = records.find(recordId);
        for (int attempt = 1; attempt < SETTLED_READS; attempt++) {
            Optional<Document> again = records.find(recordId);
            if (again.equals(previous)) {
                return again;
            }
            previous = again;
        }
        return previous;
    }

    /** At most this many reads to see a record hold still. */
    private static final int SETTLED_READS = 5;

    private ChangeEvent upsert(long sequence, Document doc) {
        Profile profile = RecordJson.mapper().convertValue(doc.get(RecordCodec.PROFILE, Document.class), Profile.class);
        return new ChangeEvent(sequence, doc.getString(RecordCodec.ID), ChangeEvent.Kind.UPSERT,
                doc.getLong(RecordCodec.VERSION), profile, doc.getString(RecordCodec.OWNER),
                doc.getString(RecordCodec.RESIDENT_ID_HASH), doc.getList(RecordCodec.PHONE_HASHES, String.class));
    }

    @Override
    public long head() {
        return log.readHead();
    }
}
