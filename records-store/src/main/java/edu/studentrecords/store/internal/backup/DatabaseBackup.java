package edu.studentrecords.store.internal.backup;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.backup.BackupManifest;
import edu.studentrecords.store.backup.BackupProgress;
import edu.studentrecords.store.backup.BackupProgress.Phase;
import edu.studentrecords.store.backup.CollectionSummary;
import edu.studentrecords.store.backup.ProgressListener;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * Reads every collection of a database, once each, in {@link StoreCollections#readingOrder} and in the server's
 * natural order within a collection (a sort by {@code _id} would make the server gather and sort each collection
 * first), into a sealed backup file. Each collection's count and SHA-256 over the documents as written go into the
 * manifest; so does where each sequence log's gap-free beginning ends, which only the whole log can tell. The file is written beside its final name and moved
 * there only once complete and on the disk, so a backup that fails leaves no file that looks like a backup.
 */
public final class DatabaseBackup {

    private static final int BATCH = 1000;

    private final MongoDatabase database;
    private final byte[] backupKey;
    private final int chunkSize;
    private final Clock clock;
    private final ProgressListener progress;

    public DatabaseBackup(MongoDatabase database, byte[] backupKey, int chunkSize, Clock clock, ProgressListener progress) {
        this.database = database;
        this.backupKey = backupKey.clone();
        this.chunkSize = chunkSize;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * Writes the backup to {@code out}.
     *
     * @throws FileAlreadyExistsException when {@code out} exists: a backup never overwrites another
     */
    public BackupManifest writeTo(Path out) throws IOException {
        if (Files.exists(out)) {
            throw new FileAlreadyExistsException(out.toString(), null, "a backup never overwrites a file");
        }
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        BackupManifest manifest;
        try {
            try (OutputStream file = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
                 BackupStreamWriter writer = new BackupStreamWriter(new SealingOutputStream(
                         new BufferedOutputStream(file, 1 << 16), BackupFileHeader.fresh(backupKey, chunkSize), backupKey))) {
                manifest = writeAll(writer);
            }
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return manifest;
    }

    private BackupManifest writeAll(BackupStreamWriter writer) throws IOException {
        Instant startedAt = now();
        List<String> names = new ArrayList<>();
        database.listCollectionNames().into(names);
        List<CollectionSummary> summaries = new ArrayList<>();
        Map<String, List<Document>> indexes = new LinkedHashMap<>();
        Map<String, Long> sequenceEnds = new LinkedHashMap<>();
        for (String name : StoreCollections.readingOrder(names)) {
            indexes.put(name, indexesOf(name));
            SequenceRun run = StoreCollections.SEQUENCE_LOGS.contains(name) ? new SequenceRun() : null;
            summaries.add(writeCollection(name, writer, run));
            if (run != null) {
                run.end().ifPresent(end -> sequenceEnds.put(name, end));
            }
        }
        BackupManifest manifest = new BackupManifest(BackupFileHeader.FORMAT_VERSION, database.getName(), startedAt, now(),
                summaries);
        writer.manifest(new SealedManifest(manifest, indexes, sequenceEnds).toBson());
        return manifest;
    }

    /** Writes one collection; the ids of a sequence log also go to {@code run} (null for other collections). */
    private CollectionSummary writeCollection(String name, BackupStreamWriter writer, SequenceRun run) throws IOException {
        MongoCollection<RawBsonDocument> collection = database.getCollection(name, RawBsonDocument.class);
        long total = collection.estimatedDocumentCount();
        CollectionDigest digest = new CollectionDigest();
        progress.onProgress(new BackupProgress(Phase.BACKUP, name, 0, total));
        writer.beginCollection(name, total);
        try (MongoCursor<RawBsonDocument> cursor = collection.find().batchSize(BATCH).cursor()) {
            while (cursor.hasNext()) {
                RawBsonDocument doc = cursor.next();
                if (run != null) {
                    run.add(doc.get("_id"));
                }
                writer.document(doc, digest);
                if (digest.count() % ProgressListener.EVERY == 0) {
                    progress.onProgress(new BackupProgress(Phase.BACKUP, name, digest.count(), total));
                }
            }
        }
        writer.endCollection();
        progress.onProgress(new BackupProgress(Phase.BACKUP, name, digest.count(), total));
        return new CollectionSummary(name, digest.count(), digest.finish());
    }

    private List<Document> indexesOf(String name) {
        List<Document> specs = new ArrayList<>();
        for (Document index : database.getCollection(name).listIndexes()) {
            if (!"_id_".equals(index.getString("name"))) {
                Document spec = new Document(index);
                spec.remove("v");
                spec.remove("ns");
                specs.add(spec);
            }
        }
        return specs;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
