package edu.studentrecords.store.internal.backup;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import edu.studentrecords.store.backup.BackupProgress;
import edu.studentrecords.store.backup.BackupProgress.Phase;
import edu.studentrecords.store.backup.CollectionSummary;
import edu.studentrecords.store.backup.ErasureLedger;
import edu.studentrecords.store.backup.ProgressListener;
import edu.studentrecords.store.backup.RestoreReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * Restores a backup file into an empty database, all or nothing:
 * <ol>
 * <li>the database must hold no document;</li>
 * <li>the file's manifest is authenticated, and the erasure ledgers (of the target database and of the backup's
 * own) must read cleanly, before anything is written;</li>
 * <li>the file is read once and written in batches as it is read, every chunk authenticated and every collection
 * checked against the manifest's count and hash when it ends; a record, data key, archive or history entry whose
 * record is in the erasure ledger is not written at all, so a destroyed student's data never lands, even for a
 * moment; entries of a sequence log beyond its gap-free beginning are left out;</li>
 * <li>the indexes of the backup are created, then the erasure ledger is replayed ({@link ErasureReplay}).</li>
 * </ol>
 * If anything fails after the first write (a chunk that does not authenticate, a collection whose hash differs, the
 * database refusing a write), every collection of the database is dropped again: the database is as empty as it
 * was found.
 */
public final class DatabaseRestore {

    private static final int BATCH_DOCUMENTS = 1000;
    private static final int BATCH_BYTES = 8 << 20;
    private static final Set<String> PER_RECORD = Set.of(StoreCollections.RECORDS, StoreCollections.RECORD_KEYS,
            StoreCollections.RECORD_ARCHIVES);

    private final MongoDatabase database;
    private final byte[] backupKey;
    private final Function<String, ErasureLedger> ledgers;
    private final Clock clock;
    private final ProgressListener progress;

    /**
     * @param ledgers the erasure ledger of a database, by name: the ledgers of the target database and of the
     *                database the backup was taken from (when another) are both replayed
     */
    public DatabaseRestore(MongoDatabase database, byte[] backupKey, Function<String, ErasureLedger> ledgers, Clock clock,
            ProgressListener progress) {
        this.database = database;
        this.backupKey = backupKey.clone();
        this.ledgers = ledgers;
        this.clock = clock;
        this.progress = progress;
    }

    /** Restores {@code file}; see the class description. */
    public RestoreReport restore(Path file) throws IOException {
        requireEmpty();
        try (CheckedBackupRead backup = CheckedBackupRead.open(file, backupKey)) {
            SealedManifest manifest = backup.manifest();
            List<ErasureLedger.Erasure> erasures = erasuresOf(database.getName(), manifest.manifest().database());
            Set<String> erased = erasures.stream().map(ErasureLedger.Erasure::recordId).collect(Collectors.toSet());
            try {
                Writer writer = new Writer(manifest, erased);
                backup.readContents(Phase.RESTORE, progress, writer);
                createIndexes(manifest);
                int replayed = new ErasureReplay(database, clock, progress).replay(erasures, writer.erasedFound);
                return new RestoreReport(manifest.manifest(), writer.written, writer.skipped, replayed);
            } catch (RuntimeException | IOException | Error e) {
                wipe();
                throw e;
            }
        }
    }

    /** The ledgers of both databases, read before anything is written: a malformed one stops the restore. */
    private List<ErasureLedger.Erasure> erasuresOf(String target, String source) {
        List<ErasureLedger.Erasure> entries = new ArrayList<>(ledgers.apply(target).entries());
        if (!source.equals(target)) {
            entries.addAll(ledgers.apply(source).entries());
        }
        return entries;
    }

    private void requireEmpty() {
        for (String name : database.listCollectionNames()) {
            if (database.getCollection(name).find().projection(new Document("_id", 1)).first() != null) {
                throw new IllegalStateException("database " + database.getName() + " is not empty (collection " + name
                        + " holds documents): a backup is restored only into an empty database");
            }
        }
    }

    private void createIndexes(SealedManifest manifest) {
        manifest.indexes().forEach((collection, specs) -> {
            if (!specs.isEmpty()) {
                database.runCommand(new Document("createIndexes", collection).append("indexes", specs));
            }
        });
    }

    private void wipe() {
        for (String name : database.listCollectionNames()) {
            database.getCollection(name).drop();
        }
    }

    private boolean exists(String collection) {
        return database.listCollectionNames().into(new ArrayList<>()).contains(collection);
    }

    /** Writes documents in batches, leaving out those of erased records. */
    private final class Writer implements CheckedBackupRead.DocumentSink {
        private final SealedManifest manifest;
        private final Set<String> erased;
        private final Set<String> erasedFound = new HashSet<>();
        private final List<RawBsonDocument> batch = new ArrayList<>();
        private int batchBytes;
        private long written;
        private long skipped;
        private long doneInCollection;

        Writer(SealedManifest manifest, Set<String> erased) {
            this.manifest = manifest;
            this.erased = erased;
        }

        @Override
        public void document(String collection, byte[] bson) {
            RawBsonDocument doc = new RawBsonDocument(bson);
            doneInCollection++;
            if (manifest.beyondSequence(collection, doc)) {
                return;
            }
            if (PER_RECORD.contains(collection) && isErased(doc)
                    || StoreCollections.RECORD_HISTORY.equals(collection) && ofErased(doc)) {
                skipped++;
                return;
            }
            batch.add(doc);
            batchBytes += bson.length;
            if (batch.size() >= BATCH_DOCUMENTS || batchBytes >= BATCH_BYTES) {
                flush(collection);
            }
        }

        /** A history entry of an erased record: left out like the record (its replay removes it too). */
        private boolean ofErased(RawBsonDocument doc) {
            BsonValue record = doc.get("record");
            return record != null && record.isString() && erased.contains(record.asString().getValue());
        }

        private boolean isErased(RawBsonDocument doc) {
            BsonValue id = doc.get("_id");
            if (id != null && id.isString() && erased.contains(id.asString().getValue())) {
                erasedFound.add(id.asString().getValue());
                return true;
            }
            return false;
        }

        @Override
        public void endCollection(String collection) {
            flush(collection);
            // An empty collection is created all the same, so the restored database lists what the backup lists.
            if (doneInCollection == 0 && !exists(collection)) {
                database.createCollection(collection);
            }
            doneInCollection = 0;
        }

        private void flush(String collection) {
            if (!batch.isEmpty()) {
                MongoCollection<RawBsonDocument> target = database.getCollection(collection, RawBsonDocument.class);
                target.insertMany(batch, new InsertManyOptions().ordered(true));
                written += batch.size();
                batch.clear();
                batchBytes = 0;
            }
            long total = manifest.manifest().collection(collection).map(CollectionSummary::documents).orElse(0L);
            progress.onProgress(new BackupProgress(Phase.RESTORE, collection, doneInCollection, total));
        }
    }
}
