package edu.studentrecords.store.enrolment;

import edu.studentrecords.store.validation.FieldError;
import java.util.List;

/**
 * What became of one row of an import.
 *
 * @param row    the row's number in the file, from 1
 * @param status {@link #CREATED} or {@link #FAILED}
 * @param id     the new record's id when created, otherwise {@code null}
 * @param errors why the row failed (field paths and rule codes, never values); empty when created
 */
public record RowOutcome(int row, String status, String id, List<FieldError> errors) {

    public static final String CREATED = "created";
    public static final String FAILED = "failed";

    public RowOutcome {
        errors = List.copyOf(errors);
    }

    public static RowOutcome created(int row, String id) {
        return new RowOutcome(row, CREATED, id, List.of());
    }

    public static RowOutcome failed(int row, List<FieldError> errors) {
        return new RowOutcome(row, FAILED, null, errors);
    }

    /** Whether the row became a record. */
    public boolean created() {
        return CREATED.equals(status);
    }
}
