package edu.studentrecords.store.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the supervisors' calls on the sealed epochs leave in the trail, against a real embedded store process: a call
 * refused for the state of the trail (an open epoch too small and too recent to seal by hand, entries to seal that are
 * not intact, an epoch that does not exist or whose entries are dropped, an extract over too many entries) is entered
 * as refused with its reason, never as allowed; a drop of an epoch leaves a system entry naming it and its sequences.
 * The methods run in order on one store: each builds on the trail the one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditReviewEntriesIT {

    private static final int MAX_ENTRIES = 1_000_000;
    private static final Duration HOUR = Duration.ofHours(1);

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    private final TestSigner signer = new TestSigner();
    private final AccessContext supervisor = Principals.admin(UUID.randomUUID().toString());

    @TempDir
    Path dir;

    @Test
    @Order(1)
    void aSealByHandClosesTheOpenEpochOnlyOnceItIsBigOrOldEnough() {
        StudentRecords store = STORE.store();
        store.auditReview().range(supervisor, 1, 10);
        Instant now = Instant.now();

        assertThatThrownBy(() -> store.auditReview().seal(supervisor, now, MAX_ENTRIES, 5, HOUR, signer))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.CONFLICT);
                    assertThat(e.code()).isEqualTo("TOO_YOUNG");
                });
        assertNewest(store, AuditOperation.AUDIT_SEAL, Decision.DENY, AuditReason.EPOCH_TOO_YOUNG.code());
        assertThat(store.auditEpochs().sealed()).as("nothing sealed").isEmpty();

        List<SealedEpoch> byAge = store.auditReview().seal(supervisor, now.plus(HOUR).plusSeconds(1), MAX_ENTRIES, 5,
                HOUR, signer);
        assertThat(byAge).hasSize(1);
        assertThat(byAge.get(0).checkpoint().entryCount()).as("the read and the refused seal").isEqualTo(2);
        AuditEntry sealEntry = assertNewest(store, AuditOperation.AUDIT_SEAL, Decision.ALLOW, null);
        assertThat(sealEntry.sequence()).as("the seal's entry follows the epoch it sealed")
                .isEqualTo(byAge.get(0).checkpoint().lastSequence() + 1);

        for (int i = 0; i < 4; i++) {
            store.auditReview().range(supervisor, 1, 1);
        }
        List<SealedEpoch> byCount = store.auditReview().seal(supervisor, Instant.now(), MAX_ENTRIES, 5, HOUR, signer);
        assertThat(byCount).extracting(e -> e.checkpoint().entryCount()).containsExactly(5L);
        assertThat(store.auditReview().epochs(supervisor, 1, 5)).extracting(SealedEpoch::id).containsExactly(2L);
        assertThat(store.auditReview().epochs(supervisor, 0, 1)).extracting(SealedEpoch::id).containsExactly(1L);
        assertThat(store.auditReview().epochs(supervisor, 2, 5)).isEmpty();
    }

    @Test
    @Order(2)
    void anExtractOverTooManyEntriesIsEnteredAsRefused() throws Exception {
        StudentRecords store = STORE.store();
        Instant from = Instant.now().minusSeconds(1);
        AuditEvent bulk = new AuditEvent(null, "bulk-client", "statistics", null, null, List.of(), Set.of(), "READ",
                Decision.ALLOW, null);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<AuditEntry>> appended = threads.invokeAll(java.util.Collections.nCopies(10_001,
                    () -> store.auditTrail().append(bulk)));
            for (Future<AuditEntry> entry : appended) {
                entry.get();
            }
        } finally {
            threads.shutdown();
        }
        Instant to = Instant.now().plusSeconds(1);

        assertThatThrownBy(() -> store.auditReview().extract(supervisor, null, "bulk-client", from, to, signer))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.INVALID));
        assertNewest(store, AuditOperation.AUDIT_EXTRACT, Decision.DENY, AuditReason.TOO_MANY_ENTRIES.code());
    }

    @Test
    @Order(3)
    void anUnknownOrDroppedEpochsExportIsEnteredAsRefusedAndADropIsEntered() throws Exception {
        StudentRecords store = STORE.store();
        assertThatThrownBy(() -> store.auditReview().export(supervisor, 999, signer, dir.resolve("none.gz")))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.NOT_FOUND));
        assertNewest(store, AuditOperation.AUDIT_EXPORT, Decision.DENY, AuditReason.EPOCH_NOT_FOUND.code());

        List<SealedEpoch> dropped = store.auditEpochs().dropExpired(Instant.now().plus(Duration.ofDays(30)), 1, signer,
                dir.resolve("exports"));
        assertThat(dropped).extracting(SealedEpoch::id).containsExactly(1L, 2L);
        List<AuditEntry> newest = store.auditTrail().range(newestSequence() - 1, 2);
        for (int i = 0; i < 2; i++) {
            SealedEpoch epoch = dropped.get(i);
            AuditEntry entry = newest.get(i);
            assertThat(entry.operation()).isEqualTo(AuditOperation.AUDIT_EPOCH_DROP.code());
            assertThat(entry.clientId()).isEqualTo(AuditEvent.SYSTEM_CLIENT);
            assertThat(entry.subject()).isNull();
            assertThat(entry.reason()).isEqualTo("epoch:" + epoch.id() + ":" + epoch.checkpoint().firstSequence() + "-"
                    + epoch.checkpoint().lastSequence());
        }
        assertThat(store.auditEpochs().dropExpired(Instant.now().plus(Duration.ofDays(30)), 1, signer,
                dir.resolve("exports"))).as("dropped once").isEmpty();
        assertThat(newestSequence()).as("no second drop entry").isEqualTo(newest.get(1).sequence());

        assertThatThrownBy(() -> store.auditReview().export(supervisor, 1, signer, dir.resolve("dropped.gz")))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.CONFLICT);
                    assertThat(e.code()).isEqualTo("DROPPED");
                });
        assertNewest(store, AuditOperation.AUDIT_EXPORT, Decision.DENY, AuditReason.EPOCH_DROPPED.code());
    }

    @Test
    @Order(4)
    void aSealOfEntriesThatAreNotIntactIsEnteredAsRefused() {
        StudentRecords store = STORE.store();
        long changed = newestSequence() - 3;
        STORE.rawDatabase().getCollection("audit_entries").updateOne(Filters.eq("_id", changed),
                Updates.set("purpose", "changed"));

        assertThatThrownBy(() -> store.auditReview().seal(supervisor, Instant.now(), MAX_ENTRIES, 1, HOUR, signer))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StoreException.Kind.CONFLICT);
                    assertThat(e.code()).isEqualTo("NOT_INTACT");
                });
        assertNewest(store, AuditOperation.AUDIT_SEAL, Decision.DENY, AuditReason.CHAIN_NOT_INTACT.code());
    }

    private static AuditEntry assertNewest(StudentRecords store, AuditOperation operation, Decision decision,
            String reason) {
        AuditEntry newest = store.auditTrail().range(newestSequence(), 1).get(0);
        assertThat(newest.operation()).as("%s", newest).isEqualTo(operation.code());
        assertThat(newest.decision()).as("%s", newest).isEqualTo(decision);
        assertThat(newest.reason()).as("%s", newest).isEqualTo(reason);
        return newest;
    }

    private static long newestSequence() {
        return STORE.rawDatabase().getCollection("audit_entries").find().sort(Sorts.descending("_id")).first()
                .getLong("_id");
    }
}
