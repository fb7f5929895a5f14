package edu.studentrecords.keycloak.spi;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.embedded.EmbeddedStoreProcess;
import edu.studentrecords.search.SearchHit;
import edu.studentrecords.search.SearchQuery;
import edu.studentrecords.search.SearchResult;
import edu.studentrecords.search.StudentSearchIndex;
import edu.studentrecords.search.testing.PlaintextScan;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * The provider factory against a real embedded store process: it opens a realm's store and search index together
 * (a write reaches the index without anyone asking), and its destroy takes a record out of the store, out of the
 * results at once and out of every index file.
 */
class ProviderDestroyIT {

    /** Characters and a number no generated record uses, so a trace of them can only come from this record. */
    private static final String NAME = "欧阳澜汐";
    private static final String NUMBER = "PURGE-7731";
    private static final PlaintextScan TRACES = PlaintextScan.forStudent(NAME, NUMBER)
            .and("pinyin", "ouyanglanxi").and("given name", "澜汐");

    @TempDir
    Path dir;

    @Test
    void destroyingThroughTheProviderTakesTheRecordOutOfResultsAtOnceAndOutOfTheIndexFiles() throws Exception {
        EmbeddedStoreProcess process = EmbeddedStoreProcess.start(dir.resolve("store"));
        DefaultStudentRecordsProviderFactory factory = new DefaultStudentRecordsProviderFactory();
        try {
            Path indexDir = dir.resolve("index");
            factory.init(new MapScope(Map.of(
                    "connection-string", process.connectionString(),
                    "keys-dir", dir.resolve("keys").toString(),
                    "generate-keys", "true",
                    "index-dir", indexDir.toString())));
            factory.postInit(sessionFactory());
            RealmModel realm = realm("purge-realm");
            StudentRecords store = factory.store(realm);
            AccessContext admin = Principals.admin("registrar-1");
            GeneratedStudents students = new GeneratedStudents(11);
            for (int i = 0; i < 10; i++) {
                store.records().create(admin, students.next(LocalDate.now()), null);
            }
            StudentSearchIndex index = factory.index(realm);
            assertThat(index.awaitSearchable(store.changes().head(), Duration.ofSeconds(30))).isTrue();
            StudentRecord r = students.next(LocalDate.now());
            Profile p = r.profile();
            RecordView target = store.records().create(admin, new StudentRecord(new Profile(NUMBER, NAME, p.gender(), p.status(),
                    p.unit(), p.enrolmentDate(), p.leavingDate()), r.identity(), r.contact(), r.guardians()), null);

            assertThat(index.awaitSearchable(store.changes().head(), Duration.ofSeconds(1)))
                    .as("a committed write is searchable within a second").isTrue();
            assertThat(search(store, index, admin, SearchQuery.of(NAME)).hits()).extracting(SearchHit::recordId)
                    .containsExactly(target.id());
            Path files = indexDir.resolve("purge-realm").resolve("student-index");
            index.purge("no-such-record"); // commits, so everything indexed so far is in the files
            assertThat(TRACES.tracesIn(files)).as("the scan sees the record before").isNotEmpty();

            var purge = store.purgeRequests().request(admin, target.id(), "retention period over");
            store.purgeRequests().approve(Principals.admin("registrar-2"), purge.id(),
                    destruction -> factory.purgeFromIndex(realm, destruction));

            assertThat(search(store, index, admin, SearchQuery.of(NAME)).total()).isZero();
            assertThat(search(store, index, admin, SearchQuery.of(NUMBER)).total()).isZero();
            assertThat(TRACES.tracesIn(files)).isEmpty();
            assertThat(search(store, index, admin, SearchQuery.of("")).total()).isEqualTo(10);
        } finally {
            factory.close();
            process.stop();
        }
    }

    /** A search as the API runs it: within the scope the store's gate decides for the caller. */
    private static SearchResult search(StudentRecords store, StudentSearchIndex index, AccessContext ctx,
            SearchQuery query) {
        return store.records().search(ctx, index.searching(query, 0));
    }

    private static RealmModel realm(String id) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getId") || method.getName().equals("getName")) {
                        return id; // the name tags the realm's metrics
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The factory only registers its realm listener on it. */
    private static KeycloakSessionFactory sessionFactory() {
        return (KeycloakSessionFactory) Proxy.newProxyInstance(KeycloakSessionFactory.class.getClassLoader(),
                new Class<?>[] {KeycloakSessionFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("register")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
