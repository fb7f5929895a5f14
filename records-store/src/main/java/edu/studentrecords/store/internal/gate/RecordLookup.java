package edu.studentrecords.store.internal.gate;

import edu.studentrecords.store.internal.mongo.RecordCodec;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import edu.studentrecords.store.internal.mongo.RecordHeader;
import edu.studentrecords.store.internal.mongo.RecordHeaderCache;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;

/**
 * Finds stored records and their access facts (id, version, owner, unit) without deciding anything: the first step of
 * the gate, and what the features use to re-read a record they were let through to. Remembers the access facts of
 * records seen lately, so that a read can be decided while its record is fetched. Thread-safe.
 */
public final class RecordLookup implements AutoCloseable {

    /** Threads that fetch records while their reads are decided and audited. */
    private static final int FETCH_THREADS = 8;

    private final RecordCollection records;
    private final RecordCodec codec;
    private final RecordHeaderCache headers;
    private final ExecutorService fetcher;

    public RecordLookup(RecordCollection records, RecordCodec codec, int cacheSize) {
        this.records = records;
        this.codec = codec;
        this.headers = new RecordHeaderCache(cacheSize);
        this.fetcher = Executors.newFixedThreadPool(FETCH_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "record-fetch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The stored document, remembering its access facts; empty when there is none (or {@code recordId} is null). */
    public Optional<Document> find(String recordId) {
        Optional<Document> doc = recordId == null ? Optional.empty() : records.find(recordId);
        doc.ifPresentOrElse(d -> headers.put(codec.header(d)), () -> forget(recordId));
        return doc;
    }

    /** The access facts of a stored record, read now. */
    public Optional<RecordHeader> header(String recordId) {
        return find(recordId).map(codec::header);
    }

    /** The access facts of a document. */
    public RecordHeader headerOf(Document doc) {
        return codec.header(doc);
    }

    /** The record's version now. */
    public long versionNow(String recordId) {
        return header(recordId).map(RecordHeader::version)
                .orElseThrow(() -> edu.studentrecords.store.StoreException.notFound(
                        edu.studentrecords.store.StoreException.Subject.RECORD));
    }

    /** The id of the record linked to a Keycloak user, by the unique owner key. */
    public Optional<String> idByOwner(String subject) {
        return subject == null ? Optional.empty() : records.idByOwner(subject);
    }

    /** The id of the record with a student number, by the unique key. */
    public Optional<String> idByStudentNumber(String studentNumber) {
        return records.idByStudentNumber(studentNumber);
    }

    /** The id of the record with a resident ID number, by its keyed hash. */
    public Optional<String> idByResidentIdNumber(String residentIdNumber) {
        return records.idByResidentIdHash(codec.residentIdHash(residentIdNumber));
    }

    /** The key under which a resident ID number is unique (its keyed hash, whatever its spelling). */
    public String residentIdKey(String residentIdNumber) {
        return codec.residentIdHash(residentIdNumber);
    }

    /** Which of these student numbers stored records have, in one query. */
    public Set<String> studentNumbersTaken(Collection<String> studentNumbers) {
        return records.studentNumbersTaken(studentNumbers);
    }

    /** Which of these resident-ID keys ({@link #residentIdKey}) stored records have, in one query. */
    public Set<String> residentIdKeysTaken(Collection<String> keys) {
        return records.residentIdHashesTaken(keys);
    }

    /** Which of these Keycloak users stored records are linked to, in one query. */
    public Set<String> ownersTaken(Collection<String> subjects) {
        return records.ownersTaken(subjects);
    }

    /** The ids of the records whose student or guardian has a phone number, by its keyed hash. */
    public List<String> idsByPhone(String phone) {
        return codec.phoneHash(phone).map(records::idsByPhoneHash).orElse(List.of());
    }

    /** Remembers a record's access facts after a write. */
    public void remember(RecordHeader header) {
        headers.put(header);
    }

    /** Forgets a record (destroyed, or found gone). */
    public void forget(String recordId) {
        if (recordId != null) {
            headers.remove(recordId);
        }
    }

    /** The access facts seen last for a record, without reading it. */
    Optional<RecordHeader> remembered(String recordId) {
        return recordId == null ? Optional.empty() : headers.get(recordId);
    }

    /** Starts fetching a record on another thread. */
    Future<Optional<Document>> fetchAsync(String recordId) {
        return fetcher.submit(() -> records.find(recordId));
    }

    static Optional<Document> await(Future<Optional<Document>> fetch) {
        try {
            return fetch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a record", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("reading a record failed", e.getCause());
        }
    }

    @Override
    public void close() {
        fetcher.shutdownNow();
    }

    /**
     * The access facts of the stored records among {@code recordIds}, read now in as few queries as possible; a
     * record that does not exist is left out. For many records at once (a search's hits): nothing is remembered.
     */
    public Map<String, RecordHeader> headers(Collection<String> recordIds) {
        return records.headers(recordIds);
    }
}
