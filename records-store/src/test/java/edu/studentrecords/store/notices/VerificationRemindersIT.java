package edu.studentrecords.store.notices;

import static org.assertj.core.api.Assertions.assertThat;

import edu.studentrecords.store.StudentRecords;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reminders of due confirmations against a real embedded store process: a student is reminded only once the due date
 * is within the look-ahead; two nodes asking at the same moment remind each student once between them; a record linked
 * to no account is never reminded; each reminder is one system entry on the record; asking again reminds nobody.
 */
class VerificationRemindersIT {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    private static final String UNIT = "science/physics/2024-1";
    private static final Duration PERIOD = Duration.ofDays(20);

    @Test
    void twoNodesRemindEachDueStudentOnceAndNobodyElse() throws Exception {
        StudentRecords first = STORE.store();
        GeneratedStudents students = new GeneratedStudents(7301);
        AccessContext admin = Principals.admin(UUID.randomUUID().toString());
        Instant enrolled = Instant.now();
        List<String> owned = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            owned.add(first.records().create(admin, students.nextIn(UNIT, LocalDate.now()), UUID.randomUUID().toString())
                    .id());
        }
        String unowned = first.records().create(admin, students.nextIn(UNIT, LocalDate.now()), null).id();

        assertThat(first.verificationReminders().claimDue(enrolled, PERIOD, VerificationReminders.AHEAD))
                .as("due in 20 days: not yet").isEmpty();

        Instant weekLater = enrolled.plus(Duration.ofDays(7));
        try (StudentRecords second = StudentRecords.connect(STORE.fixture().settings())) {
            CountDownLatch start = new CountDownLatch(1);
            List<VerificationReminder> claimed = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> nodes = new ArrayList<>();
            for (StudentRecords node : List.of(first, second)) {
                nodes.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    claimed.addAll(node.verificationReminders().claimDue(weekLater, PERIOD, VerificationReminders.AHEAD));
                }));
            }
            start.countDown();
            CompletableFuture.allOf(nodes.toArray(CompletableFuture[]::new)).get();

            assertThat(claimed.stream().map(VerificationReminder::recordId).toList())
                    .containsExactlyInAnyOrderElementsOf(owned);
            assertThat(claimed).allSatisfy(r -> {
                assertThat(r.userId()).isNotBlank();
                assertThat(r.dueAt()).isBetween(weekLater, weekLater.plus(VerificationReminders.AHEAD));
            });
            assertThat(second.verificationReminders().claimDue(weekLater.plusSeconds(60), PERIOD,
                    VerificationReminders.AHEAD)).as("asked again").isEmpty();
        }
        for (String record : owned) {
            List<AuditEntry> entries = first.auditTrail().historyOf(record, null, null, 0, 100);
            assertThat(entries.stream().filter(e -> e.operation().equals("VERIFICATION_REMINDER")).count())
                    .as("reminders of %s", record).isEqualTo(1);
        }
        assertThat(first.auditTrail().historyOf(unowned, null, null, 0, 100))
                .noneMatch(e -> e.operation().equals("VERIFICATION_REMINDER"));
    }
}
