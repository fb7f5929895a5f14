package edu.studentrecords.store.internal.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import edu.studentrecords.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code records} collection: one document per student, every change a single-document atomic
 * operation guarded by the record's version. No query here relies on a non-unique index being used
 * except the phone lookup (the embedded engine scans for it; MongoDB uses the index). Thread-safe.
 */
public final class RecordCollection {

    private final MongoCollection<Document> records;

    public RecordCollection(MongoCollection<Document> records) {
        this.records = records;
    }

    /** Creates the indexes the store relies on. Idempotent. */
    public void createIndexes() {
        records.createIndex(Indexes.ascending(RecordCodec.STUDENT_NUMBER),
                new IndexOptions().unique(true).name("studentNumber_unique"));
        records.createIndex(Indexes.ascending(RecordCodec.RESIDENT_ID_HASH),
                new IndexOptions().unique(true).name("residentId_unique"));
        records.createIndex(Indexes.ascending(RecordCodec.OWNER),
                new IndexOptions().unique(true).sparse(true).name("owner_unique"));
        records.createIndex(Indexes.ascending(RecordCodec.ID_AT_VERSION),
                new IndexOptions().unique(true).sparse(true).name("idAtVersion_unique"));
        records.createIndex(Indexes.ascending(RecordCodec.PHONE_HASHES), new IndexOptions().name("phones"));
    }

    /**
     * Inserts new records together; a record whose student number, resident ID or owner is taken is left out.
     *
     * @return for each document, in order, null when it was written, or why it was not (a conflict)
     * @throws com.mongodb.MongoException when the write failed otherwise; some of the documents may be written
     */
    public List<StoreException> insertAll(List<Document> docs) {
        List<StoreException> refused = new ArrayList<>(Collections.nCopies(docs.size(), null));
        if (docs.isEmpty()) {
            return refused;
        }
        try {
            records.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                refused.set(error.getIndex(), StoreException.duplicateFromIndexMessage(error.getMessage()));
            }
        }
        return refused;
    }

    /** Which of these student numbers stored records have (unique index), in one query. */
    public Set<String> studentNumbersTaken(Collection<String> studentNumbers) {
        return taken(RecordCodec.STUDENT_NUMBER, studentNumbers);
    }

    /** Which of these resident-ID hashes stored records have (unique index), in one query. */
    public Set<String> residentIdHashesTaken(Collection<String> hashes) {
        return taken(RecordCodec.RESIDENT_ID_HASH, hashes);
    }

    /** Which of these Keycloak users stored records are linked to (unique index), in one query. */
    public Set<String> ownersTaken(Collection<String> subjects) {
        return taken(RecordCodec.OWNER, subjects);
    }

    private Set<String> taken(String field, Collection<String> values) {
        Set<String> taken = new HashSet<>();
        if (!values.isEmpty()) {
            List<String> path = List.of(field.split("\\."));
            records.find(Filters.in(field, values)).projection(Projections.include(field))
                    .forEach(doc -> taken.add(doc.getEmbedded(path, String.class)));
        }
        return taken;
    }

    /** The stored document, or empty. */
    public Optional<Document> find(String id) {
        return Optional.ofNullable(records.find(Filters.eq(RecordCodec.ID, id)).first());
    }

    /**
     * The stored documents among {@code ids}, by id; ids without a record are left out. One query for every
     * {@value #KEYS_PER_QUERY} ids, each answered by key.
     */
    public Map<String, Document> findAll(Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        findByKeys(ids, null, doc -> found.put(doc.getString(RecordCodec.ID), doc));
        return found;
    }

    /**
     * Replaces the record only if it still has {@code expectedVersion}.
     *
     * @return false when the record changed (or vanished) since that version was read
     * @throws DuplicateRecordException when the new content collides with another record's unique keys
     */
    public boolean replaceIfVersion(Document doc, long expectedVersion) {
        String id = doc.getString(RecordCodec.ID);
        try {
            if (records.replaceOne(Filters.eq(RecordCodec.ID_AT_VERSION, RecordCodec.idAtVersion(id, expectedVersion)),
                    doc).getMatchedCount() == 1) {
                return true;
            }
            // A record last written before its version had a key of its own: by id and version (on the embedded
            // engine a scan, once: the write gives it the key).
            return records.replaceOne(Filters.and(Filters.eq(RecordCodec.ID, id),
                    Filters.eq(RecordCodec.VERSION, expectedVersion), Filters.exists(RecordCodec.ID_AT_VERSION, false)),
                    doc).getMatchedCount() == 1;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw StoreException.duplicateFromIndexMessage(e.getError().getMessage());
            }
            throw e;
        }
    }

    /** Deletes the record. Idempotent. */
    public void delete(String id) {
        records.deleteOne(Filters.eq(RecordCodec.ID, id));
    }

    /** The id of the record with this student number (unique index). */
    public Optional<String> idByStudentNumber(String studentNumber) {
        return idWhere(Filters.eq(RecordCodec.STUDENT_NUMBER, studentNumber));
    }

    /** The id of the record with this resident-ID hash (unique index). */
    public Optional<String> idByResidentIdHash(String hash) {
        return idWhere(Filters.eq(RecordCodec.RESIDENT_ID_HASH, hash));
    }

    /** The id of the record linked to this Keycloak user (unique index). */
    public Optional<String> idByOwner(String subject) {
        return idWhere(Filters.eq(RecordCodec.OWNER, subject));
    }

    /** The ids of records whose student or guardian phone has this hash. */
    public List<String> idsByPhoneHash(String hash) {
        List<String> ids = new ArrayList<>();
        records.find(Filters.eq(RecordCodec.PHONE_HASHES, hash)).projection(Projections.include(RecordCodec.ID))
                .forEach(d -> ids.add(d.getString(RecordCodec.ID)));
        return ids;
    }

    /**
     * The headers of the stored records among {@code ids}, reading only the header fields; ids without a record are
     * left out. One query for every {@value #KEYS_PER_QUERY} ids, each answered by key.
     */
    public Map<String, RecordHeader> headers(Collection<String> ids) {
        Map<String, RecordHeader> found = new HashMap<>();
        findByKeys(ids, Projections.include(RecordCodec.ID, RecordCodec.VERSION, RecordCodec.OWNER, RecordCodec.UNIT),
                d -> found.put(d.getString(RecordCodec.ID), new RecordHeader(d.getString(RecordCodec.ID),
                    ((Number) d.get(RecordCodec.VERSION)).longValue(), d.getString(RecordCodec.OWNER),
                    d.getString(RecordCodec.UNIT))));
        return found;
    }

    /** The records among {@code ids}, each id once, {@value #KEYS_PER_QUERY} ids a query; {@code projection} may be null. */
    private void findByKeys(Collection<String> ids, Bson projection, Consumer<Document> visitor) {
        List<String> all = List.copyOf(new LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            records.find(Filters.in(RecordCodec.ID, all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY))))
                    .projection(projection).forEach(visitor::accept);
        }
    }

    /**
     * The most ids {@link #headers} and {@link #findAll} ask for in one query. The embedded engine finds an {@code _id
     * $in} query's documents by key, then checks each of them against every value of the list: a query of n ids costs
     * it n squared comparisons (1,000 ids took about 140 ms), so a long list is asked for in short queries.
     */
    private static final int KEYS_PER_QUERY = 100;

    /**
     * Calls {@code visitor} with the header of every record, reading only the header fields. A full scan: for rare
     * background work such as telling the students a new grant covers.
     */
    public void forEachHeader(Consumer<RecordHeader> visitor) {
        records.find().projection(Projections.include(RecordCodec.ID, RecordCodec.VERSION, RecordCodec.OWNER,
                RecordCodec.UNIT)).forEach(d -> visitor.accept(new RecordHeader(d.getString(RecordCodec.ID),
                d.getLong(RecordCodec.VERSION), d.getString(RecordCodec.OWNER), d.getString(RecordCodec.UNIT))));
    }

    /** Calls {@code visitor} with every stored record document. A full scan: for the daily self-check. */
    public void forEachDocument(Consumer<Document> visitor) {
        records.find().forEach(visitor::accept);
    }

    /**
     * How many records linked to a student account were last confirmed (or, never confirmed, created) before
     * {@code cutoff}. A full scan on the embedded engine.
     */
    public long countUnconfirmedSince(Instant cutoff) {
        Date before = Date.from(cutoff);
        return records.countDocuments(Filters.and(Filters.ne(RecordCodec.OWNER, null), Filters.or(
                Filters.lt(RecordCodec.VERIFIED, before),
                Filters.and(Filters.eq(RecordCodec.VERIFIED, null), Filters.lt(RecordCodec.CREATED, before)))));
    }

    /**
     * The id, owner and last confirmation (or enrolment) of every record linked to an account whose last confirmation
     * (or, never confirmed, its enrolment) lies in {@code (after, upTo]}.
     */
    public List<Document> ownedConfirmedBetween(Instant after, Instant upTo) {
        Date from = Date.from(after);
        Date to = Date.from(upTo);
        List<Document> found = new ArrayList<>();
        records.find(Filters.and(Filters.ne(RecordCodec.OWNER, null), Filters.or(
                        Filters.and(Filters.gt(RecordCodec.VERIFIED, from), Filters.lte(RecordCodec.VERIFIED, to)),
                        Filters.and(Filters.eq(RecordCodec.VERIFIED, null), Filters.gt(RecordCodec.CREATED, from),
                                Filters.lte(RecordCodec.CREATED, to)))))
                .projection(Projections.include(RecordCodec.ID, RecordCodec.OWNER, RecordCodec.VERIFIED,
                        RecordCodec.CREATED))
                .forEach(found::add);
        return found;
    }

    /** The instant a record's periodic confirmation runs from: its last confirmation, or its enrolment. */
    public static Instant confirmedAt(Document doc) {
        Date verified = doc.getDate(RecordCodec.VERIFIED);
        return (verified != null ? verified : doc.getDate(RecordCodec.CREATED)).toInstant();
    }

    /** The owner of a record document. */
    public static String ownerOf(Document doc) {
        return doc.getString(RecordCodec.OWNER);
    }

    private Optional<String> idWhere(org.bson.conversions.Bson filter) {
        Document doc = records.find(filter).projection(Projections.include(RecordCodec.ID)).first();
        return doc == null ? Optional.empty() : Optional.of(doc.getString(RecordCodec.ID));
    }
}
