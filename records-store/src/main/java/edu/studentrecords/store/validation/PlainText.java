package edu.studentrecords.store.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The annotated string is text a person typed, as {@link PlainTexts} reads it: letters of any script, digits, spaces
 * and punctuation, no control characters and no bidirectional overrides (rule {@code plain-text}); on one line unless
 * the field is {@link #multiline() multi-line} by nature, as a message or a reason is (rule {@code one-line}).
 * {@code null} is valid here: {@code @NotBlank} reports it where a value is required.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    /** Whether line breaks (and tabs) are part of the field's text. */
    boolean multiline() default false;

    /** A message key; {@link RecordValidator} reads the rule code from it. */
    String message() default "{studentrecords.plain-text}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
