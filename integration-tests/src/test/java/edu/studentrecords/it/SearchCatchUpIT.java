package edu.studentrecords.it;

import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.access.UnitDirectory;
import edu.studentrecords.store.access.UnitPath;
import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.NativePlace;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.Relationship;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.validation.ResidentIdNumber;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Search never answers a silently incomplete page. A realm whose store already holds thousands of records when this
 * node first opens its search index (as after a node start, or on a fresh node joining a cluster): until the index
 * has caught up with the store's change feed, {@code /search} answers 503 {@code …/search-catching-up} with
 * {@code Retry-After}, the call is audited, and the realm's readiness check says {@code DOWN}; then the search
 * answers every record.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class SearchCatchUpIT {

    private static final int RECORDS = 3_000;

    @InjectRealm(ref = "catch-up")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @Test
    void searchIsUnavailableUntilTheIndexHasCaughtUpThenAnswersEverything() throws Exception {
        Campus campus = Campus.setUp(realm, oauth);
        // Enrolled through the store library, as a school's own enrolment tool would: the node has not opened the
        // realm yet, so its index starts from an empty folder with the whole feed before it.
        enrolDirectly(realm.getId(), RECORDS);
        String ada = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES + " student.search");

        RawRealmStore raw = new RawRealmStore(realm.getId());
        long before = raw.auditEntries();
        Api.Reply first = campus.api.call("GET", "/search?q=IT", ada, "administration").send();
        assertThat(first.status()).as(first.body()).isEqualTo(503);
        assertThat(first.json().get("type").asText())
            .isEqualTo("https://student-records.example/problems/search-catching-up");
        assertThat(Long.parseLong(first.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(raw.auditEntries()).as("the refused search has its entry").isEqualTo(before + 1);

        Api.Reply notReady = campus.api.call("GET", "/health/ready", null, null).send();
        if (notReady.status() == 503) {
            assertThat(notReady.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(notReady.header("Retry-After")).isNotNull();
        }
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
            .until(() -> campus.api.call("GET", "/health/ready", null, null).send().status() == 200);
        Api.Reply ready = campus.api.call("GET", "/health/ready", null, null).send();
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");

        Api.Reply all = campus.api.call("GET", "/search?q=&size=1", ada, "administration").send();
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("total").asLong()).isEqualTo(RECORDS);
        raw.close();
    }

    /** Enrols {@code count} generated students into the physics class of the realm's store, four at a time. */
    private static void enrolDirectly(String realmId, int count) throws Exception {
        StoreSettings settings = StoreSettings.builder()
            .connectionString(SuiteStore.get().connectionString())
            .database("student_records_it_" + realmId.replaceAll("[^A-Za-z0-9-]", "_"))
            .keysDirectory(SuiteStore.keysDirectory())
            .generateMissingKeys(false)
            .build();
        try (StudentRecords store = StudentRecords.connect(settings)) {
            AccessContext enrolment = enrolmentTool();
            ExecutorService workers = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> created = new ArrayList<>();
                for (int n = 1; n <= count; n++) {
                    StudentRecord record = record(n);
                    created.add(workers.submit(() -> store.records().create(enrolment, record, null)));
                }
                for (Future<?> one : created) {
                    one.get();
                }
            } finally {
                workers.shutdownNow();
            }
        }
    }

    /** The {@code n}-th made-up student: a generated one's county, phones and guardian, with an identity of its own. */
    private static StudentRecord record(int n) {
        GeneratedStudent s = GeneratedStudent.number(1 + n % 300, PHYSICS_CLASS);
        LocalDate born = LocalDate.of(2004, 1, 1).plusDays(n / 400);
        String residentId = ResidentIdNumber.compose(s.divisionCode(), born, s.gender(), 100 + n % 400).value();
        return new StudentRecord(
            new Profile(String.format("IT%07d", n), "Catch Up " + n, s.gender(), EnrolmentStatus.ENROLLED, s.unit(),
                LocalDate.of(2024, 9, 1), null),
            new Identity(residentId, born, new NativePlace(s.divisionCode(), s.divisionName())),
            new Contact(s.mobilePhone(), s.email(), s.homeAddress()),
            List.of(new Guardian(s.guardianName(), Relationship.MOTHER, s.guardianPhone(), true)));
    }

    private static AccessContext enrolmentTool() {
        Set<String> scopes = new HashSet<>(Set.of("student.admin"));
        for (FieldGroup group : FieldGroup.ALL) {
            scopes.add(group.readScope());
            scopes.add(group.writeScope());
        }
        return AccessContext.builder().subject("enrolment-tool").clientId("enrolment-tool")
            .clientTrust(ClientTrust.INTERNAL).scopes(scopes).roles(Set.of(RealmRole.ADMIN.roleName()))
            .purpose("administration").realmPurposes(Set.of("administration")).clientPurposes(Set.of("administration"))
            .unitDirectory(UnitDirectory.of(Set.of(UnitPath.parse(PHYSICS_CLASS)))).now(Instant.now()).build();
    }
}
