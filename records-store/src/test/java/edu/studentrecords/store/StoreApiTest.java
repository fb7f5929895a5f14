package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.access.AccessContext;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The store's public surface: no way to reach a record without an access context. */
class StoreApiTest {

    /**
     * Public methods that reach no record content: construction, settings, the feed, the audit, closing, the services
     * whose own operations are checked below, and the ids of users a grant covers or a record is linked to (for
     * notices).
     */
    private static final Set<String> NO_RECORD_CONTENT = Set.of("connect", "using", "clientSettings", "changes",
            "auditTrail", "verifyAudit", "close", "grants", "auditReview", "purgeRequests", "selfCheck",
            "ownersCoveredBy", "misuseReports", "retention", "ownerOf", "duties");

    @Test
    void everyPublicOperationOnRecordsTakesAnAccessContextFirst() {
        List<Method> operations = Arrays.stream(StudentRecordStore.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .filter(m -> !NO_RECORD_CONTENT.contains(m.getName()))
                .toList();
        assertThat(operations).extracting(Method::getName)
                .contains("create", "read", "readOwn", "export", "findByStudentNumber", "findByResidentIdNumber",
                        "findByPhone", "update", "updateOwn", "destroy");
        for (Method m : operations) {
            assertThat(m.getParameterTypes()).as(m.getName()).isNotEmpty();
            assertThat(m.getParameterTypes()[0]).as(m.getName()).isEqualTo(AccessContext.class);
        }
        // The misuse reports hang off the store, and each of their operations takes a context too; reporterSubject
        // only names the user to tell about an outcome already decided.
        for (Method m : edu.studentrecords.store.reports.MisuseReports.class.getDeclaredMethods()) {
            if (m.getName().equals("reporterSubject")) {
                continue;
            }
            assertThat(m.getParameterTypes()[0]).as("MisuseReports." + m.getName()).isEqualTo(AccessContext.class);
        }
    }

    @Test
    void theCentresServicesDecideOnAnAccessContextFirst() {
        // ofClient and covering feed access contexts and the student's own view; they decide nothing.
        // accountRemoved is Keycloak telling the store an account is gone; it is recorded as the system's step.
        // runScheduled is the system's own run, recorded as such.
        // lastScheduledRun and registeredPaperCopies (for certificates) return no record content.
        Set<String> contextFree = Set.of("ofClient", "covering", "accountRemoved", "runScheduled", "lastScheduledRun",
                "registeredPaperCopies");
        for (Class<?> service : List.of(edu.studentrecords.store.grants.AccessGrants.class, AuditReview.class,
                PurgeRequests.class, edu.studentrecords.store.check.SecuritySelfCheck.class,
                edu.studentrecords.store.retention.Retention.class, CentreDuties.class)) {
            List<Method> operations = Arrays.stream(service.getDeclaredMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && !contextFree.contains(m.getName()))
                    .toList();
            assertThat(operations).as(service.getSimpleName()).isNotEmpty();
            for (Method m : operations) {
                assertThat(m.getParameterTypes()[0]).as(service.getSimpleName() + "." + m.getName())
                        .isEqualTo(AccessContext.class);
            }
        }
    }

    @Test
    void theStoreHasNoPublicConstructor() {
        assertThat(StudentRecordStore.class.getConstructors()).isEmpty();
    }
}
