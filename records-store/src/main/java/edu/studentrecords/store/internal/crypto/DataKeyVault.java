package edu.studentrecords.store.internal.crypto;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The per-record data keys, each wrapped (AES-256-GCM) by the master key and kept in their own collection,
 * apart from the records: destroying a record's key makes every copy of its encrypted fields unreadable,
 * backups included (MISSION article 6.3). Unwrapped keys are cached in memory, bounded; {@link #destroy}
 * evicts. Thread-safe.
 */
public final class DataKeyVault {

    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> keys;
    private final byte[] masterKey;
    private final String masterKeyId;
    private final Map<String, byte[]> cache;

    /**
     * @param keys      the collection holding wrapped keys, {@code _id} = record id
     * @param masterKey the 32-byte master key
     * @param cacheSize how many unwrapped keys to keep in memory
     */
    public DataKeyVault(MongoCollection<Document> keys, byte[] masterKey, int cacheSize) {
        if (masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("master key must be 32 bytes");
        }
        this.keys = keys;
        this.masterKey = masterKey.clone();
        this.masterKeyId = keyId(masterKey);
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > cacheSize;
            }
        });
    }

    /**
     * Creates and stores new data keys for records, in one write; fails if one of them already has a key, and then
     * leaves none of the new ones.
     *
     * @return the keys, in the order of {@code recordIds}
     */
    public List<byte[]> createAll(List<String> recordIds) {
        if (recordIds.isEmpty()) {
            return List.of();
        }
        List<byte[]> dataKeys = new ArrayList<>(recordIds.size());
        List<Document> docs = new ArrayList<>(recordIds.size());
        for (String recordId : recordIds) {
            byte[] dataKey = new byte[KEY_BYTES];
            RANDOM.nextBytes(dataKey);
            dataKeys.add(dataKey);
            docs.add(keyDocument(recordId, dataKey));
        }
        try {
            keys.insertMany(docs);
        } catch (RuntimeException e) {
            // Only the keys written here: a record that had a key keeps it.
            List<org.bson.conversions.Bson> written = new ArrayList<>(docs.size());
            docs.forEach(doc -> written.add(Filters.and(Filters.eq("_id", doc.get("_id")),
                    Filters.eq("wrapped", doc.get("wrapped")))));
            keys.deleteMany(Filters.or(written));
            throw e;
        }
        List<byte[]> copies = new ArrayList<>(dataKeys.size());
        for (int i = 0; i < recordIds.size(); i++) {
            cache.put(recordIds.get(i), dataKeys.get(i));
            copies.add(dataKeys.get(i).clone());
        }
        return copies;
    }

    private Document keyDocument(String recordId, byte[] dataKey) {
        return new Document("_id", recordId)
                .append("wrapped", new Binary(Aead.seal(masterKey, dataKey, associatedData(recordId))))
                .append("masterKeyId", masterKeyId)
                .append("createdAt", java.util.Date.from(Instant.now()));
    }

    /** The record's data key, or empty when it was destroyed (or never existed). */
    public Optional<byte[]> find(String recordId) {
        byte[] cached = cache.get(recordId);
        if (cached != null) {
            return Optional.of(cached.clone());
        }
        Document doc = keys.find(Filters.eq("_id", recordId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        if (!masterKeyId.equals(doc.getString("masterKeyId"))) {
            throw new IllegalStateException("data key of a record is wrapped by master key " + doc.getString("masterKeyId")
                    + ", not by the configured one");
        }
        byte[] dataKey = Aead.open(masterKey, doc.get("wrapped", Binary.class).getData(), associatedData(recordId));
        cache.put(recordId, dataKey);
        return Optional.of(dataKey.clone());
    }

    /** Whether the record has a data key in the store (not in this node's cache: another node may have destroyed it). */
    public boolean exists(String recordId) {
        return keys.find(Filters.eq("_id", recordId)).projection(new Document("_id", 1)).first() != null;
    }

    /** Destroys the record's data key for good. Idempotent. */
    public void destroy(String recordId) {
        cache.remove(recordId);
        keys.deleteOne(Filters.eq("_id", recordId));
    }

    /** A short public identifier of the master key: the first 16 hex digits of its SHA-256. */
    static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] associatedData(String recordId) {
        return ("record-key|" + recordId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DataKeyVault[masterKeyId=" + masterKeyId + "]";
    }
}
