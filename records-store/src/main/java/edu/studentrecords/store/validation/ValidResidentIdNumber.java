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
 * The annotated string is a resident identity number by {@link ResidentIdNumber#parse(String, java.time.LocalDate)},
 * with the validation date taken from the validator's {@link jakarta.validation.ClockProvider}. The
 * violation names the first rule broken ({@link ResidentIdDefect#rule()}). {@code null} and blank strings
 * are valid here: {@code @NotBlank} reports them.
 */
@Documented
@Constraint(validatedBy = ResidentIdNumberValidator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface ValidResidentIdNumber {

    /** A message key; {@link RecordValidator} reads the rule code from it. */
    String message() default "{studentrecords.resident-id.length}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
