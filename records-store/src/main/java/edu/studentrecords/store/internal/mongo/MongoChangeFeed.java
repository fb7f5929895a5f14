package edu.studentrecords.store.internal.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.connection.ClusterDescription;
import edu.studentrecords.store.StoreReach;
import edu.studentrecords.store.feed.ChangeBatch;
import edu.studentrecords.store.feed.ChangeEvent;
import edu.studentrecords.store.feed.ChangeFeed;
import edu.studentrecords.store.feed.ChangedRecords;
import edu.studentrecords.store.feed.QuarantinedChange;
import edu.studentrecords.store.model.Profile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
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
 *
 * <p>Entries a consumer could not take are kept in a collection of their own ({@code _id} = the entry's sequence,
 * the record id, the version and a reason code; nothing of the record's content).
 */
public final class MongoChangeFeed implements ChangeFeed {

    private static final String RECORD = "record";
    private static final String VERSION = "v";
    private static final String KIND = "kind";
    private static final String AT = "at";
    private static final String VOID = "void";
    private static final String REASON = "reason";
    /** The quarantine code of an entry whose stored record cannot be read as a record. */
    static final String RECORD_UNREADABLE = "RECORD_UNREADABLE";
    private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final MongoCollection<Document> changes;
    private final MongoCollection<Document> quarantine;
    private final SequentialLog log;
    private final RecordCollection records;
    private final Predicate<String> hasDataKey;
    private final Clock clock;
    private final Duration settle;
    private final Supplier<ClusterDescription> cluster;

    /**
     * A feed that does not know whether its store is reachable ({@link #unreachable()} is always false).
     *
     * @param changes    the intents, a {@link SequentialLog}
     * @param quarantine the entries consumers could not take
     */
    public MongoChangeFeed(MongoCollection<Document> changes, MongoCollection<Document> quarantine,
            RecordCollection records, Predicate<String> hasDataKey, Clock clock, Duration settle) {
        this(changes, quarantine, records, hasDataKey, clock, settle, () -> null);
    }

    /**
     * @param changes    the intents, a {@link SequentialLog}
     * @param quarantine the entries consumers could not take
     * @param cluster    what the client currently knows of the store's servers, without waiting
     *                   ({@code MongoClient::getClusterDescription})
     */
    public MongoChangeFeed(MongoCollection<Document> changes, MongoCollection<Document> quarantine,
            RecordCollection records, Predicate<String> hasDataKey, Clock clock, Duration settle,
            Supplier<ClusterDescription> cluster) {
        this.cluster = cluster;
        this.changes = changes;
        this.quarantine = quarantine;
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

    /** Records the intents to write the first version of new records, together; returns their sequences in order. */
    public List<Long> intendFirstVersions(List<String> recordIds) {
        Date at = Date.from(clock.instant());
        List<LongFunction<Document>> builds = new ArrayList<>(recordIds.size());
        recordIds.forEach(recordId -> builds.add(seq -> intent(recordId, 1, ChangeEvent.Kind.UPSERT, at)));
        return log.appendAll(builds);
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
        return log.append(seq -> intent(recordId, version, kind, at));
    }

    private static Document intent(String recordId, long version, ChangeEvent.Kind kind, Date at) {
        return new Document(RECORD, recordId).append(VERSION, version).append(KIND, kind.name()).append(AT, at);
    }

    @Override
    public ChangeBatch poll(long after, int limit) {
        List<Document> intents = log.pageGrowing(after, limit);
        Set<String> recordIds = new LinkedHashSet<>();
        for (Document intent : intents) {
            if (!intent.getBoolean(VOID, false)) {
                recordIds.add(intent.getString(RECORD));
            }
        }
        Map<String, Optional<Document>> current = readSettled(recordIds);
        List<ChangeEvent> events = new ArrayList<>();
        long position = after;
        for (Document intent : intents) {
            long sequence = ((Number) intent.get("_id")).longValue();
            if (!intent.getBoolean(VOID, false)) {
                Optional<ChangeEvent> event = resolve(sequence, intent, current.get(intent.getString(RECORD)));
                if (event.isEmpty()) {
                    return new ChangeBatch(events, position, false);
                }
                events.add(event.get());
            }
            position = sequence;
        }
        return new ChangeBatch(events, position, intents.size() < limit);
    }

    /** The event an intent stands for, or empty while its write may still be in flight. */
    private Optional<ChangeEvent> resolve(long sequence, Document intent, Optional<Document> current) {
        String recordId = intent.getString(RECORD);
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
        return Optional.of(current.map(doc -> upsertOrUnreadable(sequence, recordId, doc))
                .orElseGet(() -> new ChangeEvent(sequence, recordId, ChangeEvent.Kind.REMOVE, 0, null, null, null, List.of())));
    }

    /**
     * The upsert event of a stored record; for a record whose stored form cannot be read as one (a field of the
     * wrong type or value, written by something other than the store), an upsert without a profile, which consumers
     * keep out of their copies, and the entry quarantined as {@code RECORD_UNREADABLE}. So one such record never
     * holds the feed back; a failure to record the quarantine is thrown (the poll is retried).
     */
    private ChangeEvent upsertOrUnreadable(long sequence, String recordId, Document doc) {
        try {
            return upsert(sequence, doc);
        } catch (MongoException e) {
            throw e;
        } catch (RuntimeException unreadable) {
            long version = doc.get(RecordCodec.VERSION) instanceof Number n ? n.longValue() : 0;
            quarantine(sequence, recordId, version, RECORD_UNREADABLE);
            return new ChangeEvent(sequence, recordId, ChangeEvent.Kind.UPSERT, version, null, null, null, List.of());
        }
    }

    /**
     * The records as two reads in a row agree they are, by id (empty where there is none). The embedded engine may
     * hand out a document while a change to it is being applied; an event built from such a copy would pair one
     * version with another version's profile, and a consumer that keeps the newest version would keep that mix until
     * the next change. All the records are read together, by key, and read again together; only those whose two
     * copies differ are read once more, up to {@value #SETTLED_READS} reads in all.
     */
    private Map<String, Optional<Document>> readSettled(Set<String> recordIds) {
        Map<String, Optional<Document>> settled = new HashMap<>();
        Set<String> unsettled = recordIds;
        Map<String, Document> previous = records.findAll(unsettled);
        for (int attempt = 1; attempt < SETTLED_READS && !unsettled.isEmpty(); attempt++) {
            Map<String, Document> again = records.findAll(unsettled);
            Set<String> moving = new LinkedHashSet<>();
            for (String recordId : unsettled) {
                if (Objects.equals(again.get(recordId), previous.get(recordId))) {
                    settled.put(recordId, Optional.ofNullable(again.get(recordId)));
                } else {
                    moving.add(recordId);
                }
            }
            previous = again;
            unsettled = moving;
        }
        for (String recordId : unsettled) {
            settled.put(recordId, Optional.ofNullable(previous.get(recordId)));
        }
        return settled;
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

    @Override
    public boolean unreachable() {
        return StoreReach.unreachable(cluster.get());
    }

    @Override
    public ChangedRecords changedAfter(long after, int limit) {
        if (after < 0) {
            throw new IllegalArgumentException("after must not be negative");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Set<String> ids = new HashSet<>();
        long position = after;
        List<Document> intents = log.pageGrowing(after, limit);
        for (Document intent : intents) {
            position = ((Number) intent.get("_id")).longValue();
            if (!intent.getBoolean(VOID, false)) {
                ids.add(intent.getString(RECORD));
            }
        }
        // The limit reached: complete only if nothing follows.
        boolean complete = intents.size() < limit || log.page(position, 1).isEmpty();
        return new ChangedRecords(ids, after, position, complete);
    }

    @Override
    public void quarantine(long sequence, String recordId, long version, String reasonCode) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1");
        }
        if (recordId == null || recordId.isBlank()) {
            throw new IllegalArgumentException("recordId must not be blank");
        }
        if (reasonCode == null || !REASON_CODE.matcher(reasonCode).matches()) {
            throw new IllegalArgumentException("reasonCode must be a code of capitals, digits and underscores");
        }
        Document entry = new Document("_id", sequence).append(RECORD, recordId).append(VERSION, version)
                .append(REASON, reasonCode).append(AT, Date.from(clock.instant()));
        Document known = quarantine.find(Filters.eq("_id", sequence)).first();
        if (known == null) {
            try {
                quarantine.insertOne(entry);
                return;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                known = quarantine.find(Filters.eq("_id", sequence)).first();
            }
        }
        // Quarantined before (a replay or a rebuild met the entry again): the first record stands. Only an entry of
        // another record or version at this sequence is replaced: the feed was restored to a point before it, and the
        // sequence was taken again.
        if (known != null && !(recordId.equals(known.getString(RECORD))
                && version == ((Number) known.get(VERSION)).longValue())) {
            quarantine.replaceOne(Filters.eq("_id", sequence), entry);
        }
    }

    @Override
    public List<QuarantinedChange> quarantined() {
        List<QuarantinedChange> standing = new ArrayList<>();
        for (Document entry : quarantine.find()) {
            String recordId = entry.getString(RECORD);
            long version = ((Number) entry.get(VERSION)).longValue();
            Optional<Document> current = records.find(recordId);
            if (current.isPresent() && ((Number) current.get().get(RecordCodec.VERSION)).longValue() == version) {
                standing.add(new QuarantinedChange(((Number) entry.get("_id")).longValue(), recordId, version,
                        entry.getString(REASON), entry.getDate(AT).toInstant()));
            }
        }
        standing.sort(Comparator.comparingLong(QuarantinedChange::sequence));
        return standing;
    }
}
