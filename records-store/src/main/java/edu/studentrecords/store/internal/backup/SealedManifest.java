package edu.studentrecords.store.internal.backup;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.backup.BackupManifest;
import edu.studentrecords.store.backup.CollectionSummary;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * The manifest as kept inside a backup file: the public {@link BackupManifest} plus each collection's index
 * definitions (without the {@code _id} index), which a restore creates again, and where each sequence log's
 * gap-free beginning ends.
 *
 * @param manifest     the table of contents
 * @param indexes      per collection, the index specifications as {@code listIndexes} returned them
 * @param sequenceEnds per sequence log ({@link StoreCollections#SEQUENCE_LOGS}) that holds numeric ids, the first id
 *                     after its gap-free beginning: entries from there on were appended while the backup read and are
 *                     in the file (and its hash) but not restored
 */
public record SealedManifest(BackupManifest manifest, Map<String, List<Document>> indexes, Map<String, Long> sequenceEnds) {

    public SealedManifest {
        indexes = Map.copyOf(indexes);
        sequenceEnds = Map.copyOf(sequenceEnds);
    }

    /** Whether {@code document} of {@code collection} lies beyond its log's gap-free beginning. */
    public boolean beyondSequence(String collection, RawBsonDocument document) {
        Long end = sequenceEnds.get(collection);
        if (end == null) {
            return false;
        }
        BsonValue id = document.get("_id");
        return id != null && id.isNumber() && id.asNumber().longValue() >= end;
    }

    private static final DocumentCodec CODEC = new DocumentCodec();

    public RawBsonDocument toBson() {
        List<Document> collections = new ArrayList<>();
        for (CollectionSummary c : manifest.collections()) {
            Document entry = new Document("name", c.name()).append("documents", c.documents()).append("sha256", c.sha256())
                    .append("indexes", indexes.getOrDefault(c.name(), List.of()));
            if (sequenceEnds.containsKey(c.name())) {
                entry.append("sequenceEnd", sequenceEnds.get(c.name()));
            }
            collections.add(entry);
        }
        Document doc = new Document("format", manifest.formatVersion()).append("database", manifest.database())
                .append("startedAt", Date.from(manifest.startedAt())).append("finishedAt", Date.from(manifest.finishedAt()))
                .append("collections", collections);
        return new RawBsonDocument(doc, CODEC);
    }

    /** Reads a manifest; a malformed one is corruption. */
    public static SealedManifest fromBson(RawBsonDocument raw) {
        try {
            Document doc = raw.decode(CODEC);
            List<CollectionSummary> collections = new ArrayList<>();
            Map<String, List<Document>> indexes = new LinkedHashMap<>();
            Map<String, Long> sequenceEnds = new LinkedHashMap<>();
            for (Document c : doc.getList("collections", Document.class)) {
                String name = c.getString("name");
                collections.add(new CollectionSummary(name, c.getLong("documents"), c.getString("sha256")));
                indexes.put(name, c.getList("indexes", Document.class));
                if (c.containsKey("sequenceEnd")) {
                    sequenceEnds.put(name, c.getLong("sequenceEnd"));
                }
            }
            BackupManifest manifest = new BackupManifest(doc.getInteger("format"), doc.getString("database"),
                    doc.getDate("startedAt").toInstant(), doc.getDate("finishedAt").toInstant(), collections);
            return new SealedManifest(manifest, indexes, sequenceEnds);
        } catch (RuntimeException e) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup manifest is malformed");
        }
    }
}
