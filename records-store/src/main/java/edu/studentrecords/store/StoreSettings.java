package edu.studentrecords.store;

import com.mongodb.ConnectionString;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the store connects and where its keys are. Immutable; build with {@link #builder()}.
 *
 * @param connectionString    MongoDB connection string; default {@code mongodb://127.0.0.1:27017}
 * @param database            database name; default {@code student_records}
 * @param writeConcernW       the {@code w} of the write concern: {@code majority} (default) or a number
 * @param journal             whether writes wait for the journal ({@code j}); default true
 * @param masterKeyFile       the master key that wraps every record's data key
 * @param blindIndexKeyFile   the key of the keyed hashes used for exact lookups
 * @param auditKeyFile        the key of the audit trail's hash chain
 * @param generateMissingKeys create missing key files with new random keys (demo and first start only)
 * @param keyCacheSize        how many unwrapped data keys to keep in memory; default 10,000
 * @param feedSettle          how long the change feed waits for a write in flight before it reports the
 *                            record as it is; default 5 seconds
 * @param clock               the clock for timestamps and rules; default UTC system clock
 * @param backupDirectory     where backups started through the store's API are written (one folder for this database);
 *                            null when none is configured, and such backups are then unavailable
 * @param retentionFloorDays  the shortest retention period any realm's policy may name, in days; a server setting no
 *                            realm setting goes under; default 365
 */
public record StoreSettings(
        String connectionString,
        String database,
        String writeConcernW,
        boolean journal,
        Path masterKeyFile,
        Path blindIndexKeyFile,
        Path auditKeyFile,
        boolean generateMissingKeys,
        int keyCacheSize,
        Duration feedSettle,
        Clock clock,
        Path backupDirectory,
        int retentionFloorDays) {

    /** The shortest retention period a realm's policy may name unless the server says otherwise: a year. */
    public static final int DEFAULT_RETENTION_FLOOR_DAYS = 365;

    public StoreSettings {
        new ConnectionString(Objects.requireNonNull(connectionString, "connectionString"));
        requireText(database, "database");
        requireText(writeConcernW, "writeConcernW");
        Objects.requireNonNull(masterKeyFile, "masterKeyFile");
        Objects.requireNonNull(blindIndexKeyFile, "blindIndexKeyFile");
        Objects.requireNonNull(auditKeyFile, "auditKeyFile");
        if (keyCacheSize < 0) {
            throw new IllegalArgumentException("keyCacheSize must not be negative");
        }
        if (feedSettle == null || feedSettle.isNegative()) {
            throw new IllegalArgumentException("feedSettle must be zero or positive");
        }
        Objects.requireNonNull(clock, "clock");
        if (retentionFloorDays < 0) {
            throw new IllegalArgumentException("retentionFloorDays must not be negative");
        }
    }

    /** A builder with the defaults; key files default to {@code master.key}, {@code blind-index.key} and {@code audit.key} in {@code keysDir}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The write concern the settings name: {@code w} and {@code j}. */
    public WriteConcern writeConcern() {
        WriteConcern base = writeConcernW.chars().allMatch(Character::isDigit)
                ? new WriteConcern(Integer.parseInt(writeConcernW))
                : new WriteConcern(writeConcernW);
        return base.withJournal(journal);
    }

    /**
     * The key that encrypts backup files: {@code backup.key} beside the master key. A key of its own, so that
     * backup files can be kept by other hands than the database without opening it.
     */
    public Path backupKeyFile() {
        return masterKeyFile.toAbsolutePath().getParent().resolve("backup.key");
    }

    /**
     * The erasure ledger of this database: {@code erasures/<database>.ledger} beside the master key. It lists
     * every destroyed record and lives outside the database on purpose, so that restoring a backup of the
     * database cannot roll it back; see {@link edu.studentrecords.store.backup.ErasureLedger}.
     */
    public Path erasureLedgerFile() {
        return edu.studentrecords.store.backup.ErasureLedger.fileFor(masterKeyFile.toAbsolutePath().getParent(), database);
    }

    /** Reads see only majority-committed data, so a read never returns a write that could roll back. */
    public ReadConcern readConcern() {
        return ReadConcern.MAJORITY;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        ConnectionString parsed = new ConnectionString(connectionString);
        return "StoreSettings[hosts=" + parsed.getHosts() + ", credentials=" + (parsed.getCredential() == null ? "none" : "<hidden>")
                + ", database=" + database + ", w=" + writeConcernW + ", j=" + journal + ", masterKeyFile=" + masterKeyFile
                + ", blindIndexKeyFile=" + blindIndexKeyFile + ", auditKeyFile=" + auditKeyFile
                + ", generateMissingKeys=" + generateMissingKeys + ", keyCacheSize=" + keyCacheSize
                + ", feedSettle=" + feedSettle + ", backupDirectory=" + backupDirectory
                + ", retentionFloorDays=" + retentionFloorDays + "]";
    }

    /** Builds {@link StoreSettings}; every setting has a default but the key location. */
    public static final class Builder {
        private String connectionString = "mongodb://127.0.0.1:27017";
        private String database = "student_records";
        private String writeConcernW = "majority";
        private boolean journal = true;
        private Path masterKeyFile;
        private Path blindIndexKeyFile;
        private Path auditKeyFile;
        private boolean generateMissingKeys;
        private int keyCacheSize = 10_000;
        private Duration feedSettle = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private Path backupDirectory;
        private int retentionFloorDays = DEFAULT_RETENTION_FLOOR_DAYS;

        private Builder() {
        }

        public Builder connectionString(String value) {
            this.connectionString = value;
            return this;
        }

        public Builder database(String value) {
            this.database = value;
            return this;
        }

        public Builder writeConcern(String w, boolean journal) {
            this.writeConcernW = w;
            this.journal = journal;
            return this;
        }

        /** Puts the three key files, with their default names, in {@code dir}. */
        public Builder keysDirectory(Path dir) {
            this.masterKeyFile = dir.resolve("master.key");
            this.blindIndexKeyFile = dir.resolve("blind-index.key");
            this.auditKeyFile = dir.resolve("audit.key");
            return this;
        }

        public Builder masterKeyFile(Path value) {
            this.masterKeyFile = value;
            return this;
        }

        public Builder blindIndexKeyFile(Path value) {
            this.blindIndexKeyFile = value;
            return this;
        }

        public Builder auditKeyFile(Path value) {
            this.auditKeyFile = value;
            return this;
        }

        public Builder generateMissingKeys(boolean value) {
            this.generateMissingKeys = value;
            return this;
        }

        public Builder keyCacheSize(int value) {
            this.keyCacheSize = value;
            return this;
        }

        public Builder feedSettle(Duration value) {
            this.feedSettle = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Where backups started through the store's API are written; none by default. */
        public Builder backupDirectory(Path value) {
            this.backupDirectory = value;
            return this;
        }

        /** The shortest retention period a realm's policy may name, in days (default 365). */
        public Builder retentionFloorDays(int value) {
            this.retentionFloorDays = value;
            return this;
        }

        public StoreSettings build() {
            return new StoreSettings(connectionString, database, writeConcernW, journal, masterKeyFile, blindIndexKeyFile,
                    auditKeyFile, generateMissingKeys, keyCacheSize, feedSettle, clock, backupDirectory,
                    retentionFloorDays);
        }
    }
}
