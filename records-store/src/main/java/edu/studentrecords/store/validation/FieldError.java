package edu.studentrecords.store.validation;

import java.util.Comparator;
import java.util.Objects;

/**
 * One reason a record was refused. Never carries the rejected value.
 *
 * @param field   the JSON path of the offending field, e.g. {@code identity.residentIdNumber} or
 *                {@code guardians[0].phone}; empty for the record as a whole
 * @param rule    a stable code for the broken rule, e.g. {@code resident-id.check-digit}, {@code required};
 *                clients may switch on it
 * @param message a human-readable explanation in the requested language; wording may change
 */
public record FieldError(String field, String rule, String message) {

    /** By field, then rule, then message: a deterministic order for reports and tests. */
    public static final Comparator<FieldError> ORDER = Comparator.comparing(FieldError::field)
            .thenComparing(FieldError::rule)
            .thenComparing(FieldError::message);

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
