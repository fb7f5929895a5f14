package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.access.ClientTrust;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.retention.LegalHold;
import edu.studentrecords.store.testing.Destructions;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Purge requests with four-eyes approval, and what a removed account does to its record: against the embedded store in
 * every build ({@link PurgeRequestsIT}), against a real replica set where a Docker engine is
 * ({@link ReplicaSetPurgeRequestsIT}).
 */
abstract class PurgeRequestsContract extends StoreContract {

    PurgeRequests purges;
    final GeneratedStudents students = new GeneratedStudents(7);
    final LocalDate today = LocalDate.now();
    final AccessContext dave = Principals.admin(UUID.randomUUID().toString());
    final AccessContext erin = Principals.admin(UUID.randomUUID().toString());
    final AccessContext frank = Principals.admin(UUID.randomUUID().toString());

    @BeforeAll
    void start() {
        purges = store.purgeRequests();
    }

    @Test
    void aSecondAdministratorApprovesAndTheRecordAndItsKeyAreGone() {
        RecordView record = store.records().create(dave, students.next(today), null);
        PurgeRequest request = purges.request(dave, record.id(), "Left the school ten years ago");
        assertThat(request.status()).isEqualTo(PurgeStatus.PENDING);
        assertThat(request.requestedBy()).isEqualTo(dave.subject());

        assertThatThrownBy(() -> purges.approve(dave, request.id(), d -> { })).is(Kinds.FOUR_EYES);
        assertThat(store.records().read(erin, record.id()).version()).as("the refused approval left the record").isEqualTo(1);

        DestructionCertificate certificate = purges.approve(erin, request.id(), d -> { });
        assertThat(certificate.recordId()).isEqualTo(record.id());
        assertThat(certificate.lastVersion()).isEqualTo(1);
        assertThat(certificate.requestedBy()).isEqualTo(dave.subject());
        assertThat(certificate.approvedBy()).isEqualTo(erin.subject());
        assertThat(certificate.purgeRequest()).isEqualTo(request.id());
        assertThat(certificate.reason()).isEqualTo("Left the school ten years ago");

        assertThatThrownBy(() -> store.records().read(erin, record.id())).is(Kinds.NOT_FOUND);
        assertThat(raw("record_keys").find(new Document("_id", record.id())).first()).isNull();
        assertThat(raw("records").find(new Document("_id", record.id())).first()).isNull();
        assertThat(purges.list(erin, PurgeStatus.APPROVED)).extracting(PurgeRequest::id).contains(request.id());
        assertThatThrownBy(() -> purges.approve(frank, request.id(), d -> { }))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.code()).isEqualTo("APPROVED"));

        List<AuditEntry> history = purgeSteps(record.id());
        // Newest first: the refused third approval, the approved destruction, the four-eyes refusal, the request.
        assertThat(history).extracting(AuditEntry::operation)
                .containsExactly("PURGE_APPROVE", "PURGE", "PURGE_APPROVE", "PURGE_REQUEST");
        assertThat(history.subList(0, 4)).extracting(AuditEntry::decision)
                .containsExactly(Decision.DENY, Decision.ALLOW, Decision.DENY, Decision.ALLOW);
        assertThat(history.subList(0, 4)).extracting(AuditEntry::subject).containsExactly(
                frank.subject(), erin.subject(), dave.subject(), dave.subject());
        assertThat(history.get(2).reason()).isEqualTo("FOUR_EYES");
        assertThat(store.auditTrail().verify().intact()).isTrue();
    }

    @Test
    void aLegalHoldStopsTheRequestAndTheApprovalUntilItIsLifted() {
        RecordView record = store.records().create(dave, students.next(today), null);
        PurgeRequest filed = purges.request(dave, record.id(), "Enrolled twice by mistake");
        LegalHold hold = store.retention().placeHold(erin, record.id(), "Court order 2026/41");
        long before = auditCount();

        assertThatThrownBy(() -> purges.approve(erin, filed.id(), d -> { })).is(Kinds.conflict("HELD"));
        assertThat(auditCount()).as("the refused approval is one entry").isEqualTo(before + 1);
        assertThat(purgeSteps(record.id()).get(0).reason()).isEqualTo("LEGAL_HOLD_ACTIVE");
        assertThat(store.records().read(erin, record.id()).version()).as("the record is still there").isEqualTo(1);
        assertThat(purges.list(erin, PurgeStatus.PENDING)).extracting(PurgeRequest::id).contains(filed.id());
        purges.cancel(dave, filed.id());
        assertThatThrownBy(() -> purges.request(dave, record.id(), "Enrolled twice by mistake"))
                .is(Kinds.conflict("HELD"));

        store.retention().liftHold(frank, hold.id());
        PurgeRequest again = purges.request(dave, record.id(), "Enrolled twice by mistake");
        assertThat(purges.approve(erin, again.id(), d -> { }).recordId()).isEqualTo(record.id());
        assertThatThrownBy(() -> store.records().read(erin, record.id())).is(Kinds.NOT_FOUND);
    }

    @Test
    void everyCallLeavesOneAuditEntry() {
        RecordView record = store.records().create(dave, students.next(today), null);
        long before = auditCount();
        PurgeRequest request = purges.request(dave, record.id(), "Duplicate enrolment");
        assertThat(auditCount()).isEqualTo(before + 1);
        assertThatThrownBy(() -> purges.approve(dave, request.id(), d -> { })).is(Kinds.FOUR_EYES);
        assertThat(auditCount()).isEqualTo(before + 2);
        assertThatThrownBy(() -> purges.approve(erin, UUID.randomUUID().toString(), d -> { }))
                .is(Kinds.NOT_FOUND);
        assertThat(auditCount()).isEqualTo(before + 3);
        purges.list(erin, PurgeStatus.PENDING);
        assertThat(auditCount()).isEqualTo(before + 4);
        purges.approve(erin, request.id(), d -> { });
        assertThat(auditCount()).as("the approval is one entry: the destruction it caused").isEqualTo(before + 5);
    }

    @Test
    void onlyAdministratorsWithThePurgeScopeRequestApproveOrList() {
        RecordView record = store.records().create(dave, students.nextIn("science/physics/2024-1", today), UUID.randomUUID().toString());
        AccessContext teacher = Principals.staff(UUID.randomUUID().toString(),
                Set.of("student.profile.read", "student.purge"), "science/physics");
        AccessContext otherTeacher = Principals.staff(UUID.randomUUID().toString(), Set.of("student.purge"), "arts");
        AccessContext adminWithoutPurge = adminWithScopes(Set.of("student.admin", "student.profile.read"));
        AccessContext student = Principals.self(UUID.randomUUID().toString());

        assertThatThrownBy(() -> purges.request(teacher, record.id(), "no")).is(Kinds.REFUSED);
        assertThatThrownBy(() -> purges.request(otherTeacher, record.id(), "no")).is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> purges.request(adminWithoutPurge, record.id(), "no")).is(Kinds.REFUSED);
        assertThatThrownBy(() -> purges.request(student, record.id(), "no")).is(Kinds.REFUSED);
        assertThatThrownBy(() -> purges.request(dave, UUID.randomUUID().toString(), "no"))
                .is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> purges.list(teacher, PurgeStatus.PENDING)).is(Kinds.REFUSED);
        assertThatThrownBy(() -> purges.list(otherTeacher, PurgeStatus.PENDING)).is(Kinds.REFUSED);

        PurgeRequest request = purges.request(dave, record.id(), "Requested by the student's family");
        assertThatThrownBy(() -> purges.approve(teacher, request.id(), d -> { })).is(Kinds.REFUSED);
        assertThatThrownBy(() -> purges.approve(otherTeacher, request.id(), d -> { }))
                .is(Kinds.NOT_FOUND);
        assertThatThrownBy(() -> purges.approve(adminWithoutPurge, request.id(), d -> { }))
                .is(Kinds.REFUSED);
        assertThat(store.records().read(dave, record.id()).version()).isEqualTo(1);
        assertThat(purges.list(erin, PurgeStatus.PENDING)).extracting(PurgeRequest::id).contains(request.id());
    }

    @Test
    void aRecordHasOneOpenRequestAndACancelledRequestCannotBeApproved() {
        RecordView record = store.records().create(dave, students.next(today), null);
        PurgeRequest first = purges.request(dave, record.id(), "First reason");
        assertThatThrownBy(() -> purges.request(erin, record.id(), "Second reason"))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.code()).isEqualTo("PENDING"));
        PurgeRequest cancelled = purges.cancel(erin, first.id());
        assertThat(cancelled.status()).isEqualTo(PurgeStatus.CANCELLED);
        assertThat(cancelled.decidedBy()).isEqualTo(erin.subject());
        assertThatThrownBy(() -> purges.approve(erin, first.id(), d -> { }))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.code()).isEqualTo("CANCELLED"));
        assertThat(store.records().read(dave, record.id()).id()).isEqualTo(record.id());
        PurgeRequest second = purges.request(erin, record.id(), "Second reason");
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(purges.list(dave, PurgeStatus.PENDING)).extracting(PurgeRequest::id)
                .contains(second.id()).doesNotContain(first.id());
    }

    @Test
    void twoConcurrentApprovalsCannotBothSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            RecordView record = store.records().create(dave, students.next(today), null);
            PurgeRequest request = purges.request(dave, record.id(), "Concurrent approval round " + round);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<DestructionCertificate>> results = new ArrayList<>();
                for (AccessContext approver : List.of(erin, frank)) {
                    Callable<DestructionCertificate> approve = () -> {
                        go.await();
                        return purges.approve(approver, request.id(), d -> { });
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
                        assertThat(e.getCause()).is(Kinds.CONFLICT);
                        refused++;
                    }
                }
                assertThat(succeeded).as("round %d", round).isEqualTo(1);
                assertThat(refused).as("round %d", round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThatThrownBy(() -> store.records().read(dave, record.id())).is(Kinds.NOT_FOUND);
        }
    }

    @Test
    void anApprovalInterruptedAfterTheDestructionIsFinishedByARetry() {
        RecordView record = store.records().create(dave, students.next(today), null);
        PurgeRequest request = purges.request(dave, record.id(), "Interrupted approval");
        assertThatThrownBy(() -> purges.approve(erin, request.id(), destroyed -> {
            throw new IllegalStateException("the node went down");
        }))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.records().read(dave, record.id())).is(Kinds.NOT_FOUND);
        assertThat(raw("purge_requests").find(new Document("_id", request.id())).first().getString("status"))
                .isEqualTo("APPROVING");
        assertThatThrownBy(() -> purges.approve(frank, request.id(), d -> { }))
                .as("someone else's approval in progress").is(Kinds.CONFLICT);

        DestructionCertificate certificate = purges.approve(erin, request.id(), d -> { });
        assertThat(certificate.lastVersion()).isEqualTo(1);
        assertThat(certificate.approvedBy()).isEqualTo(erin.subject());
        assertThat(purges.list(dave, PurgeStatus.APPROVED)).extracting(PurgeRequest::id).contains(request.id());
    }

    @Test
    void anApprovalInterruptedBeforeTheDestructionDestroysOnRetry() {
        RecordView record = store.records().create(dave, students.next(today), null);
        PurgeRequest request = purges.request(dave, record.id(), "Interrupted before destroying");
        // What a node that went down after taking the approval, before destroying anything, leaves behind.
        raw("purge_requests").updateOne(new Document("_id", request.id()), new Document("$set", new Document("status",
                "APPROVING").append("approvedBy", erin.subject()).append("approvingSince", new java.util.Date())
                .append("lastVersion", 1L)));
        assertThat(store.records().read(dave, record.id()).id()).isEqualTo(record.id());

        purges.approve(erin, request.id(), d -> { });
        assertThatThrownBy(() -> store.records().read(dave, record.id())).is(Kinds.NOT_FOUND);
        assertThat(raw("record_keys").find(new Document("_id", record.id())).first()).isNull();
    }

    @Test
    void aRemovedAccountLeavesItsRecordUnlinkedWithAPurgeRequestOfTheSystem() {
        String subject = UUID.randomUUID().toString();
        RecordView record = store.records().create(dave, students.next(today), subject);
        assertThat(store.self().read(Principals.self(subject)).id()).isEqualTo(record.id());

        PurgeRequest filed = purges.accountRemoved(subject, null).orElseThrow();
        assertThat(filed.recordId()).isEqualTo(record.id());
        assertThat(filed.status()).isEqualTo(PurgeStatus.PENDING);
        assertThat(filed.requestedBy()).isEqualTo(PurgeRequests.USER_REMOVED);
        assertThat(filed.accountRemovedAt()).isNotNull();

        RecordView kept = store.records().read(dave, record.id());
        assertThat(kept.version()).as("unlinking is a new version").isEqualTo(2);
        assertThat(kept.profile()).isEqualTo(record.profile());
        assertThat(raw("records").find(new Document("_id", record.id())).first().containsKey("owner")).isFalse();
        assertThatThrownBy(() -> store.self().read(Principals.self(subject))).is(Kinds.NOT_FOUND);
        assertThat(purges.list(dave, PurgeStatus.PENDING)).extracting(PurgeRequest::id).contains(filed.id());

        List<AuditEntry> history = purgeSteps(record.id());
        assertThat(history).extracting(AuditEntry::operation).containsExactly("UNLINK_OWNER", "PURGE_REQUEST");
        assertThat(history.subList(0, 2)).extracting(AuditEntry::clientId).containsOnly(PurgeRequests.USER_REMOVED);
        assertThat(history.subList(0, 2)).extracting(AuditEntry::reason).containsOnly("ACCOUNT_REMOVED");

        assertThat(purges.accountRemoved(subject, null)).as("the account is no longer linked").isEmpty();
        assertThat(purges.accountRemoved(UUID.randomUUID().toString(), null)).isEmpty();
        // Any administrator may approve what the system asked for.
        purges.approve(dave, filed.id(), d -> { });
        assertThatThrownBy(() -> store.records().read(dave, record.id())).is(Kinds.NOT_FOUND);
    }

    @Test
    void aRemovedAccountWhoseRecordAlreadyHasAnOpenRequestKeepsThatRequest() {
        String subject = UUID.randomUUID().toString();
        RecordView record = store.records().create(dave, students.next(today), subject);
        PurgeRequest open = purges.request(dave, record.id(), "Asked before the account went");
        assertThat(purges.accountRemoved(subject, null).orElseThrow().id()).isEqualTo(open.id());
        assertThat(store.records().read(dave, record.id()).version()).isEqualTo(2);
        assertThatThrownBy(() -> store.self().read(Principals.self(subject))).is(Kinds.NOT_FOUND);
    }

    /** The record's audit entries of purge steps (not reads, not lists that named it), newest first. */
    private List<AuditEntry> purgeSteps(String recordId) {
        return store.auditTrail().historyOf(recordId, null, null, 0, 100).stream()
                .filter(e -> Set.of("PURGE_REQUEST", "PURGE_APPROVE", "PURGE", "UNLINK_OWNER").contains(e.operation()))
                .toList();
    }

    private AccessContext adminWithScopes(Set<String> scopes) {
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

    private com.mongodb.client.MongoCollection<Document> raw(String collection) {
        return target().rawDatabase().getCollection(collection);
    }

    private long auditCount() {
        return raw("audit_entries").countDocuments();
    }
}
