package edu.studentrecords.store.internal.backup;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.backup.BackupManifest;
import edu.studentrecords.store.backup.CollectionSummary;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * The manifest as kept inside a backup file: the public {@link BackupManifest} plus each collection's index
 * definitions (without the {@code _id} index), which a restore creates again.
 *
 * @param manifest the table of contents
 * @param indexes  per collection, the index specifications as {@code listIndexes} returned them
 */
public record SealedManifest(BackupManifest manifest, Map<String, List<Document>> indexes) {

    private static final DocumentCodec CODEC = new DocumentCodec();

    public RawBsonDocument toBson() {
        List<Document> collections = new ArrayList<>();
        for (CollectionSummary c : manifest.collections()) {
            collections.add(new Document("name", c.name()).append("documents", c.documents()).append("sha256", c.sha256())
                    .append("indexes", indexes.getOrDefault(c.name(), List.of())));
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
            for (Document c : doc.getList("collections", Document.class)) {
                String name = c.getString("name");
                collections.add(new CollectionSummary(name, c.getLong("documents"), c.getString("sha256")));
                indexes.put(name, c.getList("indexes", Document.class));
            }
            BackupManifest manifest = new BackupManifest(doc.getInteger("format"), doc.getString("database"),
                    doc.getDate("startedAt").toInstant(), doc.getDate("finishedAt").toInstant(), collections);
            return new SealedManifest(manifest, indexes);
        } catch (RuntimeException e) {
            throw StoreException.malformed(StoreException.Subject.BACKUP, "backup manifest is malformed");
        }
    }
}
