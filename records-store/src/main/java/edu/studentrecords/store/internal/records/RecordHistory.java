package edu.studentrecords.store.internal.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import edu.studentrecords.store.history.ChangedBy;
import edu.studentrecords.store.history.FieldChange;
import edu.studentrecords.store.history.HistoryEntry;
import edu.studentrecords.store.internal.crypto.Aead;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.internal.mongo.RecordJson;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StoredRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * A record's history (rule 5.1): one entry per version a change made, holding the values of the fields it changed
 * before and after, who made it and for what purpose, sealed with the record's data key (bound to the entry, its
 * record and version), so that destroying the record's key destroys its history too.
 *
 * <p>An entry is written durably before the record's conditional write, under an id of its own, and the record's new
 * version points to it ({@link #POINTER}); each entry points to the one before. Readers follow these pointers back
 * from the record as it is, so they see exactly the changes the record went through: an entry whose write was refused
 * or lost is pointed to by no version and never read (a refused write's entry is removed at once). A version that
 * changed no field (a confirmation, an owner unlinked) has an entry too, without changes, so that the pointers run
 * through it; readers leave it out. Thread-safe.
 */
final class RecordHistory {

    /** The record document's field naming the history entry of its current version. */
    static final String POINTER = "history";

    private static final String ID = "_id";
    private static final String RECORD = "record";
    private static final String VERSION = "version";
    private static final String PREVIOUS = "previous";
    private static final String AT = "at";
    private static final String SEALED = "sealed";

    /** What is sealed of an entry. */
    private record Content(String operation, ChangedBy by, String purpose, List<FieldChange> changes) {
    }

    private final MongoCollection<Document> entries;

    RecordHistory(MongoCollection<Document> entries) {
        this.entries = entries;
        // A destruction removes the record's entries by the record's id; without it that is a collection scan on a
        // real MongoDB. Idempotent.
        entries.createIndex(Indexes.ascending(RECORD), new IndexOptions().name("record"));
    }

    /**
     * Writes the entry of the change from {@code before} (stored as {@code beforeDoc}) to {@code after}, durably;
     * returns its id, for the new version of the record to point to.
     */
    String write(Document beforeDoc, StoredRecord before, StoredRecord after, byte[] dataKey, HistoryNote note,
            Instant at) {
        String id = UUID.randomUUID().toString();
        Content content = new Content(note.operation(), note.by(), note.purpose(),
                FieldDiff.between(before.content(), after.content()));
        byte[] sealed;
        try {
            sealed = Aead.seal(dataKey, RecordJson.mapper().writeValueAsBytes(content), ad(id, after.id(),
                    after.version()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a history entry cannot be serialised", e);
        }
        entries.insertOne(new Document(ID, id)
                .append(RECORD, after.id())
                .append(VERSION, after.version())
                .append(PREVIOUS, beforeDoc == null ? null : beforeDoc.getString(POINTER))
                .append(AT, Date.from(at))
                .append(SEALED, new Binary(sealed)));
        return id;
    }

    /**
     * Removes the entry of a write that was refused: the record never reached its version. An entry this fails to
     * remove is pointed to by nothing and never read, so the refusal stands as it is.
     */
    void discard(String entryId) {
        try {
            entries.deleteOne(Filters.eq(ID, entryId));
        } catch (RuntimeException leftBehind) {
            // Unreachable from the record: readers never see it.
        }
    }

    /** Removes every entry of a record (sealed under its destroyed key, they are unreadable already). */
    void erase(String recordId) {
        entries.deleteMany(Filters.eq(RECORD, recordId));
    }

    /**
     * The changes the stored record {@code doc} (whose access facts are {@code header}) went through, newest first,
     * with only the fields of {@code readable}; a change of none of them is left out.
     */
    List<HistoryEntry> read(Document doc, RecordHeader header, byte[] dataKey, Set<FieldGroup> readable) {
        String recordId = header.id();
        long version = header.version();
        List<HistoryEntry> found = new ArrayList<>();
        String next = doc.getString(POINTER);
        while (next != null) {
            Document entry = entries.find(Filters.eq(ID, next)).first();
            if (entry == null || !recordId.equals(entry.getString(RECORD))
                    || entry.get(VERSION, Number.class).longValue() != version) {
                break;
            }
            visible(entry, dataKey, readable, recordId, version).ifPresent(found::add);
            next = entry.getString(PREVIOUS);
            version--;
        }
        return found;
    }

    private static Optional<HistoryEntry> visible(Document entry, byte[] dataKey, Set<FieldGroup> readable,
            String recordId, long version) {
        Content content;
        try {
            content = RecordJson.mapper().readValue(Aead.open(dataKey, entry.get(SEALED, Binary.class).getData(),
                    ad(entry.getString(ID), recordId, version)), Content.class);
        } catch (IOException e) {
            throw new IllegalStateException("a stored history entry is not readable", e);
        }
        List<FieldChange> shown = content.changes().stream().filter(c -> readable.contains(c.group())).toList();
        if (shown.isEmpty()) {
            return java.util.Optional.empty();
        }
        Set<FieldGroup> groups = EnumSet.noneOf(FieldGroup.class);
        shown.forEach(c -> groups.add(c.group()));
        return java.util.Optional.of(new HistoryEntry(version, entry.getDate(AT).toInstant(), content.operation(),
                content.by(), content.purpose(), groups, shown));
    }

    private static byte[] ad(String entryId, String recordId, long version) {
        return ("history|" + entryId + "|" + recordId + "|" + version).getBytes(StandardCharsets.UTF_8);
    }
}
