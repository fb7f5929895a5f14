package edu.studentrecords.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.access.AccessContext;
import edu.studentrecords.store.enrolment.EnrolmentFile;
import edu.studentrecords.store.enrolment.ImportReport;
import edu.studentrecords.store.enrolment.RowOutcome;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.EnrolmentFiles;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import edu.studentrecords.store.validation.FieldError;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bulk enrolment against a real embedded store process: per-row outcomes, nothing half-written, audit. */
class BulkImportIT {

    @RegisterExtension
    static final StoreExtension STORE = new StoreExtension();

    static StudentRecords store;
    static final GeneratedStudents students = new GeneratedStudents(4711);
    static final LocalDate today = LocalDate.now();
    static final AccessContext admin = Principals.admin(UUID.randomUUID().toString());

    @BeforeAll
    static void start() {
        store = STORE.store();
    }

    private long count(String collection) {
        return STORE.fixture().rawDatabase().getCollection(collection).countDocuments();
    }

    @Test
    void goodRowsBecomeRecordsBadRowsAreReportedByFieldAndLeaveNothingBehind() {
        StudentRecord good1 = students.next(today);
        StudentRecord badId = withResidentId(students.next(today), "110101200001011234");
        StudentRecord good2 = students.next(today);
        StudentRecord taken = students.next(today);
        store.records().create(admin, taken, null);
        StudentRecord duplicate = withStudentNumber(students.next(today), taken.profile().studentNumber());
        String missingName = EnrolmentFiles.csvRow(students.next(today), null).replaceFirst("^([^,]+),[^,]+,", "$1,,");
        String csv = String.join("\n", EnrolmentFiles.CSV_HEADER, EnrolmentFiles.csvRow(good1, null),
                EnrolmentFiles.csvRow(badId, null), missingName, EnrolmentFiles.csvRow(duplicate, null),
                EnrolmentFiles.csvRow(good2, null)) + "\n";
        long recordsBefore = count("records");
        long keysBefore = count("record_keys");
        long auditBefore = count("audit_entries");

        ImportReport report = store.records().importRecords(admin, () -> EnrolmentFile.readCsv(new StringReader(csv), 100));

        // One entry per row that reached the store's create: all five rows were readable.
        assertThat(count("audit_entries") - auditBefore).isEqualTo(5);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(3);
        assertThat(report.rows()).extracting(RowOutcome::row, RowOutcome::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "created"), org.assertj.core.groups.Tuple.tuple(2, "failed"),
                org.assertj.core.groups.Tuple.tuple(3, "failed"), org.assertj.core.groups.Tuple.tuple(4, "failed"),
                org.assertj.core.groups.Tuple.tuple(5, "created"));
        assertThat(report.rows().get(1).errors()).extracting(FieldError::field).contains("identity.residentIdNumber");
        assertThat(report.rows().get(2).errors()).extracting(FieldError::field, FieldError::rule)
                .contains(org.assertj.core.groups.Tuple.tuple("profile.name", "required"));
        assertThat(report.rows().get(3).errors()).extracting(FieldError::field, FieldError::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("profile.studentNumber", "unique"));
        assertThat(report.toString()).doesNotContain("110101200001011234").doesNotContain(taken.profile().studentNumber());

        assertThat(store.records().read(admin, report.rows().get(0).id()).profile()).isEqualTo(good1.profile());
        assertThat(store.records().read(admin, report.rows().get(4).id()).identity()).isEqualTo(good2.identity());
        // Two records and their two keys: the failed rows left no record and no key.
        assertThat(count("records")).isEqualTo(recordsBefore + 2);
        assertThat(count("record_keys")).isEqualTo(keysBefore + 2);
        assertThatThrownBy(() -> store.records().findByStudentNumber(admin, badId.profile().studentNumber()))
                .is(Kinds.NOT_FOUND);
    }

    @Test
    void anNdjsonFileImportsTheSameWayAndAReimportFailsTheRowsAlreadyThere() {
        StudentRecord a = students.next(today);
        StudentRecord b = students.next(today);
        String ndjson = EnrolmentFiles.ndjsonLine(a, null) + "\n" + EnrolmentFiles.ndjsonLine(b, null) + "\n";
        ImportReport first = store.records().importRecords(admin, () -> EnrolmentFile.readNdjson(new StringReader(ndjson), 100));
        assertThat(first.imported()).isEqualTo(2);
        long records = count("records");

        ImportReport again = store.records().importRecords(admin, () -> EnrolmentFile.readNdjson(new StringReader(ndjson), 100));

        assertThat(again.imported()).isZero();
        assertThat(again.rows()).allSatisfy(row -> assertThat(row.errors()).extracting(FieldError::field)
                .containsExactly("profile.studentNumber"));
        assertThat(count("records")).isEqualTo(records);
    }

    @Test
    void aCallerWhoMayNotEnrolIsRefusedOnceAndNoRowIsLookedAt() {
        AccessContext teacher = Principals.staff(UUID.randomUUID().toString(), Principals.allScopes(), "science");
        long records = count("records");
        long audit = count("audit_entries");

        assertThatThrownBy(() -> store.records().importRecords(teacher, () -> {
            throw new AssertionError("a refused import must not read its file");
        })).is(Kinds.REFUSED);

        assertThat(count("records")).isEqualTo(records);
        assertThat(count("audit_entries")).isEqualTo(audit + 1);
        Document entry = STORE.fixture().rawDatabase().getCollection("audit_entries").find()
                .sort(new Document("_id", -1)).first();
        assertThat(entry.toJson()).contains("CREATE").contains("DENY");
    }

    private static StudentRecord withResidentId(StudentRecord r, String residentId) {
        return new StudentRecord(r.profile(), new Identity(residentId, r.identity().dateOfBirth(), r.identity().nativePlace()),
                r.contact(), r.guardians());
    }

    private static StudentRecord withStudentNumber(StudentRecord r, String number) {
        var p = r.profile();
        return new StudentRecord(new edu.studentrecords.store.model.Profile(number, p.name(), p.gender(), p.status(),
                p.unit(), p.enrolmentDate(), p.leavingDate()), r.identity(), r.contact(), r.guardians());
    }

}
