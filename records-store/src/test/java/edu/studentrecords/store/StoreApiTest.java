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

    /** Public methods that reach no record content: construction, settings, the feed, the audit, closing. */
    private static final Set<String> NO_RECORD_CONTENT = Set.of("connect", "using", "clientSettings", "changes",
            "auditTrail", "verifyAudit", "close", "misuseReports");

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
        // The misuse reports hang off the store, and each of their operations takes a context too.
        for (Method m : edu.studentrecords.store.reports.MisuseReports.class.getDeclaredMethods()) {
            assertThat(m.getParameterTypes()[0]).as("MisuseReports." + m.getName()).isEqualTo(AccessContext.class);
        }
    }

    @Test
    void theStoreHasNoPublicConstructor() {
        assertThat(StudentRecordStore.class.getConstructors()).isEmpty();
    }
}
