package edu.studentrecords.store.enrolment;

import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;

/**
 * One row of an enrolment file as read: either a record to create, or the reasons it could not be read.
 *
 * @param row          the row's number in the file, from 1 (CSV: data rows after the header; NDJSON: non-blank lines)
 * @param content      the record to enrol, or {@code null} when {@code errors} is not empty
 * @param ownerSubject the Keycloak user id to link the record to, or {@code null}
 * @param errors       why the row could not be read (field paths and rule codes only); empty when it was read
 */
public record EnrolmentRow(int row, StudentRecord content, String ownerSubject, List<FieldError> errors) {

    public EnrolmentRow {
        errors = List.copyOf(errors);
        if (errors.isEmpty() && content == null) {
            throw new IllegalArgumentException("a row without errors needs content");
        }
    }

    static EnrolmentRow read(int row, StudentRecord content, String ownerSubject) {
        return new EnrolmentRow(row, content, ownerSubject, List.of());
    }

    static EnrolmentRow unreadable(int row, FieldError error) {
        return new EnrolmentRow(row, null, null, List.of(error));
    }

    @Override
    public String toString() {
        return "EnrolmentRow[row=" + row + ", errors=" + errors.size() + "]";
    }
}
