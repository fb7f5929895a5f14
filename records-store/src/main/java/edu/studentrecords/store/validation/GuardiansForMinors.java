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
 * On {@link edu.studentrecords.store.model.StudentRecord}: a student under 18 on the validation date
 * (from the validator's {@link jakarta.validation.ClockProvider}) has at least one guardian
 * ({@code guardians.required-for-minor}) and at least one of them is the emergency contact
 * ({@code guardians.emergency-contact-required}); both are reported on {@code guardians}.
 *
 * <p>A student is 18 from the 18th birthday on; one born on 29 February becomes 18 on 1 March of a
 * common year. Adults need no guardian and need not name a guardian as emergency contact: an adult may
 * list parents without agreeing that the school calls them. The age comes from
 * {@code identity.dateOfBirth}; nothing is reported while it is missing.
 */
@Documented
@Constraint(validatedBy = GuardiansForMinorsValidator.class)
@Target({TYPE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface GuardiansForMinors {

    /** A message key; {@link RecordValidator} reads the rule code from it. */
    String message() default "{studentrecords.guardians.required-for-minor}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
