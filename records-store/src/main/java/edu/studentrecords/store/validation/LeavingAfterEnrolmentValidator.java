package edu.studentrecords.store.validation;

import edu.studentrecords.store.model.Profile;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link LeavingAfterEnrolment}; reported on {@code profile.leavingDate}. */
public final class LeavingAfterEnrolmentValidator implements ConstraintValidator<LeavingAfterEnrolment, Profile> {

    @Override
    public boolean isValid(Profile profile, ConstraintValidatorContext context) {
        if (profile == null || profile.leavingDate() == null || profile.enrolmentDate() == null
                || !profile.leavingDate().isBefore(profile.enrolmentDate())) {
            return true;
        }
        RuleViolation.report(context, "leaving-date.before-enrolment", "leavingDate");
        return false;
    }
}
