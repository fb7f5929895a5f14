package edu.studentrecords.store.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A record's organisational unit, in the one grammar the access decision and the search index read
 * ({@link edu.studentrecords.store.access.UnitPath}): slash-separated segments of letters, digits, {@code .},
 * {@code _} and {@code -}, none made of dots only, and never the wildcard {@code *}.
 */
@Documented
@Constraint(validatedBy = UnitFormatValidator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface UnitFormat {

    /** A message key; {@link RecordValidator} reads the rule code from it. */
    String message() default "{studentrecords.unit.format}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
