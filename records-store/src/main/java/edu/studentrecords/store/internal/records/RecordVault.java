package edu.studentrecords.store.internal.records;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreException.Subject;
import edu.studentrecords.store.backup.ErasureLedger;
import edu.studentrecords.store.history.HistoryEntry;
import edu.studentrecords.store.internal.crypto.DataKeyVault;
import edu.studentrecords.store.internal.crypto.UnreadableCiphertextException;
import edu.studentrecords.store.internal.gate.RecordLookup;
import edu.studentrecords.store.internal.mongo.MongoChangeFeed;
import edu.studentrecords.store.internal.mongo.RecordCodec;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.internal.mongo.RecordHeaderCache;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.model.StudentRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * Where records are sealed, opened, written and destroyed, once the gate has let a call through: the data keys, the
 * change feed's intents, the version checks and the one destruction path. It decides nothing and audits nothing; only
 * the features behind the gate use it. Thread-safe.
 */
public final class RecordVault {

    /** How often a read is tried on fresh copies before a ciphertext that will not open counts as a fault. */
    private static final int TORN_READ_ATTEMPTS = 5;

    private final RecordCollection records;
    private final RecordCodec codec;
    private final DataKeyVault keys;
    private final MongoChangeFeed feed;
    private final RecordLookup lookup;
    private final ErasureLedger erasures;
    private final MongoCollection<Document> archives;
    private final RecordHistory history;
    private final Clock clock;
    private volatile ChangeListener listener = ChangeListener.NONE;

    public RecordVault(RecordCollection records, RecordCodec codec, DataKeyVault keys, MongoChangeFeed feed,
            RecordLookup lookup, ErasureLedger erasures, MongoCollection<Document> archives,
            MongoCollection<Document> history, Clock clock) {
        this.records = records;
        this.codec = codec;
        this.keys = keys;
        this.feed = feed;
        this.lookup = lookup;
        this.erasures = erasures;
        this.archives = archives;
        this.history = new RecordHistory(history);
        this.clock = clock;
    }

    /**
     * Stores a new record under a new data key, the change feed's intent first.
     *
     * @throws StoreException (conflict) when its student number, resident ID or owner is taken; nothing is left
     */
    public void insert(StoredRecord record) {
        StoreException refused = insertAll(List.of(record)).get(0);
        if (refused != null) {
            throw refused;
        }
    }

    /**
     * Stores new records together, each under a new data key, the change feed's intents first: one write for the
     * keys, one for the intents, one for the records. A record whose student number, resident ID or owner is taken
     * by then is left out, and nothing of it is left.
     *
     * @return for each record, in order, null when it was stored, or why not (a conflict)
     */
    public List<StoreException> insertAll(List<StoredRecord> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<String> ids = batch.stream().map(StoredRecord::id).toList();
        List<byte[]> dataKeys = keys.createAll(ids);
        List<Long> intents;
        try {
            intents = feed.intendFirstVersions(ids);
        } catch (RuntimeException e) {
            ids.forEach(keys::destroy);
            throw e;
        }
        List<Document> docs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            docs.add(codec.encode(batch.get(i), dataKeys.get(i)));
        }
        List<StoreException> refused;
        try {
            refused = records.insertAll(docs);
        } catch (RuntimeException e) {
            // Some may be written: they stay; of the others nothing is left.
            Set<String> written = lookup.headers(ids).keySet();
            for (int i = 0; i < ids.size(); i++) {
                if (!written.contains(ids.get(i))) {
                    undoInsert(ids.get(i), intents.get(i));
                }
            }
            throw e;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (refused.get(i) == null) {
                lookup.remember(header(batch.get(i)));
            } else {
                undoInsert(ids.get(i), intents.get(i));
            }
        }
        return refused;
    }

    private void undoInsert(String recordId, long intent) {
        feed.abandon(intent);
        keys.destroy(recordId);
    }

    /**
     * Writes {@code after} if the record is still at the version of {@code before} (stored as {@code beforeDoc}): its
     * history entry first (the values the change replaced and its new ones, sealed with {@code dataKey}), then the
     * change feed's intent, then the record, pointing to its entry. An intent whose write was refused or failed is
     * marked abandoned; the entry of a refused write is removed, that of a failed one is pointed to by nothing.
     *
     * @return false when the record moved on since {@code before}; nothing was written
     */
    boolean writeVersion(Document beforeDoc, StoredRecord before, StoredRecord after, byte[] dataKey,
            HistoryNote note) {
        String entry = history.write(beforeDoc, before, after, dataKey, note, now());
        long intent = feed.intendUpsert(after.id(), after.version());
        boolean written;
        try {
            written = records.replaceIfVersion(codec.encode(after, dataKey).append(RecordHistory.POINTER, entry),
                    before.version());
        } catch (RuntimeException e) {
            feed.abandon(intent);
            throw e;
        }
        if (!written) {
            feed.abandon(intent);
            history.discard(entry);
            return false;
        }
        lookup.remember(header(after));
        told(before, after, note);
        return true;
    }

    /** Tells {@code changes} of every change of a record's fields written from now on. */
    public void tell(ChangeListener changes) {
        this.listener = changes;
    }

    private void told(StoredRecord before, StoredRecord after, HistoryNote note) {
        java.util.EnumSet<FieldGroup> groups = java.util.EnumSet.noneOf(FieldGroup.class);
        FieldDiff.between(before.content(), after.content()).forEach(c -> groups.add(c.group()));
        if (!groups.isEmpty()) {
            listener.written(new ChangeListener.WrittenChange(after.id(), after.version(), after.ownerSubject(), groups,
                    note.operation(), note.by().clientId(), now()));
        }
    }

    /** The changes the stored record went through, newest first, with the fields of {@code groups} only. */
    public List<HistoryEntry> history(Document doc, Set<FieldGroup> groups) {
        RecordHeader header = codec.header(doc);
        return history.read(doc, header, dataKey(header.id()), groups);
    }

    /** The record's data key; a record whose key is gone is being destroyed and no longer exists for anyone. */
    public byte[] dataKey(String recordId) {
        return keys.find(recordId).orElseThrow(() -> StoreException.notFound(Subject.RECORD));
    }

    /** The record's data key, or empty when it is gone. */
    public Optional<byte[]> findDataKey(String recordId) {
        return keys.find(recordId);
    }

    /** The stored record with every group opened. */
    public StoredRecord open(Document doc) {
        return decodeSettled(doc, FieldGroup.ALL, dataKey(doc.getString("_id")));
    }

    /** The stored record with only {@code groups} opened (none of them sealed: no key is needed). */
    public StoredRecord openClear(Document doc, Set<FieldGroup> groups) {
        return codec.decode(doc, groups, null);
    }

    /** The record as the caller may see it: only {@code groups}. */
    public RecordView view(Document doc, Set<FieldGroup> groups) {
        boolean sensitive = groups.stream().anyMatch(FieldGroup::sensitive);
        byte[] dataKey = sensitive ? dataKey(doc.getString("_id")) : null;
        return view(decodeSettled(doc, groups, dataKey), groups);
    }

    /** The version of a record as the caller may see it: only {@code groups}. */
    public static RecordView view(StoredRecord record, Set<FieldGroup> groups) {
        StudentRecord c = record.content();
        return new RecordView(record.id(), record.version(), groups,
                groups.contains(FieldGroup.PROFILE) ? c.profile() : null,
                groups.contains(FieldGroup.IDENTITY) ? c.identity() : null,
                groups.contains(FieldGroup.CONTACT) ? c.contact() : null,
                groups.contains(FieldGroup.GUARDIANS) ? c.guardians() : null,
                record.updatedAt(), record.verifiedAt());
    }

    /**
     * Opens a stored document. The embedded engine may hand out a document while a change to it is being applied, so
     * that its sealed groups do not match its version and fail to open; such a read is retried on a fresh copy. A copy
     * whose access facts (owner, unit) differ from those the read was decided on is not used: the read then finds
     * nothing, rather than return what another decision would have refused. A ciphertext that still fails to open is a
     * real fault and is thrown.
     */
    private StoredRecord decodeSettled(Document doc, Set<FieldGroup> groups, byte[] dataKey) {
        RecordHeader decidedOn = codec.header(doc);
        Document copy = doc;
        for (int attempt = 1; ; attempt++) {
            try {
                return codec.decode(copy, groups, dataKey);
            } catch (UnreadableCiphertextException torn) {
                if (attempt >= TORN_READ_ATTEMPTS) {
                    throw torn;
                }
                copy = records.find(decidedOn.id()).orElseThrow(() -> StoreException.notFound(Subject.RECORD));
                if (!RecordHeaderCache.sameAccessFacts(decidedOn, codec.header(copy))) {
                    throw StoreException.notFound(Subject.RECORD);
                }
            }
        }
    }

    /**
     * Destroys a record: feed intent, erasure ledger, data key (so every copy of its encrypted fields, backups
     * included, is unreadable from then on), record, archive, history. The one destruction path, whoever decided it.
     */
    public Destruction erase(RecordHeader header, String reason) {
        String recordId = header.id();
        long intent = feed.intendRemoval(recordId);
        // Into the ledger before the key goes: a crash in between leaves an id a restore destroys again (the
        // destruction was decided), never a destroyed key the ledger lacks, which an old backup would bring back.
        erasures.append(recordId, now());
        keys.destroy(recordId);
        records.delete(recordId);
        // Sealed under the key just destroyed, the archive and history are unreadable already; they go too.
        archives.deleteOne(Filters.eq("_id", recordId));
        history.erase(recordId);
        lookup.forget(recordId);
        return new Destruction(recordId, header.version(), now(), reason, intent);
    }

    /** Now, to the millisecond: what MongoDB keeps, so that what a write returns equals what a read gives back. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static RecordHeader header(StoredRecord record) {
        return new RecordHeader(record.id(), record.version(), record.ownerSubject(), record.content().profile().unit());
    }
}
