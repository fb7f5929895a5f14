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
 * On {@link edu.studentrecords.store.model.StudentRecord}: the resident identity number agrees with the
 * rest of the record. Its birth date equals {@code identity.dateOfBirth} (else
 * {@code resident-id.birth-date-mismatch} on {@code identity.dateOfBirth}), and its sex digit agrees with
 * {@code profile.gender} (else {@code resident-id.gender-mismatch} on {@code profile.gender}). The error
 * goes on the typed field, not on the number, because a number that passed its check digit is the
 * likelier to be right. Nothing is reported while either side is missing or the number is invalid: the
 * field constraints report that.
 */
@Documented
@Constraint(validatedBy = ConsistentIdentityValidator.class)
@Target({TYPE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface ConsistentIdentity {

    /** A message key; {@link RecordValidator} reads the rule code from it. */
    String message() default "{studentrecords.resident-id.birth-date-mismatch}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
