package edu.studentrecords.store.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * On {@link edu.studentrecords.store.model.NativePlace}: a name, when given, equals the name
 * {@link DivisionCodes} lists for the code (after trimming surrounding white space). Reported on the
 * {@code name} property as {@code division-code.name-mismatch}. Nothing is reported while the code is
 * missing or unknown: {@link DivisionCode} reports that.
 */
@Documented
@Constraint(validatedBy = DivisionNameMatchesCodeValidator.class)
@Target({TYPE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface DivisionNameMatchesCode {

    /** A message key; {@link RecordValidator} reads the rule code from it. */
    String message() default "{studentrecords.division-code.name-mismatch}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
