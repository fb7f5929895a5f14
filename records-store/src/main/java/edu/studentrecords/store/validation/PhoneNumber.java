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
 * The annotated string is acceptable to {@link PhoneNumbers}: a mainland China mobile number or a valid
 * international number. Rules: {@code phone.invalid}, and {@code phone.not-mobile} for a valid mainland
 * number that is not a mobile number. {@code null} and blank strings are valid here: {@code @NotBlank}
 * reports them.
 */
@Documented
@Constraint(validatedBy = PhoneNumberValidator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface PhoneNumber {

    /** A message key; {@link RecordValidator} reads the rule code from it. */
    String message() default "{studentrecords.phone.invalid}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
