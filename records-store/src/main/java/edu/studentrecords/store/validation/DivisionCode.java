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
 * The annotated string is a six-digit administrative-division code present in {@link DivisionCodes}.
 * Rules: {@code division-code.format} (not six ASCII digits), {@code division-code.unknown} (not in the
 * list). {@code null} and blank strings are valid here: {@code @NotBlank} reports them.
 */
@Documented
@Constraint(validatedBy = DivisionCodeValidator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface DivisionCode {

    /** A message key; {@link RecordValidator} reads the rule code from it. */
    String message() default "{studentrecords.division-code.unknown}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
