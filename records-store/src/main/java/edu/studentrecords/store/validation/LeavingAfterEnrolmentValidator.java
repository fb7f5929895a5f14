package edu.studentrecords.store.validation;

import edu.studentrecords.store.model.Profile;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.LocalDate;

/**
 * Checks {@link LeavingAfterEnrolment}, reported on {@code profile.leavingDate}, and that the profile's dates lie in the
 * years a school's records can hold ({@value #FIRST_YEAR}–{@value #LAST_YEAR}), reported on each date: a date far out
 * of them is a typing mistake or an attack on the date arithmetic of retention.
 */
public final class LeavingAfterEnrolmentValidator implements ConstraintValidator<LeavingAfterEnrolment, Profile> {

    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2199;

    @Override
    public boolean isValid(Profile profile, ConstraintValidatorContext context) {
        boolean inRange = inRange(profile == null ? null : profile.enrolmentDate(), "enrolmentDate", context)
                & inRange(profile == null ? null : profile.leavingDate(), "leavingDate", context);
        return inRange && leavesAfterEnrolment(profile, context);
    }

    private static boolean inRange(LocalDate date, String field, ConstraintValidatorContext context) {
        if (date == null || (date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR)) {
            return true;
        }
        RuleViolation.report(context, "date.range", field);
        return false;
    }

    private static boolean leavesAfterEnrolment(Profile profile, ConstraintValidatorContext context) {
        if (profile == null || profile.leavingDate() == null || profile.enrolmentDate() == null
                || !profile.leavingDate().isBefore(profile.enrolmentDate())) {
            return true;
        }
        RuleViolation.report(context, "leaving-date.before-enrolment", "leavingDate");
        return false;
    }
}
