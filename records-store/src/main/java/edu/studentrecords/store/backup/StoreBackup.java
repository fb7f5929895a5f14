package edu.studentrecords.store.backup;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.internal.backup.BackupFileHeader;
import edu.studentrecords.store.internal.backup.CheckedBackupRead;
import edu.studentrecords.store.internal.backup.DatabaseBackup;
import edu.studentrecords.store.internal.backup.DatabaseRestore;
import edu.studentrecords.store.internal.crypto.SecretKeyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Online backup and restore of one store database (one realm): every collection, whatever it is, into one
 * encrypted file, and back.
 *
 * <p><b>What a backup holds.</b> Every document of every collection, each read once, as the server returned it
 * (BSON), collection after collection, each in the server's natural order, while the store keeps working. It is consistent per
 * document, not across the database: each collection is read at its own moment, in an order chosen so that every
 * record in the backup has its data key unless the record was destroyed meanwhile (then the erasure ledger has
 * it), its change-feed intents and the audit entries of the decisions that led to it; the change feed and the
 * audit chain are kept as gap-free logs. A record changed while the backup ran is there in one of its versions.
 *
 * <p><b>The file.</b> A clear header, then AES-256-GCM chunks of at most {@link #DEFAULT_CHUNK_SIZE} bytes, each
 * bound to the header, its sequence number and whether it is the last, so that a changed, moved, dropped or
 * appended chunk, or a cut file, is detected. The key is {@link StoreSettings#backupKeyFile()}, apart from the
 * master key; each file derives its own key from it and a random salt. A manifest, sealed as the last chunk and
 * pointed at by the file's last 16 bytes so that it is read and authenticated before the contents, lists per
 * collection the document count and the SHA-256 of the documents' BSON in the order written, the backup's start
 * and end time and the format version. The data keys in the backup stay wrapped by the master key: restoring
 * needs both keys. Files of format 1 (before the manifest could be read first) are refused by name.
 *
 * <p><b>Restore</b> goes into an empty database only and is all or nothing: see {@link #restore}.
 *
 * <p>Thread-safe; operations run on the calling thread. Nothing personal is logged or put in messages.
 */
public final class StoreBackup implements AutoCloseable {

    /**
     * The default largest plaintext of one sealed chunk: 64 KiB. Small enough that a backup or a restore seals or
     * opens many chunks, so the JVM compiles AES-GCM to its AES-NI and carry-less-multiply form within the first
     * tens of megabytes; with 1 MiB chunks a 40 MB backup made only 40 calls, which never got there, and every chunk
     * ran at about 70 MB/s instead of over 1 GB/s (Java 17, measured). The chunks' tags and lengths add 20 bytes in 64 KiB.
     */
    public static final int DEFAULT_CHUNK_SIZE = 64 << 10;

    private final StoreSettings settings;
    private final MongoClient client;
    private final boolean ownsClient;

    private StoreBackup(StoreSettings settings, MongoClient client, boolean ownsClient) {
        this.settings = settings;
        this.client = client;
        this.ownsClient = ownsClient;
    }

    /** Connects with a client of its own, with the store's write and read concerns; {@link #close()} closes it. */
    public static StoreBackup connect(StoreSettings settings) {
        // The store's client settings, built here so that the command line does not load the store and its dependencies.
        MongoClientSettings client = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(settings.connectionString()))
                .writeConcern(settings.writeConcern())
                .readConcern(settings.readConcern())
                .build();
        return new StoreBackup(settings, MongoClients.create(client), true);
    }

    /** Uses a client someone else owns (and closes). */
    public static StoreBackup using(StoreSettings settings, MongoClient client) {
        return new StoreBackup(settings, client, false);
    }

    /** Backs the database up into {@code out} with chunks of {@link #DEFAULT_CHUNK_SIZE}; see {@link #backup(Path, int, ProgressListener)}. */
    public BackupManifest backup(Path out, ProgressListener progress) {
        return backup(out, DEFAULT_CHUNK_SIZE, progress);
    }

    /**
     * Backs the database up into {@code out}, which must not exist yet. The backup key is created when missing
     * only if the settings allow generating keys. The file appears under its name only once complete.
     *
     * @param chunkBytes the largest plaintext of one chunk, 1 KiB to 64 MiB
     * @return the manifest written into the file
     */
    public BackupManifest backup(Path out, int chunkBytes, ProgressListener progress) {
        byte[] key = SecretKeyFile.load(settings.backupKeyFile(), settings.generateMissingKeys());
        try {
            return new DatabaseBackup(database(), key, chunkBytes, settings.clock(), progress).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("backup to " + out + " failed", e);
        }
    }

    /**
     * Reads and authenticates a whole backup file and checks it against its manifest, writing nothing.
     *
     * @throws StoreException when anything fails to check
     */
    public BackupManifest verify(Path in, ProgressListener progress) {
        byte[] key = SecretKeyFile.load(settings.backupKeyFile(), false);
        try {
            return CheckedBackupRead.read(in, key, BackupProgress.Phase.VERIFY, progress,
                    CheckedBackupRead.DocumentSink.NONE).manifest();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read backup " + in, e);
        }
    }

    /**
     * Restores a backup file into the database, which must be empty (no store may be using it meanwhile).
     * First the file's manifest is authenticated and the erasure ledgers are read (this database's and, when the
     * backup comes from another database, that one's), before anything is written. Then the file is read once:
     * the documents are written as their chunks authenticate, except records, data keys, archives and histories of
     * records in a ledger, and each collection is checked against the manifest's count and SHA-256 when it ends;
     * then the backup's indexes are created; then every ledger entry is destroyed again. If a step fails after
     * writing began (a damaged chunk or collection included), the database is emptied again: a damaged file
     * leaves nothing behind. The search index must be rebuilt from the restored store afterwards.
     *
     * @throws StoreException when the file fails any check; the database is empty again
     * @throws IllegalStateException  when the database is not empty or the ledger is malformed; nothing was written
     */
    public RestoreReport restore(Path in, ProgressListener progress) {
        byte[] key = SecretKeyFile.load(settings.backupKeyFile(), false);
        try {
            Path keysFolder = settings.masterKeyFile().toAbsolutePath().getParent();
            return new DatabaseRestore(database(), key, name -> ErasureLedger.at(ErasureLedger.fileFor(keysFolder, name)),
                    settings.clock(), progress).restore(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + in, e);
        }
    }

    /** The format version this code writes. */
    public static int formatVersion() {
        return BackupFileHeader.FORMAT_VERSION;
    }

    private MongoDatabase database() {
        return client.getDatabase(settings.database())
                .withWriteConcern(settings.writeConcern())
                .withReadConcern(settings.readConcern());
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "StoreBackup[database=" + settings.database() + "]";
    }
}
