package edu.studentrecords.store.grants;

import edu.studentrecords.store.RecordStoreException;
import edu.studentrecords.store.validation.FieldError;
import java.util.List;

/** A grant request breaks rules; nothing was stored. */
public final class InvalidGrantException extends RecordStoreException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidGrantException(List<FieldError> errors) {
        super(errors.size() + " field(s) invalid");
        this.errors = List.copyOf(errors);
    }

    /** What is wrong, field by field. */
    public List<FieldError> errors() {
        return errors;
    }
}
