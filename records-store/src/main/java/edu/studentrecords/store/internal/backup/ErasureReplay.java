package edu.studentrecords.store.internal.backup;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import edu.studentrecords.store.backup.BackupProgress;
import edu.studentrecords.store.backup.BackupProgress.Phase;
import edu.studentrecords.store.backup.ErasureLedger;
import edu.studentrecords.store.backup.ProgressListener;
import edu.studentrecords.store.internal.mongo.MongoChangeFeed;
import edu.studentrecords.store.internal.mongo.RecordCollection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Destroys again, after a restore, every record of the erasure ledger, in the order the store destroys: a removal
 * in the change feed (only for records the backup held, so that an index fed from the restored feed drops them),
 * then the data key, then the record, then its sealed archive and history. Idempotent: a record that is already gone costs two deletes that find
 * nothing.
 */
final class ErasureReplay {

    private final MongoDatabase database;
    private final Clock clock;
    private final ProgressListener progress;

    ErasureReplay(MongoDatabase database, Clock clock, ProgressListener progress) {
        this.database = database;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * @param entries      the ledger
     * @param inBackup     ids of ledger records the backup held (their documents were left out of the restore)
     * @return how many ledger entries were replayed
     */
    int replay(List<ErasureLedger.Erasure> entries, Set<String> inBackup) {
        RecordCollection records = new RecordCollection(database.getCollection(StoreCollections.RECORDS));
        MongoCollection<Document> keys = database.getCollection(StoreCollections.RECORD_KEYS);
        MongoCollection<Document> archives = database.getCollection(StoreCollections.RECORD_ARCHIVES);
        MongoCollection<Document> history = database.getCollection(StoreCollections.RECORD_HISTORY);
        // The feed is used to append removals only; nothing is resolved, so no data key check and no settle time.
        MongoChangeFeed feed = new MongoChangeFeed(database.getCollection(StoreCollections.CHANGES),
                database.getCollection(StoreCollections.FEED_QUARANTINE), records, id -> false,
                clock, Duration.ZERO);
        int done = 0;
        progress.onProgress(new BackupProgress(Phase.ERASURES, StoreCollections.RECORDS, 0, entries.size()));
        for (ErasureLedger.Erasure erasure : entries) {
            String id = erasure.recordId();
            if (inBackup.remove(id)) {
                feed.intendRemoval(id);
            }
            keys.deleteOne(Filters.eq("_id", id));
            records.delete(id);
            archives.deleteOne(Filters.eq("_id", id));
            history.deleteMany(Filters.eq("record", id));
            if (++done % ProgressListener.EVERY == 0) {
                progress.onProgress(new BackupProgress(Phase.ERASURES, StoreCollections.RECORDS, done, entries.size()));
            }
        }
        progress.onProgress(new BackupProgress(Phase.ERASURES, StoreCollections.RECORDS, done, entries.size()));
        return done;
    }
}
