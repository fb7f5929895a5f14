package edu.studentrecords.store.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.AccessDeniedException;
import edu.studentrecords.store.InvalidRecordException;
import edu.studentrecords.store.RecordNotFoundException;
import edu.studentrecords.store.RecordView;
import edu.studentrecords.store.StudentRecordStore;
import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.audit.AuditEntry;
import edu.studentrecords.store.audit.Decision;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreFixture;
import edu.studentrecords.store.validation.FieldError;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misuse reports against a real embedded store process: own record only, one audit entry per call, sealed at rest. */
class MisuseReportsIT {

    @TempDir
    static Path dir;

    static StoreFixture fixture;
    static StudentRecordStore store;
    static final GeneratedStudents students = new GeneratedStudents(77);
    static final AccessContext admin = Principals.admin(UUID.randomUUID().toString());

    @BeforeAll
    static void start() {
        fixture = StoreFixture.start(dir);
        store = fixture.store();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** A new student with a record of their own; returns their self-service context and the record. */
    private record Student(AccessContext self, RecordView record) {
    }

    private Student enrolled() {
        String subject = UUID.randomUUID().toString();
        RecordView record = store.create(admin, students.next(LocalDate.now()), subject);
        return new Student(Principals.self(subject), record);
    }

    private long auditCount() {
        return fixture.rawDatabase().getCollection("audit_entries").countDocuments();
    }

    @Test
    void aReportNamesEntriesOfTheStudentsOwnRecordAndIsListedNewestFirst() {
        Student alice = enrolled();
        store.read(admin, alice.record().id());
        long read = store.auditTrail().historyOf(alice.record().id(), null, null, 0, 1).get(0).sequence();

        long before = auditCount();
        MisuseReport first = store.misuseReports().report(alice.self(), "  Someone read my record without reason. ",
                List.of(read));
        assertThat(auditCount()).as("one audit entry per call").isEqualTo(before + 1);
        assertThat(first.status()).isEqualTo(ReportStatus.OPEN);
        assertThat(first.message()).isEqualTo("Someone read my record without reason.");
        assertThat(first.auditEntries()).containsExactly(read);
        assertThat(first.outcome()).isNull();
        MisuseReport second = store.misuseReports().report(alice.self(), "And again.", List.of());

        before = auditCount();
        List<MisuseReport> own = store.misuseReports().ownReports(alice.self());
        assertThat(auditCount()).isEqualTo(before + 1);
        assertThat(own).extracting(MisuseReport::id).containsExactly(second.id(), first.id());
        assertThat(own.get(1)).isEqualTo(first);

        AuditEntry last = store.auditTrail().historyOf(alice.record().id(), null, null, 0, 1).get(0);
        assertThat(last.operation()).isEqualTo(MisuseReports.READ_REPORTS);
        assertThat(last.decision()).isEqualTo(Decision.ALLOW);
        assertThat(last.groups()).isEmpty();
        assertThat(store.auditTrail().historyOf(alice.record().id(), null, null, 0, 10))
                .extracting(AuditEntry::operation).contains(MisuseReports.REPORT_MISUSE);
    }

    @Test
    void anotherStudentsEntryOrAMissingOneIsRefusedAndNothingIsStored() {
        Student alice = enrolled();
        Student bob = enrolled();
        store.read(admin, bob.record().id());
        long bobsEntry = store.auditTrail().historyOf(bob.record().id(), null, null, 0, 1).get(0).sequence();

        assertThatThrownBy(() -> store.misuseReports().report(alice.self(), "Not mine.", List.of(bobsEntry, 99_999_999L)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("auditEntries[0]", "auditEntries[1]"));
        assertThatThrownBy(() -> store.misuseReports().report(alice.self(), " ", List.of()))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("message"));
        assertThat(store.misuseReports().ownReports(alice.self())).isEmpty();
    }

    @Test
    void studentsSeeOnlyTheirOwnReportsAndOthersAreRefused() {
        Student alice = enrolled();
        Student bob = enrolled();
        store.misuseReports().report(alice.self(), "Alice's report.", List.of());
        assertThat(store.misuseReports().ownReports(bob.self())).isEmpty();

        assertThatThrownBy(() -> store.misuseReports().report(Principals.self(UUID.randomUUID().toString()), "x",
                List.of())).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> store.misuseReports().ownReports(admin))
                .isInstanceOfAny(AccessDeniedException.class, RecordNotFoundException.class);
    }

    @Test
    void theMessageIsSealedAtRest() {
        Student alice = enrolled();
        String message = "Marker " + UUID.randomUUID();
        MisuseReport report = store.misuseReports().report(alice.self(), message, List.of());
        Document raw = fixture.rawDatabase().getCollection("misuse_reports").find(new Document("_id", report.id())).first();
        assertThat(raw).isNotNull();
        assertThat(raw.toJson()).doesNotContain(message).doesNotContain("Marker");
        assertThat(raw.getString("recordId")).isEqualTo(alice.record().id());
        assertThat(Set.copyOf(raw.keySet())).contains("message", "auditEntries", "createdAt", "status");
    }
}
