package edu.studentrecords.store.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import edu.studentrecords.store.StoreException;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.testing.EnrolmentFiles;
import edu.studentrecords.store.testing.GeneratedStudents;
import edu.studentrecords.store.testing.Kinds;
import edu.studentrecords.store.validation.FieldError;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading enrolment files: the CSV columns, NDJSON lines, unreadable rows and files, the row cap. */
class EnrolmentFileTest {

    private final GeneratedStudents students = new GeneratedStudents(7);
    private final LocalDate today = LocalDate.now();

    @Test
    void aCsvRowBecomesTheRecordItWasWrittenFrom() {
        StudentRecord record = students.next(today);
        String csv = "\uFEFF" + EnrolmentFiles.CSV_HEADER + "\n" + EnrolmentFiles.csvRow(record, "user-1") + "\n";
        List<EnrolmentRow> rows = EnrolmentFile.readCsv(new StringReader(csv), 10);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.row()).isEqualTo(1);
            assertThat(row.errors()).isEmpty();
            assertThat(row.content()).isEqualTo(record);
            assertThat(row.ownerSubject()).isEqualTo("user-1");
        });
    }

    @Test
    void aCellOfTheWrongTypeFailsItsRowByFieldWithoutTheValueAndTheNextRowIsStillRead() {
        String good = EnrolmentFiles.csvRow(students.next(today), null);
        String bad = EnrolmentFiles.csvRow(students.next(today), null).replace(",ENROLLED,", ",NOT-A-STATUS,");
        String ordinal = EnrolmentFiles.csvRow(students.next(today), null).replace(",ENROLLED,", ",1,");
        String shortRow = "S1,only,three";
        String csv = EnrolmentFiles.CSV_HEADER + "\n" + bad + "\n" + shortRow + "\n" + good + "\n" + ordinal + "\n";
        List<EnrolmentRow> rows = EnrolmentFile.readCsv(new StringReader(csv), 10);
        assertThat(rows).hasSize(4);
        // A status by its position in the list (1 for SUSPENDED) is not a status.
        assertThat(rows.get(3).errors()).extracting(FieldError::field, FieldError::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("profile.status", "wrong-type"));
        assertThat(rows.get(0).errors()).extracting(FieldError::field, FieldError::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("profile.status", "wrong-type"));
        assertThat(rows.get(0).errors().toString()).doesNotContain("NOT-A-STATUS");
        assertThat(rows.get(1).errors()).extracting(FieldError::rule).containsExactly("column-count");
        assertThat(rows.get(2).errors()).isEmpty();
    }

    @Test
    void emptyCellsAreAbsentValuesSoTheValidatorReportsThemAsRequired() {
        StudentRecord record = students.next(today);
        String row = EnrolmentFiles.csvRow(record, null).replaceFirst("^[^,]+,", ",");
        EnrolmentRow read = EnrolmentFile.readCsv(new StringReader(EnrolmentFiles.CSV_HEADER + "\n" + row), 10).get(0);
        assertThat(read.errors()).isEmpty();
        assertThat(read.content().profile().studentNumber()).isNull();
    }

    @Test
    void anUnknownOrRepeatedColumnOrNoStudentNumberColumnMakesTheFileUnreadable() {
        assertThatThrownBy(() -> EnrolmentFile.readCsv(new StringReader("studentNumber,favouriteColour\nS1,red\n"), 10))
                .is(Kinds.MALFORMED).hasMessageContaining("column 2");
        assertThatThrownBy(() -> EnrolmentFile.readCsv(new StringReader("studentNumber,studentNumber\nS1,S2\n"), 10))
                .is(Kinds.MALFORMED);
        assertThatThrownBy(() -> EnrolmentFile.readCsv(new StringReader("name\nsomeone\n"), 10))
                .is(Kinds.MALFORMED);
        assertThatThrownBy(() -> EnrolmentFile.readCsv(new StringReader(""), 10))
                .is(Kinds.MALFORMED);
        assertThatThrownBy(() -> EnrolmentFile.readCsv(new StringReader(EnrolmentFiles.CSV_HEADER + "\n"), 10))
                .is(Kinds.MALFORMED);
    }

    @Test
    void moreRowsThanTheCapAreRefusedAsAWhole() {
        StringBuilder csv = new StringBuilder(EnrolmentFiles.CSV_HEADER).append('\n');
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            StudentRecord record = students.next(today);
            csv.append(EnrolmentFiles.csvRow(record, null)).append('\n');
            ndjson.append(EnrolmentFiles.ndjsonLine(record, null)).append('\n');
        }
        assertThatThrownBy(() -> EnrolmentFile.readCsv(new StringReader(csv.toString()), 3))
                .is(Kinds.TOO_LARGE);
        assertThatThrownBy(() -> EnrolmentFile.readNdjson(new StringReader(ndjson.toString()), 3))
                .is(Kinds.TOO_LARGE);
        assertThat(EnrolmentFile.readCsv(new StringReader(csv.toString()), 4)).hasSize(4);
    }

    @Test
    void ndjsonLinesAreReadOneByOneAMalformedLineFailingOnlyItself() {
        StudentRecord first = students.next(today);
        StudentRecord second = students.next(today);
        String ndjson = EnrolmentFiles.ndjsonLine(first, "user-2") + "\n\n{not json\n"
                + EnrolmentFiles.ndjsonLine(second, null).replace("\"profile\":{", "\"profile\":{\"nickname\":\"x\",") + "\n"
                + EnrolmentFiles.ndjsonLine(second, null) + "\n";
        List<EnrolmentRow> rows = EnrolmentFile.readNdjson(new StringReader(ndjson), 10);
        assertThat(rows).extracting(EnrolmentRow::row).containsExactly(1, 2, 3, 4);
        assertThat(rows.get(0).content()).isEqualTo(first);
        assertThat(rows.get(0).ownerSubject()).isEqualTo("user-2");
        assertThat(rows.get(1).errors()).extracting(FieldError::rule).containsExactly("malformed-json");
        assertThat(rows.get(2).errors()).extracting(FieldError::field, FieldError::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("profile.nickname", "unknown-field"));
        assertThat(rows.get(3).content()).isEqualTo(second);
    }

    @Test
    void anNdjsonDateThatIsNotIsoTextIsTheWrongTypeNotADate() {
        StudentRecord student = students.next(today);
        String line = EnrolmentFiles.ndjsonLine(student, null);
        String iso = "\"enrolmentDate\":\"" + student.profile().enrolmentDate() + "\"";
        assertThat(line).contains(iso);
        String lines = line.replace(iso, "\"enrolmentDate\":20240901") + "\n"
                + line.replace(iso, "\"enrolmentDate\":[2024,9,1]") + "\n";
        List<EnrolmentRow> rows = EnrolmentFile.readNdjson(new StringReader(lines), 10);
        for (EnrolmentRow row : rows) {
            assertThat(row.errors()).extracting(FieldError::field, FieldError::rule)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("profile.enrolmentDate", "wrong-type"));
        }
    }
}
