package edu.studentrecords.store;

import edu.studentrecords.store.validation.FieldError;
import java.util.List;

/** The record, as created or as it would be after a change, breaks validation rules: nothing was written. */
public final class InvalidRecordException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidRecordException(List<FieldError> errors) {
        super(errors.size() + " field(s) invalid");
        this.errors = List.copyOf(errors);
    }

    /** What is wrong, field by field. Never holds the rejected values. */
    public List<FieldError> errors() {
        return errors;
    }
}
