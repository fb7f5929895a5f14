package edu.studentrecords.keycloak.spi;

import com.mongodb.ConnectionString;
import edu.studentrecords.search.SearchSettings;
import edu.studentrecords.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The options of the {@code student-records} SPI's {@code default} provider, read once when the server starts.
 * Set them as {@code --spi-student-records--default--<name>=<value>} or {@code KC_SPI_STUDENT_RECORDS__DEFAULT__<NAME>}.
 *
 * @param connectionString the MongoDB connection string; may hold credentials, so it is never printed
 * @param databasePrefix   each realm's database is {@code <prefix>_<realm id>}
 * @param keysDir          the folder of {@code master.key}, {@code blind-index.key} and {@code audit.key}
 * @param generateKeys     create missing key files (demo and first start only)
 * @param writeConcern     the write concern's {@code w}: {@code majority} or a number
 * @param journal          the write concern's {@code j}
 * @param indexDir         the folder of this node's search indexes, one sub-folder per realm
 * @param backupDir        the folder of backups started over REST, one sub-folder per realm
 * @param retentionFloorDays the shortest retention period any realm's policy may name, in days
 * @param selfCheckEvery   how often the scheduled security self-check runs, once per cluster
 * @param retentionEvery   how often the scheduled retention run happens, once per cluster
 * @param audit          the audit trail's epochs, anchors, exports and log feed
 */
public record StudentRecordsOptions(
        String connectionString,
        String databasePrefix,
        Path keysDir,
        boolean generateKeys,
        String writeConcern,
        boolean journal,
        Path indexDir,
        Path backupDir,
        int retentionFloorDays,
        Duration selfCheckEvery,
        Duration retentionEvery,
        AuditTrailOptions audit) {

    static final String CONNECTION_STRING = "connection-string";
    static final String DATABASE_PREFIX = "database-prefix";
    static final String KEYS_DIR = "keys-dir";
    static final String GENERATE_KEYS = "generate-keys";
    static final String WRITE_CONCERN = "write-concern";
    static final String JOURNAL = "journal";
    static final String INDEX_DIR = "index-dir";
    static final String BACKUP_DIR = "backup-dir";
    static final String RETENTION_FLOOR_DAYS = "retention-floor-days";
    static final String SELF_CHECK_INTERVAL = "self-check-interval";
    static final String RETENTION_INTERVAL = "retention-interval";
    /** The scheduled runs' default period, in seconds: a day. */
    static final int DAY_SECONDS = 86_400;
    /** The shortest period a scheduled run may have, in seconds. */
    static final int MIN_INTERVAL_SECONDS = 10;
    static final String AUDIT_EPOCH_ENTRIES = "audit-epoch-entries";
    static final String AUDIT_SEAL_INTERVAL_SECONDS = "audit-seal-interval-seconds";
    static final String AUDIT_SEAL_MIN_ENTRIES = "audit-seal-min-entries";
    static final String AUDIT_ANCHOR_DIR = "audit-anchor-dir";
    static final String AUDIT_EXPORT_DIR = "audit-export-dir";
    static final String AUDIT_FEED_DIR = "audit-feed-dir";
    static final int DEFAULT_AUDIT_EPOCH_ENTRIES = 1_000_000;
    static final int DEFAULT_AUDIT_SEAL_INTERVAL_SECONDS = 60;
    static final int DEFAULT_AUDIT_SEAL_MIN_ENTRIES = 1000;
    /** Node-local like the search index: each node keeps its own append-only copy of the anchors. */
    static final Path DEFAULT_AUDIT_ANCHOR_DIR_IN_HOME = Path.of("data", "audit-anchors");
    static final Path DEFAULT_AUDIT_EXPORT_DIR_IN_HOME = Path.of("data", "audit-exports");

    static final String DEFAULT_CONNECTION_STRING = "mongodb://127.0.0.1:27017";
    static final String DEFAULT_DATABASE_PREFIX = "student_records";
    static final String DEFAULT_WRITE_CONCERN = "majority";
    /**
     * Where the search indexes live unless {@code index-dir} says otherwise: below Keycloak's own data folder, which
     * already holds the node's local state and is what a container mounts as the node's volume. The index is
     * node-local and rebuildable from the store, so it belongs beside that state, not beside the store.
     */
    static final Path DEFAULT_INDEX_DIR_IN_HOME = Path.of("data", "search-index");
    /**
     * Where backups started over REST go unless {@code backup-dir} says otherwise. Keep them off the database's disk,
     * and keep {@code backup.key} (in {@code keys-dir}) apart from them: a backup is only as safe as its key's place.
     */
    static final Path DEFAULT_BACKUP_DIR_IN_HOME = Path.of("data", "backups");
    /** The system property in which Keycloak's start script names its home folder. */
    static final String KEYCLOAK_HOME_PROPERTY = "kc.home.dir";
    /** The deepest hit a page of search results may reach ({@code (page + 1) * size}). */
    public static final int MAX_SEARCH_WINDOW = 1000;

    /** Validates the values; a bad value stops the server at start rather than at the first request. */
    public StudentRecordsOptions {
        new ConnectionString(Objects.requireNonNull(connectionString, CONNECTION_STRING));
        if (databasePrefix == null || !databasePrefix.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException(DATABASE_PREFIX + " must be 1 to 40 of [A-Za-z0-9_-]");
        }
        Objects.requireNonNull(keysDir, KEYS_DIR + " is required");
        if (writeConcern == null || writeConcern.isBlank()) {
            throw new IllegalArgumentException(WRITE_CONCERN + " must not be blank");
        }
        Objects.requireNonNull(indexDir, INDEX_DIR);
        Objects.requireNonNull(backupDir, BACKUP_DIR);
        if (retentionFloorDays < 0) {
            throw new IllegalArgumentException(RETENTION_FLOOR_DAYS + " must not be negative");
        }
        requireInterval(selfCheckEvery, SELF_CHECK_INTERVAL);
        requireInterval(retentionEvery, RETENTION_INTERVAL);
        Objects.requireNonNull(audit, "audit");
    }

    /**
     * Reads the options from the provider's configuration scope.
     *
     * @throws IllegalArgumentException when {@code keys-dir} is missing or a value is invalid
     */
    public static StudentRecordsOptions from(Config.Scope config) {
        String home = System.getProperty(KEYCLOAK_HOME_PROPERTY);
        return from(config, home == null || home.isBlank() ? Path.of("") : Path.of(home));
    }

    /**
     * Reads the options, resolving the default {@code index-dir} against {@code keycloakHome} (the working folder
     * when Keycloak does not name its home).
     */
    static StudentRecordsOptions from(Config.Scope config, Path keycloakHome) {
        String keysDir = config.get(KEYS_DIR);
        if (keysDir == null || keysDir.isBlank()) {
            throw new IllegalArgumentException("--spi-" + StudentRecordsSpi.NAME + "--"
                    + DefaultStudentRecordsProviderFactory.ID + "--" + KEYS_DIR + " is required");
        }
        return new StudentRecordsOptions(
                config.get(CONNECTION_STRING, DEFAULT_CONNECTION_STRING),
                config.get(DATABASE_PREFIX, DEFAULT_DATABASE_PREFIX),
                Path.of(keysDir),
                config.getBoolean(GENERATE_KEYS, false),
                config.get(WRITE_CONCERN, DEFAULT_WRITE_CONCERN),
                config.getBoolean(JOURNAL, true),
                folder(config.get(INDEX_DIR), keycloakHome, DEFAULT_INDEX_DIR_IN_HOME),
                folder(config.get(BACKUP_DIR), keycloakHome, DEFAULT_BACKUP_DIR_IN_HOME),
                config.getInt(RETENTION_FLOOR_DAYS, StoreSettings.DEFAULT_RETENTION_FLOOR_DAYS),
                Duration.ofSeconds(config.getInt(SELF_CHECK_INTERVAL, DAY_SECONDS)),
                Duration.ofSeconds(config.getInt(RETENTION_INTERVAL, DAY_SECONDS)),
                new AuditTrailOptions(config.getInt(AUDIT_EPOCH_ENTRIES, DEFAULT_AUDIT_EPOCH_ENTRIES),
                        Duration.ofSeconds(config.getInt(AUDIT_SEAL_INTERVAL_SECONDS,
                                DEFAULT_AUDIT_SEAL_INTERVAL_SECONDS)),
                        config.getInt(AUDIT_SEAL_MIN_ENTRIES, DEFAULT_AUDIT_SEAL_MIN_ENTRIES),
                        folder(config.get(AUDIT_ANCHOR_DIR), keycloakHome, DEFAULT_AUDIT_ANCHOR_DIR_IN_HOME),
                        folder(config.get(AUDIT_EXPORT_DIR), keycloakHome, DEFAULT_AUDIT_EXPORT_DIR_IN_HOME),
                        optionalFolder(config.get(AUDIT_FEED_DIR))));
    }

    private static void requireInterval(Duration every, String name) {
        if (every == null || every.compareTo(Duration.ofSeconds(MIN_INTERVAL_SECONDS)) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + MIN_INTERVAL_SECONDS + " seconds");
        }
    }

    private static Path optionalFolder(String configured) {
        return configured == null || configured.isBlank() ? null : Path.of(configured).toAbsolutePath().normalize();
    }

    private static Path folder(String configured, Path keycloakHome, Path defaultInHome) {
        Path dir = configured == null || configured.isBlank() ? keycloakHome.resolve(defaultInHome) : Path.of(configured);
        return dir.toAbsolutePath().normalize();
    }

    /** The options as the admin console's server info lists them. */
    public static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(CONNECTION_STRING).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("MongoDB connection string of the record store.").defaultValue(DEFAULT_CONNECTION_STRING)
                .add()
                .property().name(DATABASE_PREFIX).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Each realm's records live in the database <prefix>_<realm id>.")
                .defaultValue(DEFAULT_DATABASE_PREFIX).add()
                .property().name(KEYS_DIR).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Required. Folder holding master.key, blind-index.key and audit.key.").add()
                .property().name(GENERATE_KEYS).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .helpText("Create missing key files with new random keys (demo and first start only).")
                .defaultValue(false).add()
                .property().name(WRITE_CONCERN).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Write concern w: 'majority' or a number of nodes.").defaultValue(DEFAULT_WRITE_CONCERN).add()
                .property().name(JOURNAL).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .helpText("Write concern j: wait for the journal before a write is acknowledged.").defaultValue(true)
                .add()
                .property().name(INDEX_DIR).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Folder of this node's search indexes (one sub-folder per realm); node-local, rebuilt from "
                        + "the record store when lost. Default: data/search-index in Keycloak's home folder.")
                .defaultValue(DEFAULT_INDEX_DIR_IN_HOME.toString()).add()
                .property().name(BACKUP_DIR).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Folder of backups started over REST (one sub-folder per realm). "
                        + "Default: data/backups in Keycloak's home folder.")
                .defaultValue(DEFAULT_BACKUP_DIR_IN_HOME.toString()).add()
                .property().name(RETENTION_FLOOR_DAYS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("The shortest retention period, in days, that any realm's retention policy may name; "
                        + "no realm setting goes under it.")
                .defaultValue(StoreSettings.DEFAULT_RETENTION_FLOOR_DAYS).add()
                .property().name(SELF_CHECK_INTERVAL).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Seconds between two scheduled security self-checks of every realm; one node of the "
                        + "cluster runs each.").defaultValue(DAY_SECONDS).add()
                .property().name(RETENTION_INTERVAL).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Seconds between two scheduled retention runs of every realm; one node of the cluster "
                        + "runs each.").defaultValue(DAY_SECONDS).add()
                .property().name(AUDIT_EPOCH_ENTRIES).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("The most audit entries an epoch holds before it is sealed with a signed checkpoint; an "
                        + "epoch is also sealed once the day (UTC) of its first entry is over.")
                .defaultValue(DEFAULT_AUDIT_EPOCH_ENTRIES).add()
                .property().name(AUDIT_SEAL_INTERVAL_SECONDS).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("How often each node seals the audit epochs that are due, writes the anchors outside the "
                        + "record store and feeds the log file.")
                .defaultValue(DEFAULT_AUDIT_SEAL_INTERVAL_SECONDS).add()
                .property().name(AUDIT_SEAL_MIN_ENTRIES).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("How many entries the open audit epoch must hold before a seal by hand (POST "
                        + "/audit/epochs/seal) closes it, unless its first entry is audit-seal-interval-seconds old.")
                .defaultValue(DEFAULT_AUDIT_SEAL_MIN_ENTRIES).add()
                .property().name(AUDIT_ANCHOR_DIR).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Folder of this node's append-only audit anchor files (one per realm); keep it where a "
                        + "database administrator cannot write. Default: data/audit-anchors in Keycloak's home folder.")
                .defaultValue(DEFAULT_AUDIT_ANCHOR_DIR_IN_HOME.toString()).add()
                .property().name(AUDIT_EXPORT_DIR).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Folder where audit epochs are exported (signed, compressed JSON Lines) before their "
                        + "retention drops them, one sub-folder per realm. Default: data/audit-exports in Keycloak's "
                        + "home folder.")
                .defaultValue(DEFAULT_AUDIT_EXPORT_DIR_IN_HOME.toString()).add()
                .property().name(AUDIT_FEED_DIR).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Folder of the audit log feed: one JSON lines file per realm that a log collector tails, "
                        + "every entry once. Empty: no feed.")
                .add()
                .build();
    }

    /** The database of a realm: {@code <prefix>_<realm id>}, with characters outside {@code [A-Za-z0-9-]} as {@code _}. */
    public String databaseFor(String realmId) {
        return databasePrefix + "_" + realmId.replaceAll("[^A-Za-z0-9-]", "_");
    }

    /** The store settings of a realm. */
    public StoreSettings settingsFor(String realmId) {
        return StoreSettings.builder()
                .connectionString(connectionString)
                .database(databaseFor(realmId))
                .writeConcern(writeConcern, journal)
                .keysDirectory(keysDir)
                .generateMissingKeys(generateKeys)
                .backupDirectory(backupDir.resolve(realmId.replaceAll("[^A-Za-z0-9-]", "_")))
                .retentionFloorDays(retentionFloorDays)
                .build();
    }

    /** The search index settings of a realm: its own folder below {@code index-dir}. */
    public SearchSettings searchSettingsFor(String realmId) {
        return SearchSettings.defaults(indexDir.resolve(realmId.replaceAll("[^A-Za-z0-9-]", "_")))
                .withMaxResults(MAX_SEARCH_WINDOW);
    }

    /** The settings of the node's one client: database-independent, so any realm's settings serve. */
    StoreSettings clientSettings() {
        return settingsFor("client");
    }

    /** The options by name, as the server info shows them: the connection string as hosts only. */
    Map<String, String> operationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("hosts", String.join(",", new ConnectionString(connectionString).getHosts()));
        info.put(DATABASE_PREFIX, databasePrefix);
        info.put(KEYS_DIR, keysDir.toString());
        info.put(GENERATE_KEYS, Boolean.toString(generateKeys));
        info.put(WRITE_CONCERN, writeConcern);
        info.put(JOURNAL, Boolean.toString(journal));
        info.put(INDEX_DIR, indexDir.toString());
        info.put(BACKUP_DIR, backupDir.toString());
        info.put(RETENTION_FLOOR_DAYS, Integer.toString(retentionFloorDays));
        info.put(SELF_CHECK_INTERVAL, Long.toString(selfCheckEvery.toSeconds()));
        info.put(RETENTION_INTERVAL, Long.toString(retentionEvery.toSeconds()));
        info.put(AUDIT_EPOCH_ENTRIES, Integer.toString(audit.epochEntries()));
        info.put(AUDIT_SEAL_INTERVAL_SECONDS, Long.toString(audit.sealInterval().toSeconds()));
        info.put(AUDIT_SEAL_MIN_ENTRIES, Integer.toString(audit.sealMinEntries()));
        info.put(AUDIT_ANCHOR_DIR, audit.anchorDir().toString());
        info.put(AUDIT_EXPORT_DIR, audit.exportDir().toString());
        info.put(AUDIT_FEED_DIR, audit.feedDir() == null ? "" : audit.feedDir().toString());
        return info;
    }

    @Override
    public String toString() {
        ConnectionString parsed = new ConnectionString(connectionString);
        return "StudentRecordsOptions[hosts=" + parsed.getHosts()
                + ", credentials=" + (parsed.getCredential() == null ? "none" : "<hidden>")
                + ", databasePrefix=" + databasePrefix + ", keysDir=" + keysDir + ", generateKeys=" + generateKeys
                + ", writeConcern=" + writeConcern + ", journal=" + journal + ", indexDir=" + indexDir + "]";
    }
}
