package edu.studentrecords.store.internal.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import edu.studentrecords.store.internal.crypto.Aead;
import edu.studentrecords.store.internal.crypto.UnreadableCiphertextException;
import edu.studentrecords.store.internal.mongo.InsertIfAbsent;
import edu.studentrecords.store.internal.mongo.RecordJson;
import edu.studentrecords.store.model.StoredRecord;
import edu.studentrecords.store.retention.ArchiveVerification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The sealed archives, one document per record ({@code _id} = record id): the whole record as JSON, sealed with
 * AES-256-GCM under the record's own data key and bound to the record id, with the SHA-256 of the sealed bytes.
 * Sealing under the record's key is what makes an archive die with its record: once the key is destroyed, every copy
 * of the archive (backups included) is unreadable. Thread-safe.
 */
final class ArchiveVault {

    static final String ID = "_id";
    static final String SEALED = "sealed";
    static final String SHA256 = "sha256";
    static final String SIZE = "size";
    static final String CREATED = "createdAt";

    private final MongoCollection<Document> archives;

    ArchiveVault(MongoCollection<Document> archives) {
        this.archives = archives;
    }

    /**
     * Seals and stores the record's archive, unless it has one.
     *
     * @return true when this call made the archive; false when the record had one already
     */
    boolean make(StoredRecord record, byte[] dataKey, Instant now) {
        byte[] plaintext;
        try {
            plaintext = RecordJson.mapper().writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record could not be written as JSON for its archive", e);
        }
        byte[] sealed = Aead.seal(dataKey, plaintext, associatedData(record.id()));
        return InsertIfAbsent.insert(archives, new Document(ID, record.id())
                .append(SEALED, new Binary(sealed))
                .append(SHA256, sha256(sealed))
                .append(SIZE, (long) sealed.length)
                .append(CREATED, Date.from(now)));
    }

    /** The archive's facts, without its sealed bytes. */
    Optional<Document> facts(String recordId) {
        return Optional.ofNullable(archives.find(Filters.eq(ID, recordId)).projection(Projections.exclude(SEALED)).first());
    }

    /** The facts of every archive, without their sealed bytes. */
    List<Document> allFacts() {
        return archives.find().projection(Projections.exclude(SEALED)).into(new ArrayList<>());
    }

    /**
     * Re-checks an archive: the SHA-256 of its sealed bytes as stored now, and whether that equals the hash taken when
     * it was made and the bytes open under the record's key (absent: destroyed, so not intact).
     */
    Optional<ArchiveVerification> verify(String recordId, Optional<byte[]> dataKey) {
        Document doc = archives.find(Filters.eq(ID, recordId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        byte[] sealed = doc.get(SEALED, Binary.class).getData();
        String now = sha256(sealed);
        boolean opens = dataKey.map(key -> opens(key, sealed, recordId)).orElse(false);
        return Optional.of(new ArchiveVerification(now, now.equals(doc.getString(SHA256)) && opens));
    }

    /** The archived record, opened with its key. */
    Optional<StoredRecord> open(String recordId, byte[] dataKey) {
        Document doc = archives.find(Filters.eq(ID, recordId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RecordJson.mapper().readValue(
                    Aead.open(dataKey, doc.get(SEALED, Binary.class).getData(), associatedData(recordId)),
                    StoredRecord.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an archive's JSON could not be read", e);
        }
    }

    /** Deletes the record's archive; idempotent. */
    void delete(String recordId) {
        archives.deleteOne(Filters.eq(ID, recordId));
    }

    private static boolean opens(byte[] key, byte[] sealed, String recordId) {
        try {
            Aead.open(key, sealed, associatedData(recordId));
            return true;
        } catch (UnreadableCiphertextException e) {
            return false;
        }
    }

    static byte[] associatedData(String recordId) {
        return ("archive|" + recordId).getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
