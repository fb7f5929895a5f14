package edu.studentrecords.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Sorts;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.model.FieldGroup;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Supervision's counts of reads against a real embedded store process: reads (read, search, export, history) are
 * counted per client or purpose and per bucket, allowed and refused apart, other operations not at all; the count is
 * entered once, as {@code AUDIT_STATS}, and names no record.
 */
class ReadCountsIT {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    private final AccessContext supervisor = Principals.admin(UUID.randomUUID().toString());

    @Test
    void readsAreCountedPerClientAndPurposeAndTheCountIsEnteredOnce() {
        StudentRecords store = STORE.store();
        String library = "library-" + UUID.randomUUID();
        String portal = "portal-" + UUID.randomUUID();
        String purpose = "reading-" + UUID.randomUUID();
        Instant start = Instant.now();
        append(store, library, purpose, AuditOperation.READ, Decision.ALLOW);
        append(store, library, purpose, AuditOperation.READ, Decision.ALLOW);
        append(store, library, purpose, AuditOperation.EXPORT, Decision.ALLOW);
        append(store, library, purpose, AuditOperation.READ, Decision.DENY);
        append(store, library, purpose, AuditOperation.UPDATE, Decision.ALLOW);
        append(store, portal, null, AuditOperation.SEARCH, Decision.ALLOW);
        append(store, portal, null, AuditOperation.READ_HISTORY, Decision.ALLOW);
        append(store, portal, null, AuditOperation.AUDIT_READ, Decision.ALLOW);

        ReadCounts byClient = store.auditReview().readCounts(supervisor, start.minus(Duration.ofHours(2)),
                start.plus(Duration.ofHours(1)), ReadCounts.By.CLIENT, ReadCounts.Bucket.HOUR);
        AuditEntry entered = newest(store);
        assertThat(entered.operation()).isEqualTo(AuditOperation.AUDIT_STATS.code());
        assertThat(entered.decision()).isEqualTo(Decision.ALLOW);
        assertThat(entered.recordId()).isNull();
        assertThat(byClient.buckets()).hasSizeBetween(3, 4).allSatisfy(b -> assertThat(b.getEpochSecond() % 3600)
                .isZero());
        ReadCounts.Series libraryReads = series(byClient, library);
        assertThat(libraryReads.total()).as("two reads and an export; the update is no read").isEqualTo(3);
        assertThat(libraryReads.refused()).isEqualTo(1);
        assertThat(libraryReads.counts()).hasSize(byClient.buckets().size());
        assertThat(libraryReads.counts().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
        int hour = byClient.buckets().indexOf(ReadCounts.Bucket.HOUR.floor(entered.time()));
        assertThat(libraryReads.counts().get(hour)).as("all in the hour they were made").isEqualTo(3);
        assertThat(series(byClient, portal).total()).as("a search and a history; reading the trail is no read")
                .isEqualTo(2);
        assertThat(byClient.series().indexOf(libraryReads)).as("the most reads first")
                .isLessThan(byClient.series().indexOf(series(byClient, portal)));

        ReadCounts byPurpose = store.auditReview().readCounts(supervisor, start.minus(Duration.ofDays(1)),
                start.plus(Duration.ofDays(1)), ReadCounts.By.PURPOSE, ReadCounts.Bucket.DAY);
        assertThat(series(byPurpose, purpose).total()).isEqualTo(3);
        assertThat(byPurpose.series()).anySatisfy(s -> assertThat(s.key()).isNull());

        ReadCounts before = store.auditReview().readCounts(supervisor, start.minus(Duration.ofDays(3)),
                start.minus(Duration.ofDays(2)), ReadCounts.By.CLIENT, ReadCounts.Bucket.DAY);
        assertThat(before.series()).extracting(ReadCounts.Series::key).doesNotContain(library, portal);
    }

    private static void append(StudentRecords store, String client, String purpose, AuditOperation operation,
            Decision decision) {
        store.auditTrail().append(new AuditEvent(null, client, purpose, null, UUID.randomUUID().toString(), List.of(),
                Set.of(FieldGroup.PROFILE), operation.code(), decision, decision == Decision.DENY ? "SCOPE_MISSING"
                        : null));
    }

    private static ReadCounts.Series series(ReadCounts counts, String key) {
        return counts.series().stream().filter(s -> key.equals(s.key())).findFirst().orElseThrow(
                () -> new AssertionError("no series " + key + " in " + counts.series()));
    }

    private static AuditEntry newest(StudentRecords store) {
        long head = STORE.rawDatabase().getCollection("audit_entries").find().sort(Sorts.descending("_id")).first()
                .getLong("_id");
        return store.auditTrail().range(head, 1).get(0);
    }
}
