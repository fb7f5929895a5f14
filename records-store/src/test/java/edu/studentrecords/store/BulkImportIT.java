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
import edu.studentrecords.store.internal.backup.StoreCollections;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.InsertCounter;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.testing.Principals;
import edu.studentrecords.store.testing.StoreExtension;
import edu.studentrecords.store.validation.FieldError;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        assertThat(first.rows()).extracting(row -> UUID.fromString(row.id()).version()).as("time-ordered ids")
                .containsOnly(7);
        long records = count("records");

        ImportReport again = store.records().importRecords(admin, () -> EnrolmentFile.readNdjson(new StringReader(ndjson), 100));

        assertThat(again.imported()).isZero();
        assertThat(again.rows()).allSatisfy(row -> assertThat(row.errors()).extracting(FieldError::field)
                .containsExactly("profile.studentNumber"));
        assertThat(count("records")).isEqualTo(records);
    }

    @Test
    void aLargeFileIsWrittenManyRowsAtATimeAndAKeyRepeatedInTheFileFailsOnlyItsLaterRow() throws Exception {
        List<StudentRecord> file = new ArrayList<>();
        Set<String> residentIds = new HashSet<>();
        while (file.size() < 600) {
            StudentRecord next = students.next(today);
            if (residentIds.add(next.identity().residentIdNumber())) {
                file.add(next);
            }
        }
        // Row 2 repeats row 1's student number (rows checked together); row 400 repeats row 3's resident ID
        // number, and row 500 row 4's account, rows written a few hundred rows later.
        file.set(1, withStudentNumber(file.get(1), file.get(0).profile().studentNumber()));
        file.set(399, withIdentityOf(file.get(399), file.get(2)));
        String owner = UUID.randomUUID().toString();
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < file.size(); i++) {
            ndjson.append(EnrolmentFiles.ndjsonLine(file.get(i), i == 3 || i == 499 ? owner : null)).append('\n');
        }
        Document head = STORE.fixture().rawDatabase().getCollection("audit_entries").find()
                .sort(new Document("_id", -1)).first();
        long auditBefore = head == null ? 0 : ((Number) head.get("_id")).longValue();
        InsertCounter records = new InsertCounter("records");
        InsertCounter keys = new InsertCounter("record_keys");
        InsertCounter changes = new InsertCounter(StoreCollections.CHANGES);
        InsertCounter entries = new InsertCounter("audit_entries");

        ImportReport report;
        try (StudentRecords node = STORE.connect(records, keys, changes, entries)) {
            report = node.records().importRecords(admin,
                    () -> EnrolmentFile.readNdjson(new StringReader(ndjson.toString()), 1000));
        }

        assertThat(report.imported()).isEqualTo(597);
        assertThat(report.rows()).filteredOn(row -> !row.created()).extracting(RowOutcome::row)
                .containsExactly(2, 400, 500);
        assertThat(report.rows().get(1).errors()).extracting(FieldError::field).containsExactly("profile.studentNumber");
        assertThat(report.rows().get(399).errors()).extracting(FieldError::field)
                .containsExactly("identity.residentIdNumber");
        assertThat(report.rows().get(499).errors()).extracting(FieldError::field).containsExactly("owner");
        // Written a few hundred rows at a time, not row by row: every row's key, intent, record and entry is there.
        assertThat(records.documents()).isEqualTo(597);
        assertThat(keys.documents()).isEqualTo(597);
        assertThat(changes.documents()).isEqualTo(597);
        assertThat(entries.documents()).isEqualTo(600);
        assertThat(List.of(records.inserts(), keys.inserts(), changes.inserts())).allSatisfy(
                inserts -> assertThat(inserts).isBetween(1, 3));
        assertThat(entries.inserts()).isBetween(1, 6);
        List<Document> written = new ArrayList<>();
        STORE.fixture().rawDatabase().getCollection("audit_entries").find(
                new Document("_id", new Document("$gt", auditBefore))).into(written);
        assertThat(written).hasSize(600).allSatisfy(e -> assertThat(e.toJson()).contains("CREATE", "ALLOW"));
        assertThat(written).filteredOn(e -> "DUPLICATE".equals(e.getString("reason"))).hasSize(3);
        assertThat(written).filteredOn(e -> e.getString("reason") == null).hasSize(597);
        assertThat(store.records().read(admin, report.rows().get(598).id()).profile()).isEqualTo(file.get(598).profile());
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

    /** {@code r} with the identity (and so the gender) of {@code other}. */
    private static StudentRecord withIdentityOf(StudentRecord r, StudentRecord other) {
        var p = r.profile();
        return new StudentRecord(new edu.studentrecords.store.model.Profile(p.studentNumber(), p.name(),
                other.profile().gender(), p.status(), p.unit(), p.enrolmentDate(), p.leavingDate()), other.identity(),
                r.contact(), r.guardians());
    }

    private static StudentRecord withStudentNumber(StudentRecord r, String number) {
        var p = r.profile();
        return new StudentRecord(new edu.studentrecords.store.model.Profile(number, p.name(), p.gender(), p.status(),
                p.unit(), p.enrolmentDate(), p.leavingDate()), r.identity(), r.contact(), r.guardians());
    }

}
