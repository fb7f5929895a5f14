package edu.studentrecords.store.internal.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import edu.studentrecords.store.audit.AuditEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Which entries concern which record, and which entries name which access grant (under {@link #grantKey}),
 * answered by key lookups only.
 *
 * <p>Two kinds of documents share the collection. A <em>bucket</em> {@code {_id: "<record>/<bucket>",
 * e: [{s: sequence, t: time}, ...]}} lists a record's entries whose sequence falls in one bucket of
 * {@value #BUCKET_WIDTH} consecutive sequence numbers ({@code <bucket>} zero-padded to 19 digits). A
 * <em>directory</em> {@code {_id: "<record>", b: [bucket, ...]}} lists the buckets a record has. Both are
 * written with {@code $addToSet}, so writing the same entries twice, from two processes or after a
 * crash, changes nothing. The record id is escaped ({@code %} and {@code /}) so no record's keys can
 * look like another's.
 *
 * <p>Writes are durable only at the end: every command of {@link #add} but the last waives the journal
 * ({@code j: false}); the last is journaled when the caller asks or when it lists new buckets, and otherwise the
 * anchor's journaled write that follows (see {@link CatchUp}) makes them durable. A journaled write is durable with
 * every write acknowledged before it, so the index is durable when the anchor moves over it, with one commit of the
 * embedded store instead of one per command; a crash before that loses index writes the anchor has not moved over,
 * and the catch-up from the anchor writes them again.
 *
 * <p>Why not one document per entry keyed {@code <record>/<sequence>} read with an {@code _id} range:
 * the embedded engine answers every {@code _id} range with a scan of the whole collection; only exact
 * {@code _id} and {@code _id $in} use its index.
 */
final class HistoryIndex {

    static final long BUCKET_WIDTH = 4096;
    private static final String ITEMS = "e";
    private static final String BUCKETS = "b";
    private static final String SEQUENCE = "s";
    private static final String TIME = "t";
    private static final int BUCKETS_PER_READ = 16;
    private static final String GRANT_PREFIX = "grant:";

    /** How many record buckets this process remembers its directories to list already. */
    static final int KNOWN_BUCKETS = 200_000;

    /**
     * At most this many upserts in one write command. The embedded engine runs a command on its connection's event
     * loop and makes a store commit wait for every write command under way to end, so one command of a whole batch
     * (hundreds of upserts, each a key lookup that serialises keys) held up the audit appends' commits and the reads
     * sharing that event loop for up to hundreds of milliseconds. Short commands let them in between.
     */
    static final int WRITES_PER_COMMAND = 16;

    private final MongoCollection<Document> index;
    private final MongoCollection<Document> unjournaled;
    /**
     * The buckets ({@link #bucketKey}) that this process has written into their record's directory. A record's entries
     * fall in the same bucket for {@value #BUCKET_WIDTH} sequence numbers, so nearly every batch would otherwise rewrite
     * every directory it touches with a value it already holds; documents of this collection are never removed, so a
     * bucket once listed stays listed. Forgetting one (a restart, or more than {@value #KNOWN_BUCKETS} buckets) only
     * costs one idempotent write. Guarded by itself.
     */
    private final Map<String, Boolean> listed = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KNOWN_BUCKETS;
        }
    };

    /** @param index the collection, with a journaled write concern */
    HistoryIndex(MongoCollection<Document> index) {
        this.index = index;
        this.unjournaled = index.withWriteConcern(index.getWriteConcern().withJournal(false));
    }

    /**
     * Records the entries under every record they name. Idempotent.
     *
     * @param durable whether the writes must be durable when this returns; otherwise a journaled write must follow
     *     before anything relies on them (the anchor's). Writes that list new buckets in a directory are made durable
     *     regardless, because this process then remembers them as listed
     */
    void add(List<AuditEntry> entries, boolean durable) {
        Map<String, Map<Long, List<Document>>> byRecord = new TreeMap<>();
        for (AuditEntry entry : entries) {
            Document item = new Document(SEQUENCE, entry.sequence()).append(TIME, Date.from(entry.time()));
            for (String recordId : recordsOf(entry)) {
                byRecord.computeIfAbsent(recordId, id -> new TreeMap<>())
                        .computeIfAbsent(entry.sequence() / BUCKET_WIDTH, bucket -> new ArrayList<>())
                        .add(item);
            }
        }
        if (byRecord.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        List<String> newlyListed = new ArrayList<>();
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        byRecord.forEach((recordId, buckets) -> {
            buckets.forEach((bucket, items) -> writes.add(new UpdateOneModel<>(eq("_id", bucketKey(recordId, bucket)),
                    new Document("$addToSet", new Document(ITEMS, new Document("$each", items))), upsert)));
            List<Long> unlisted = buckets.keySet().stream().filter(bucket -> !isListed(bucketKey(recordId, bucket)))
                    .toList();
            if (!unlisted.isEmpty()) {
                writes.add(new UpdateOneModel<>(eq("_id", directoryKey(recordId)),
                        new Document("$addToSet", new Document(BUCKETS, new Document("$each", unlisted))), upsert));
                unlisted.forEach(bucket -> newlyListed.add(bucketKey(recordId, bucket)));
            }
        });
        BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
        boolean journalLast = durable || !newlyListed.isEmpty();
        for (int from = 0; from < writes.size(); from += WRITES_PER_COMMAND) {
            int to = Math.min(writes.size(), from + WRITES_PER_COMMAND);
            (journalLast && to == writes.size() ? index : unjournaled).bulkWrite(writes.subList(from, to), unordered);
        }
        // Only once the directories durably hold them: a failed write is retried whole, and a store that restarts
        // under a running process has them still.
        synchronized (listed) {
            newlyListed.forEach(key -> listed.put(key, Boolean.TRUE));
        }
    }

    private boolean isListed(String bucketKey) {
        synchronized (listed) {
            return listed.get(bucketKey) != null;
        }
    }

    /**
     * The sequence numbers of the record's entries with {@code from <= time < to}, newest first, after
     * skipping {@code offset} of them, at most {@code limit}.
     */
    List<Long> sequencesOf(String recordId, Instant from, Instant to, int offset, int limit) {
        Document directory = index.find(eq("_id", directoryKey(recordId))).first();
        if (directory == null) {
            return List.of();
        }
        List<Long> buckets = new ArrayList<>(new TreeSet<>(longs(directory.getList(BUCKETS, Object.class))));
        buckets.sort(Comparator.reverseOrder());
        long wanted = (long) offset + limit;
        List<Long> newestFirst = new ArrayList<>();
        for (int start = 0; start < buckets.size() && newestFirst.size() < wanted; start += BUCKETS_PER_READ) {
            List<Long> chunk = buckets.subList(start, Math.min(buckets.size(), start + BUCKETS_PER_READ));
            Map<String, Document> documents = new HashMap<>();
            List<String> keys = chunk.stream().map(bucket -> bucketKey(recordId, bucket)).toList();
            index.find(in("_id", keys)).forEach(document -> documents.put(document.getString("_id"), document));
            for (String key : keys) {
                Document bucket = documents.get(key);
                if (bucket != null) {
                    newestFirst.addAll(matching(bucket, from, to));
                }
            }
        }
        if (newestFirst.size() <= offset) {
            return List.of();
        }
        return List.copyOf(newestFirst.subList(offset, (int) Math.min(newestFirst.size(), wanted)));
    }

    static String directoryKey(String recordId) {
        return recordId.replace("%", "%25").replace("/", "%2F");
    }

    static String bucketKey(String recordId, long bucket) {
        return directoryKey(recordId) + "/" + String.format("%019d", bucket);
    }

    /**
     * The key under which a grant's entries are listed. Record ids are UUIDs, so a key with this prefix never
     * names a record.
     */
    static String grantKey(String grantId) {
        return GRANT_PREFIX + grantId;
    }

    private static Set<String> recordsOf(AuditEntry entry) {
        Set<String> records = new LinkedHashSet<>(entry.recordIds());
        if (entry.recordId() != null) {
            records.add(entry.recordId());
        }
        if (entry.grantId() != null) {
            records.add(grantKey(entry.grantId()));
        }
        return records;
    }

    private static List<Long> matching(Document bucket, Instant from, Instant to) {
        TreeSet<Long> sequences = new TreeSet<>(Comparator.reverseOrder());
        for (Document item : bucket.getList(ITEMS, Document.class)) {
            Instant time = item.getDate(TIME).toInstant();
            if ((from == null || !time.isBefore(from)) && (to == null || time.isBefore(to))) {
                sequences.add(((Number) item.get(SEQUENCE)).longValue());
            }
        }
        return new ArrayList<>(sequences);
    }

    private static List<Long> longs(List<Object> values) {
        return values.stream().map(value -> ((Number) value).longValue()).toList();
    }
}
