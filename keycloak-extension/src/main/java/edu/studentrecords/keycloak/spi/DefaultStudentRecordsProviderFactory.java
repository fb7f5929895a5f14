package edu.studentrecords.keycloak.spi;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import edu.studentrecords.keycloak.audit.AuditEpochSchedule;
import edu.studentrecords.keycloak.bootstrap.AccountRemovalListener;
import edu.studentrecords.keycloak.bootstrap.RealmLifecycleListener;
import edu.studentrecords.keycloak.jobs.RetentionSchedule;
import edu.studentrecords.keycloak.jobs.SelfCheckSchedule;
import edu.studentrecords.keycloak.jobs.VerificationReminderSchedule;
import edu.studentrecords.search.SearchIndexException;
import edu.studentrecords.search.StudentSearchIndex;
import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.StoreReach;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.audit.AuditOperation;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * The {@code default} provider of the {@code student-records} SPI. Owns the node's one MongoDB client (created in
 * {@link #postInit}) and, per realm, one {@link StudentRecords} and the {@link StudentSearchIndex} fed by its
 * change feed (opened together on first use, the index in its own folder below {@code index-dir}), and closes them
 * all in {@link #close()}. It also registers the realm bootstrap and what happens to a record when its user is
 * removed. Thread-safe.
 */
public final class DefaultStudentRecordsProviderFactory extends NamedProviderFactory<StudentRecordsProvider>
        implements StudentRecordsProviderFactory, ServerInfoAwareProviderFactory {

    /** The provider id. */
    public static final String ID = "default";

    /** The option naming how often the reminders of due confirmations run, in seconds. */
    static final String REMINDER_INTERVAL_OPTION = "verification-reminder-interval-seconds";
    /** How often the reminders of due confirmations run unless the option says otherwise. */
    static final Duration DEFAULT_REMINDER_INTERVAL = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(DefaultStudentRecordsProviderFactory.class);
    /** How long a destruction waits for the index to apply the record's removal before it purges the files. */
    private static final Duration PURGE_FEED_WAIT = Duration.ofSeconds(5);

    private final Map<String, RealmRecords> realms = new ConcurrentHashMap<>();
    private final ClientChangeLocks clientChangeLocks = new ClientChangeLocks();
    private volatile StudentRecordsOptions options;
    private volatile MongoClient client;
    private volatile NodeMetrics metrics;
    private volatile Duration reminderInterval = DEFAULT_REMINDER_INTERVAL;

    public DefaultStudentRecordsProviderFactory() {
        super(ID);
    }

    @Override
    public void init(Config.Scope config) {
        options = StudentRecordsOptions.from(config);
        int seconds = config.getInt(REMINDER_INTERVAL_OPTION, (int) DEFAULT_REMINDER_INTERVAL.toSeconds());
        if (seconds < 1) {
            throw new IllegalArgumentException(REMINDER_INTERVAL_OPTION + " must be at least 1");
        }
        reminderInterval = Duration.ofSeconds(seconds);
        LOG.infof("Student records: %s", options);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        client = MongoClients.create(StudentRecords.clientSettings(options.clientSettings()));
        metrics = new NodeMetrics(Metrics.globalRegistry);
        factory.register(new RealmLifecycleListener(this::forget, this::openAtStart));
        factory.register(new AccountRemovalListener(this::store));
        // Rule 7.3's self-check and the retention run, each once per period per cluster (supervisors can run the
        // self-check at any time too).
        factory.register(new SelfCheckSchedule(options.selfCheckEvery()));
        factory.register(new RetentionSchedule(options.retentionEvery()));
        factory.register(new AuditEpochSchedule(options.audit().sealInterval()));
        factory.register(new VerificationReminderSchedule(reminderInterval.toMillis()));
    }

    /** The node's locks of client changes, shared by every session. */
    ClientChangeLocks clientChangeLocks() {
        return clientChangeLocks;
    }

    @Override
    public StudentRecordsProvider create(KeycloakSession session) {
        return new DefaultStudentRecordsProvider(this);
    }

    /** The realm's store, opened once per node with its search index; a failed opening is retried on the next call. */
    StudentRecords store(RealmModel realm) {
        return records(realm).store();
    }

    /** The options of the audit trail's epochs. */
    AuditTrailOptions auditOptions() {
        return options.audit();
    }

    /** The realm's search index on this node, fed by the realm's store. */
    StudentSearchIndex index(RealmModel realm) {
        return records(realm).index();
    }

    private RealmRecords records(RealmModel realm) {
        MongoClient current = client;
        if (current == null) {
            throw new IllegalStateException("the student records provider is not started");
        }
        StudentRecordsOptions settings = options;
        return realms.computeIfAbsent(realm.getId(), id -> {
            RealmRecords opened = RealmRecords.open(StudentRecords.using(settings.settingsFor(id), current),
                    store -> StudentSearchIndex.open(settings.searchSettingsFor(id), store.changes()));
            metrics.watch(id, realm.getName(), opened.index(), settings.searchSettingsFor(id).indexDirectory());
            return opened;
        });
    }

    /** Whether this node has opened the realm's store and index. */
    boolean isOpen(RealmModel realm) {
        return realms.containsKey(realm.getId());
    }

    /** Whether the node's client knows the record store to be out of reach now; asks nothing of it. */
    boolean storeUnreachable() {
        MongoClient current = client;
        return current != null && StoreReach.unreachable(current.getClusterDescription());
    }

    /** Counts a scheduled self-check this node ran, and its findings. */
    void selfChecked(RealmModel realm, int findings) {
        NodeMetrics current = metrics;
        if (current != null) {
            current.selfChecked(realm.getName(), findings);
        }
    }

    /** Counts one API call of this node in its metrics. */
    void served(AuditOperation operation, int status, long nanos) {
        NodeMetrics current = metrics;
        if (current != null) {
            current.served(operation, status, nanos);
        }
    }

    /**
     * Opens a realm's store and index when the node starts: the index catches up with the feed in the background and
     * search answers 503 until it has. A store that cannot be reached now is opened at the realm's first request.
     */
    private void openAtStart(RealmModel realm) {
        try {
            records(realm);
        } catch (RuntimeException e) {
            LOG.warnf("The records of realm %s could not be opened at start (%s); trying again at its first request",
                    realm.getName(), e.getClass().getSimpleName());
        }
    }

    /**
     * Takes a record the store destroyed (a purge approved, a retention run) out of this node's index: out of the
     * results and, by a merge of deletes, out of the index files.
     */
    void purgeFromIndex(RealmModel realm, Destruction destruction) {
        purgeFromIndex(records(realm), destruction);
    }

    private static void purgeFromIndex(RealmRecords records, Destruction destruction) {
        String recordId = destruction.recordId();
        try {
            awaitRemoval(records.index(), destruction);
            records.index().purge(recordId);
        } catch (SearchIndexException e) {
            // The record is destroyed and its key gone; the feed's removal takes it out of the results, and the
            // next merge or rebuild out of the files. Failing the request would misreport a destruction as failed.
            LOG.errorf("A destroyed record could not be purged from the search index files at once (%s)",
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Waits (briefly) until the index has applied the record's removal: a version of the record the feed consumer
     * read just before the destruction is then added and removed before the purge rewrites the files, not added back
     * after it.
     */
    private static void awaitRemoval(StudentSearchIndex index, Destruction destruction) {
        try {
            if (!index.awaitSearchable(destruction.feedSequence(), PURGE_FEED_WAIT)) {
                LOG.warn("The search index had not reached a record's removal in time; purging it now");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the store and index of a removed realm; its data stays in MongoDB, its index folder on disk. */
    void forget(String realmId) {
        NodeMetrics current = metrics;
        if (current != null) {
            current.forget(realmId);
        }
        RealmRecords records = realms.remove(realmId);
        if (records != null) {
            records.close();
        }
    }

    @Override
    public void close() {
        for (RealmRecords records : realms.values()) {
            try {
                records.close();
            } catch (RuntimeException e) {
                // One realm's failure must not leave the other realms' indexes or the client open.
                LOG.errorf("Closing a realm's records failed (%s)", e.getClass().getSimpleName());
            }
        }
        realms.clear();
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** The options in effect, for the admin console's server info; credentials never appear. */
    @Override
    public Map<String, String> getOperationalInfo() {
        StudentRecordsOptions current = options;
        if (current == null) {
            return Map.of();
        }
        return current.operationalInfo();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> all = new java.util.ArrayList<>(StudentRecordsOptions.metadata());
        all.addAll(ProviderConfigurationBuilder.create().property().name(REMINDER_INTERVAL_OPTION)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("How often, in seconds, students whose confirmation falls due within 14 days are reminded "
                        + "(each once per due date).")
                .defaultValue((int) DEFAULT_REMINDER_INTERVAL.toSeconds()).add().build());
        return all;
    }
}
