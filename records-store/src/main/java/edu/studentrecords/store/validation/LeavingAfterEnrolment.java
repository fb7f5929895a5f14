package edu.studentrecords.store.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A profile's leaving date, when there is one, is not before its enrolment date. */
@Documented
@Constraint(validatedBy = LeavingAfterEnrolmentValidator.class)
@Target({TYPE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface LeavingAfterEnrolment {

    /** A message key; {@link RecordValidator} reads the rule code from it. */
    String message() default "{studentrecords.leaving-date.before-enrolment}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
