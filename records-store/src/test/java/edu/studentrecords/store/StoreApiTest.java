package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.backup.Backups;
import edu.studentrecords.store.check.SecuritySelfCheck;
import edu.studentrecords.store.grants.AccessGrants;
import edu.studentrecords.store.consent.Consents;
import edu.studentrecords.store.guardians.Guardians;
import edu.studentrecords.store.incidents.Incidents;
import edu.studentrecords.store.notices.RecipientNotices;
import edu.studentrecords.store.notices.StudentNotices;
import edu.studentrecords.store.people.PeopleDirectory;
import edu.studentrecords.store.reports.MisuseReports;
import edu.studentrecords.store.retention.Retention;
import edu.studentrecords.store.settings.RealmSettings;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import edu.studentrecords.store.applications.Applications;
import org.junit.jupiter.api.Test;

/** The store's public surface: no way to reach a record, or to do the centre's work, without an access context. */
class StoreApiTest {

    /**
     * The services of a store, with the operations that take no caller: each named here decides nothing about a
     * caller. {@code ofClient}, {@code wardsOf} and {@code isGiven} feed access contexts; {@code accountRemoved} is Keycloak telling the store an account
     * is gone (recorded as the system's step); {@code runScheduled} is the system's own run; {@code lastScheduledRun}
     * returns no record content.
     */
    private static final Map<Class<?>, Set<String>> SERVICES = Map.ofEntries(
            Map.entry(Records.class, Set.of()),
            Map.entry(SelfService.class, Set.of()),
            Map.entry(Corrections.class, Set.of()),
            Map.entry(PurgeRequests.class, Set.of("accountRemoved")),
            Map.entry(AccessGrants.class, Set.of("ofClient")),
            Map.entry(Retention.class, Set.of("runScheduled", "lastScheduledRun")),
            Map.entry(MisuseReports.class, Set.of()),
            Map.entry(AuditReview.class, Set.of()),
            Map.entry(SecuritySelfCheck.class, Set.of("runScheduled")),
            Map.entry(RealmSettings.class, Set.of()),
            Map.entry(Backups.class, Set.of()),
            Map.entry(RecipientNotices.class, Set.of("ofChange")),
            Map.entry(StudentNotices.class, Set.of()),
            Map.entry(Incidents.class, Set.of("notified")),
            Map.entry(Guardians.class, Set.of("wardsOf")),
            Map.entry(Consents.class, Set.of("isGiven")),
            Map.entry(PeopleDirectory.class, Set.of()),
            Map.entry(Applications.class, Set.of()));

    @Test
    void everyOperationOfEveryServiceTakesAnAccessContextFirst() {
        for (Map.Entry<Class<?>, Set<String>> service : SERVICES.entrySet()) {
            List<Method> operations = Arrays.stream(service.getKey().getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                    .filter(m -> !service.getValue().contains(m.getName()))
                    .toList();
            assertThat(operations).as(service.getKey().getSimpleName()).isNotEmpty();
            for (Method m : operations) {
                assertThat(m.getParameterTypes()).as(service.getKey().getSimpleName() + "." + m.getName()).isNotEmpty();
                assertThat(m.getParameterTypes()[0]).as(service.getKey().getSimpleName() + "." + m.getName())
                        .isEqualTo(AccessContext.class);
            }
        }
    }

    @Test
    void theStoreHandsOutEveryServiceAndNothingElseThatReachesRecords() {
        List<Class<?>> handedOut = Arrays.stream(StudentRecords.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() == 0)
                .<Class<?>>map(Method::getReturnType)
                .filter(type -> type != void.class)
                .toList();
        assertThat(handedOut).containsAll(SERVICES.keySet());
        // Besides the services: whom to tell about decisions, the entries of calls refused before a service, the change
        // feed (ids and versions), the audit trail, its epochs for the system's own timers (sealing, retention, the log
        // feed: sequence numbers, hashes and ids, never record contents), the reminders of due confirmations (the
        // system's own run).
        assertThat(handedOut).hasSize(SERVICES.size() + 6);
    }

    @Test
    void theStoreHasNoPublicConstructor() {
        assertThat(StudentRecords.class.getConstructors()).isEmpty();
    }
}
