package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Purge requests with four-eyes approval, and what a removed account does to its record, on a real embedded store. */
class PurgeRequestsIT {

    @TempDir
    static Path dir;

    static StoreFixture fixture;
    static StudentRecordStore store;
    static PurgeRequests purges;
    static final GeneratedStudents students = new GeneratedStudents(7);
    static final LocalDate today = LocalDate.now();
    static final AccessContext dave = Principals.admin(UUID.randomUUID().toString());
    static final AccessContext erin = Principals.admin(UUID.randomUUID().toString());
    static final AccessContext frank = Principals.admin(UUID.randomUUID().toString());

    @BeforeAll
    static void start() {
        fixture = StoreFixture.start(dir);
        store = fixture.store();
        purges = store.purgeRequests();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aSecondAdministratorApprovesAndTheRecordAndItsKeyAreGone() {
        RecordView record = store.create(dave, students.next(today), null);
        PurgeRequest request = purges.request(dave, record.id(), "Left the school ten years ago");
        assertThat(request.status()).isEqualTo(PurgeStatus.PENDING);
        assertThat(request.requestedBy()).isEqualTo(dave.subject());

        assertThatThrownBy(() -> purges.approve(dave, request.id(), store::destroy)).isInstanceOf(FourEyesException.class);
        assertThat(store.read(erin, record.id()).version()).as("the refused approval left the record").isEqualTo(1);

        DestructionCertificate certificate = purges.approve(erin, request.id(), store::destroy);
        assertThat(certificate.recordId()).isEqualTo(record.id());
        assertThat(certificate.lastVersion()).isEqualTo(1);
        assertThat(certificate.requestedBy()).isEqualTo(dave.subject());
        assertThat(certificate.approvedBy()).isEqualTo(erin.subject());
        assertThat(certificate.purgeRequest()).isEqualTo(request.id());
        assertThat(certificate.reason()).isEqualTo("Left the school ten years ago");

        assertThatThrownBy(() -> store.read(erin, record.id())).isInstanceOf(RecordNotFoundException.class);
        assertThat(raw("record_keys").find(new Document("_id", record.id())).first()).isNull();
        assertThat(raw("records").find(new Document("_id", record.id())).first()).isNull();
        assertThat(purges.list(erin, PurgeStatus.APPROVED)).extracting(PurgeRequest::id).contains(request.id());
        assertThatThrownBy(() -> purges.approve(frank, request.id(), store::destroy))
                .isInstanceOfSatisfying(PurgeRequestStateException.class,
                        e -> assertThat(e.status()).isEqualTo(PurgeStatus.APPROVED));

        List<AuditEntry> history = purgeSteps(record.id());
        // Newest first: the refused third approval, the approved destruction, the four-eyes refusal, the request.
        assertThat(history).extracting(AuditEntry::operation)
                .containsExactly("PURGE_APPROVE", "PURGE", "PURGE_APPROVE", "PURGE_REQUEST");
        assertThat(history.subList(0, 4)).extracting(AuditEntry::decision)
                .containsExactly(Decision.DENY, Decision.ALLOW, Decision.DENY, Decision.ALLOW);
        assertThat(history.subList(0, 4)).extracting(AuditEntry::subject).containsExactly(
                frank.subject(), erin.subject(), dave.subject(), dave.subject());
        assertThat(history.get(2).reason()).isEqualTo("FOUR_EYES");
        assertThat(store.verifyAudit().intact()).isTrue();
    }

    @Test
    void everyCallLeavesOneAuditEntry() {
        RecordView record = store.create(dave, students.next(today), null);
        long before = auditCount();
        PurgeRequest request = purges.request(dave, record.id(), "Duplicate enrolment");
        assertThat(auditCount()).isEqualTo(before + 1);
        assertThatThrownBy(() -> purges.approve(dave, request.id(), store::destroy)).isInstanceOf(FourEyesException.class);
        assertThat(auditCount()).isEqualTo(before + 2);
        assertThatThrownBy(() -> purges.approve(erin, UUID.randomUUID().toString(), store::destroy))
                .isInstanceOf(PurgeRequestNotFoundException.class);
        assertThat(auditCount()).isEqualTo(before + 3);
        purges.list(erin, PurgeStatus.PENDING);
        assertThat(auditCount()).isEqualTo(before + 4);
        purges.approve(erin, request.id(), store::destroy);
        assertThat(auditCount()).as("the approval is one entry: the destruction it caused").isEqualTo(before + 5);
    }

    @Test
    void onlyAdministratorsWithThePurgeScopeRequestApproveOrList() {
        RecordView record = store.create(dave, students.nextIn("science/physics/2024-1", today), UUID.randomUUID().toString());
        AccessContext teacher = Principals.staff(UUID.randomUUID().toString(),
                Set.of("student.profile.read", "student.purge"), "science/physics");
        AccessContext otherTeacher = Principals.staff(UUID.randomUUID().toString(), Set.of("student.purge"), "arts");
        AccessContext adminWithoutPurge = adminWithScopes(Set.of("student.admin", "student.profile.read"));
        AccessContext student = Principals.self(UUID.randomUUID().toString());

        assertThatThrownBy(() -> purges.request(teacher, record.id(), "no")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> purges.request(otherTeacher, record.id(), "no")).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> purges.request(adminWithoutPurge, record.id(), "no")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> purges.request(student, record.id(), "no")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> purges.request(dave, UUID.randomUUID().toString(), "no"))
                .isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> purges.list(teacher, PurgeStatus.PENDING)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> purges.list(otherTeacher, PurgeStatus.PENDING)).isInstanceOf(AccessDeniedException.class);

        PurgeRequest request = purges.request(dave, record.id(), "Requested by the student's family");
        assertThatThrownBy(() -> purges.approve(teacher, request.id(), store::destroy)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> purges.approve(otherTeacher, request.id(), store::destroy))
                .isInstanceOf(PurgeRequestNotFoundException.class);
        assertThatThrownBy(() -> purges.approve(adminWithoutPurge, request.id(), store::destroy))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(store.read(dave, record.id()).version()).isEqualTo(1);
        assertThat(purges.list(erin, PurgeStatus.PENDING)).extracting(PurgeRequest::id).contains(request.id());
    }

    @Test
    void aRecordHasOneOpenRequestAndACancelledRequestCannotBeApproved() {
        RecordView record = store.create(dave, students.next(today), null);
        PurgeRequest first = purges.request(dave, record.id(), "First reason");
        assertThatThrownBy(() -> purges.request(erin, record.id(), "Second reason"))
                .isInstanceOfSatisfying(PurgeRequestStateException.class,
                        e -> assertThat(e.status()).isEqualTo(PurgeStatus.PENDING));
        PurgeRequest cancelled = purges.cancel(erin, first.id());
        assertThat(cancelled.status()).isEqualTo(PurgeStatus.CANCELLED);
        assertThat(cancelled.decidedBy()).isEqualTo(erin.subject());
        assertThatThrownBy(() -> purges.approve(erin, first.id(), store::destroy))
                .isInstanceOfSatisfying(PurgeRequestStateException.class,
                        e -> assertThat(e.status()).isEqualTo(PurgeStatus.CANCELLED));
        assertThat(store.read(dave, record.id()).id()).isEqualTo(record.id());
        PurgeRequest second = purges.request(erin, record.id(), "Second reason");
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(purges.list(dave, PurgeStatus.PENDING)).extracting(PurgeRequest::id)
                .contains(second.id()).doesNotContain(first.id());
    }

    @Test
    void twoConcurrentApprovalsCannotBothSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            RecordView record = store.create(dave, students.next(today), null);
            PurgeRequest request = purges.request(dave, record.id(), "Concurrent approval round " + round);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<DestructionCertificate>> results = new ArrayList<>();
                for (AccessContext approver : List.of(erin, frank)) {
                    Callable<DestructionCertificate> approve = () -> {
                        go.await();
                        return purges.approve(approver, request.id(), store::destroy);
                    };
                    results.add(pool.submit(approve));
                }
                go.countDown();
                int succeeded = 0;
                int refused = 0;
                for (Future<DestructionCertificate> result : results) {
                    try {
                        result.get(30, TimeUnit.SECONDS);
                        succeeded++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(PurgeRequestStateException.class);
                        refused++;
                    }
                }
                assertThat(succeeded).as("round %d", round).isEqualTo(1);
                assertThat(refused).as("round %d", round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThatThrownBy(() -> store.read(dave, record.id())).isInstanceOf(RecordNotFoundException.class);
        }
    }

    @Test
    void anApprovalInterruptedAfterTheDestructionIsFinishedByARetry() {
        RecordView record = store.create(dave, students.next(today), null);
        PurgeRequest request = purges.request(dave, record.id(), "Interrupted approval");
        PurgeRequests.Destroyer crashesAfterDestroying = (ctx, id, reason) -> {
            store.destroy(ctx, id, reason);
            throw new IllegalStateException("the node went down");
        };
        assertThatThrownBy(() -> purges.approve(erin, request.id(), crashesAfterDestroying))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.read(dave, record.id())).isInstanceOf(RecordNotFoundException.class);
        assertThat(raw("purge_requests").find(new Document("_id", request.id())).first().getString("status"))
                .isEqualTo("APPROVING");
        assertThatThrownBy(() -> purges.approve(frank, request.id(), store::destroy))
                .as("someone else's approval in progress").isInstanceOf(PurgeRequestStateException.class);

        DestructionCertificate certificate = purges.approve(erin, request.id(), store::destroy);
        assertThat(certificate.lastVersion()).isEqualTo(1);
        assertThat(certificate.approvedBy()).isEqualTo(erin.subject());
        assertThat(purges.list(dave, PurgeStatus.APPROVED)).extracting(PurgeRequest::id).contains(request.id());
    }

    @Test
    void anApprovalInterruptedBeforeTheDestructionDestroysOnRetry() {
        RecordView record = store.create(dave, students.next(today), null);
        PurgeRequest request = purges.request(dave, record.id(), "Interrupted before destroying");
        assertThatThrownBy(() -> purges.approve(erin, request.id(), (ctx, id, reason) -> {
            throw new IllegalStateException("the store was unreachable");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.read(dave, record.id()).id()).isEqualTo(record.id());

        purges.approve(erin, request.id(), store::destroy);
        assertThatThrownBy(() -> store.read(dave, record.id())).isInstanceOf(RecordNotFoundException.class);
        assertThat(raw("record_keys").find(new Document("_id", record.id())).first()).isNull();
    }

    @Test
    void aRemovedAccountLeavesItsRecordUnlinkedWithAPurgeRequestOfTheSystem() {
        String subject = UUID.randomUUID().toString();
        RecordView record = store.create(dave, students.next(today), subject);
        assertThat(store.readOwn(Principals.self(subject)).id()).isEqualTo(record.id());

        PurgeRequest filed = purges.accountRemoved(subject).orElseThrow();
        assertThat(filed.recordId()).isEqualTo(record.id());
        assertThat(filed.status()).isEqualTo(PurgeStatus.PENDING);
        assertThat(filed.requestedBy()).isEqualTo(PurgeRequests.USER_REMOVED);
        assertThat(filed.accountRemovedAt()).isNotNull();

        RecordView kept = store.read(dave, record.id());
        assertThat(kept.version()).as("unlinking is a new version").isEqualTo(2);
        assertThat(kept.profile()).isEqualTo(record.profile());
        assertThat(raw("records").find(new Document("_id", record.id())).first().containsKey("owner")).isFalse();
        assertThatThrownBy(() -> store.readOwn(Principals.self(subject))).isInstanceOf(RecordNotFoundException.class);
        assertThat(purges.list(dave, PurgeStatus.PENDING)).extracting(PurgeRequest::id).contains(filed.id());

        List<AuditEntry> history = purgeSteps(record.id());
        assertThat(history).extracting(AuditEntry::operation).containsExactly("UNLINK_OWNER", "PURGE_REQUEST");
        assertThat(history.subList(0, 2)).extracting(AuditEntry::clientId).containsOnly(PurgeRequests.USER_REMOVED);
        assertThat(history.subList(0, 2)).extracting(AuditEntry::reason).containsOnly("ACCOUNT_REMOVED");

        assertThat(purges.accountRemoved(subject)).as("the account is no longer linked").isEmpty();
        assertThat(purges.accountRemoved(UUID.randomUUID().toString())).isEmpty();
        // Any administrator may approve what the system asked for.
        purges.approve(dave, filed.id(), store::destroy);
        assertThatThrownBy(() -> store.read(dave, record.id())).isInstanceOf(RecordNotFoundException.class);
    }

    @Test
    void aRemovedAccountWhoseRecordAlreadyHasAnOpenRequestKeepsThatRequest() {
        String subject = UUID.randomUUID().toString();
        RecordView record = store.create(dave, students.next(today), subject);
        PurgeRequest open = purges.request(dave, record.id(), "Asked before the account went");
        assertThat(purges.accountRemoved(subject).orElseThrow().id()).isEqualTo(open.id());
        assertThat(store.read(dave, record.id()).version()).isEqualTo(2);
        assertThatThrownBy(() -> store.readOwn(Principals.self(subject))).isInstanceOf(RecordNotFoundException.class);
    }

    /** The record's audit entries of purge steps (not reads, not lists that named it), newest first. */
    private static List<AuditEntry> purgeSteps(String recordId) {
        return store.auditTrail().historyOf(recordId, null, null, 0, 100).stream()
                .filter(e -> Set.of("PURGE_REQUEST", "PURGE_APPROVE", "PURGE", "UNLINK_OWNER").contains(e.operation()))
                .toList();
    }

    private static AccessContext adminWithScopes(Set<String> scopes) {
        return AccessContext.builder()
                .subject(UUID.randomUUID().toString())
                .clientId("campus-portal")
                .clientTrust(ClientTrust.INTERNAL)
                .scopes(scopes)
                .roles(Set.of("records-admin"))
                .purpose("administration")
                .realmPurposes(Principals.REALM_PURPOSES)
                .clientPurposes(Set.of("administration"))
                .now(Instant.now())
                .build();
    }

    private static com.mongodb.client.MongoCollection<Document> raw(String collection) {
        return fixture.rawDatabase().getCollection(collection);
    }

    private static long auditCount() {
        return raw("audit_entries").countDocuments();
    }
}
