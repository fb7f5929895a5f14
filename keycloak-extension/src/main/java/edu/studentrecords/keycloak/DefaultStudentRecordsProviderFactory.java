package edu.studentrecords.keycloak;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import edu.studentrecords.store.Destruction;
import edu.studentrecords.store.StudentRecordStore;
import edu.studentrecords.store.access.AccessContext;
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
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * The {@code default} provider of the {@code student-records} SPI. Owns the node's one MongoDB client (created in
 * {@link #postInit}) and one {@link StudentRecordStore} per realm (opened on first use), and closes them all in
 * {@link #close()}. It also registers the realm bootstrap. Thread-safe.
 */
public final class DefaultStudentRecordsProviderFactory implements StudentRecordsProviderFactory,
        ServerInfoAwareProviderFactory {

    /** The provider id. */
    public static final String ID = "default";

    /** How often every realm's security self-check runs (rule 7.3); supervisors can run it at any time too. */
    static final Duration SELF_CHECK_INTERVAL = Duration.ofHours(24);

    private static final Logger LOG = Logger.getLogger(DefaultStudentRecordsProviderFactory.class);

    private final Map<String, StudentRecordStore> stores = new ConcurrentHashMap<>();
    private volatile StudentRecordsOptions options;
    private volatile MongoClient client;

    @Override
    public void init(Config.Scope config) {
        options = StudentRecordsOptions.from(config);
        LOG.infof("Student records: %s", options);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        client = MongoClients.create(StudentRecordStore.clientSettings(options.clientSettings()));
        factory.register(new RealmLifecycleListener(this));
        factory.register(new SelfCheckSchedule(SELF_CHECK_INTERVAL.toMillis()));
    }

    @Override
    public StudentRecordsProvider create(KeycloakSession session) {
        return new DefaultStudentRecordsProvider(this);
    }

    /** The realm's store, opened once per node; a failed opening is retried on the next call. */
    StudentRecordStore store(RealmModel realm) {
        MongoClient current = client;
        if (current == null) {
            throw new IllegalStateException("the student records provider is not started");
        }
        return stores.computeIfAbsent(realm.getId(),
                id -> StudentRecordStore.using(options.settingsFor(id), current));
    }

    /** Destroys a record in the realm's store; see {@link StudentRecordsProvider#destroy}. */
    Destruction destroy(RealmModel realm, AccessContext ctx, String recordId, String reason) {
        return store(realm).destroy(ctx, recordId, reason);
    }

    /** Closes the store of a removed realm; its data stays in MongoDB. */
    void forget(String realmId) {
        StudentRecordStore store = stores.remove(realmId);
        if (store != null) {
            store.close();
        }
    }

    @Override
    public void close() {
        stores.values().forEach(StudentRecordStore::close);
        stores.clear();
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public String getId() {
        return ID;
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
        return StudentRecordsOptions.metadata();
    }
}
