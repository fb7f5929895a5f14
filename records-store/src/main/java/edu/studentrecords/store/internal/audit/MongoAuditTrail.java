package edu.studentrecords.store.internal.audit;

import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.AuditEpochs;
import edu.studentrecords.store.audit.AuditEvent;
import edu.studentrecords.store.audit.AuditTrail;
import edu.studentrecords.store.audit.ChainVerification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * The audit trail in MongoDB, correct without transactions and with several processes appending to the
 * same database.
 *
 * <p>An append inserts {@code _id = head + 1} chained to the head this process knows; MongoDB's
 * uniqueness of {@code _id} rejects a second entry for the same sequence, and on that rejection the
 * trail reads the newer head and tries again. Within a process, appends that arrive together are
 * written together: one ordered insert of consecutive entries, one durable acknowledgement, and every
 * caller among them answered only then (see {@link GroupCommit} and {@link ChainAppender}). The history
 * index and the anchor are written afterwards by a background thread; {@link #open} catches both up from
 * the chain, so a crash loses none of them.
 *
 * <p>Writes use {@code w:majority, j:true} and reads {@code majority}, whatever the database's
 * defaults. Thread-safe.
 */
public final class MongoAuditTrail implements AuditTrail {

    private static final int MAX_PAGE = 1000;
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

    private final ChainReader chain;
    private final HistoryIndex index;
    private final ChainVerifier verifier;
    private final BackgroundIndexer indexer;
    private final ChainAppender appender;
    private final GroupCommit groupCommit;
    private final MongoAuditEpochs.Parts epochParts;
    private volatile boolean closed;

    private MongoAuditTrail(MongoDatabase database, AuditCollectionNames names, byte[] key, Clock clock) {
        MongoCollection<Document> entries = durable(database.getCollection(names.entries()));
        ChainMac mac = new ChainMac(key);
        Objects.requireNonNull(clock, "clock");
        this.chain = new ChainReader(entries);
        this.index = new HistoryIndex(durable(database.getCollection(names.byRecord())));
        Anchor anchor = new Anchor(durable(database.getCollection(names.anchor())));
        this.verifier = new ChainVerifier(entries, chain, mac, anchor);
        CatchUp catchUp = new CatchUp(chain, index, anchor);
        ChainHead head = catchUp.fromAnchor();
        this.indexer = new BackgroundIndexer(catchUp, head.sequence(), "audit-index-" + database.getName());
        this.appender = new ChainAppender(entries, mac, clock, chain, head);
        this.groupCommit = new GroupCommit(this::appendBatch);
        this.epochParts = new MongoAuditEpochs.Parts(
                new EpochRegister(durable(database.getCollection(names.epochs()))), chain, entries, mac, verifier,
                anchor, index, durable(database.getCollection(names.feed())));
    }

    /**
     * The trail's epochs: sealing, verification against outside anchors, retention and the log feed.
     *
     * @param heldRecords the ids of the records under a legal hold, asked when an epoch's retention ends
     */
    public AuditEpochs epochs(Supplier<Set<String>> heldRecords) {
        return new MongoAuditEpochs(this, epochParts, heldRecords);
    }

    /**
     * Opens the trail in the default collections; see {@link #open(MongoDatabase, AuditCollectionNames,
     * byte[], Clock)}.
     */
    public static MongoAuditTrail open(MongoDatabase database, byte[] auditKey, Clock clock) {
        return open(database, AuditCollectionNames.DEFAULTS, auditKey, clock);
    }

    /**
     * Opens the trail, first indexing and anchoring whatever entries a previous run left unindexed.
     *
     * @param database where the collections live (created on first write)
     * @param names the collections
     * @param auditKey the HMAC key, at least 32 bytes; copied. Keep it outside the database: whoever
     *     holds it can forge a valid chain
     * @param clock the source of entry times
     */
    public static MongoAuditTrail open(MongoDatabase database, AuditCollectionNames names, byte[] auditKey,
            Clock clock) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(auditKey, "auditKey");
        return new MongoAuditTrail(database, names, auditKey.clone(), clock);
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        requireOpen();
        return groupCommit.append(event);
    }

    @Override
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        events.forEach(event -> Objects.requireNonNull(event, "event"));
        requireOpen();
        return events.isEmpty() ? List.of() : groupCommit.appendAll(events);
    }

    private List<AuditEntry> appendBatch(List<AuditEvent> events) {
        List<AuditEntry> appended = appender.append(events);
        indexer.submitAll(appended);
        return appended;
    }

    @Override
    public ChainVerification verify() {
        indexer.flush(FLUSH_TIMEOUT);
        return verifier.verify(appender.head(), MongoAuditEpochs.keptFrom(epochParts.register().all()));
    }

    /** Waits until what this process appended is indexed and anchored. */
    void flush() {
        indexer.flush(FLUSH_TIMEOUT);
    }

    /** The furthest head this process has seen stored. */
    ChainHead seenHere() {
        return appender.head();
    }

    @Override
    public List<AuditEntry> historyOf(String recordId, Instant from, Instant to, int offset, int limit) {
        Objects.requireNonNull(recordId, "recordId");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        requirePageSize(limit);
        // What this node appended a moment ago belongs in the answer: a student who just looked must see it.
        indexer.flush(FLUSH_TIMEOUT);
        List<Long> sequences = index.sequencesOf(recordId, from, to, offset, limit);
        return entriesOf(sequences, Comparator.comparingLong(AuditEntry::sequence).reversed());
    }

    @Override
    public List<AuditEntry> historyOfGrant(String grantId, int offset, int limit) {
        Objects.requireNonNull(grantId, "grantId");
        return historyOf(HistoryIndex.grantKey(grantId), null, null, offset, limit);
    }

    @Override
    public List<AuditEntry> range(long fromSequence, int limit) {
        if (fromSequence < 1) {
            throw new IllegalArgumentException("fromSequence must be at least 1");
        }
        requirePageSize(limit);
        Map<Long, Document> found = chain.fetchRange(fromSequence, limit);
        List<AuditEntry> consecutive = new ArrayList<>();
        for (long sequence = fromSequence; found.containsKey(sequence); sequence++) {
            consecutive.add(parse(found.get(sequence)));
        }
        return List.copyOf(consecutive);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            indexer.close(FLUSH_TIMEOUT);
        }
    }

    private List<AuditEntry> entriesOf(List<Long> sequences, Comparator<AuditEntry> order) {
        List<AuditEntry> result = new ArrayList<>();
        chain.fetch(sequences).values().forEach(document -> result.add(parse(document)));
        result.sort(order);
        return List.copyOf(result);
    }

    private static AuditEntry parse(Document document) {
        try {
            return EntryDocument.toEntry(document);
        } catch (MalformedEntryException e) {
            throw new IllegalStateException("audit entry " + document.get(EntryDocument.ID) + " is malformed: "
                    + e.getMessage());
        }
    }

    private static void requirePageSize(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("audit trail is closed");
        }
    }

    private static MongoCollection<Document> durable(MongoCollection<Document> collection) {
        return collection.withWriteConcern(WriteConcern.MAJORITY.withJournal(true))
                .withReadConcern(ReadConcern.MAJORITY);
    }
}
