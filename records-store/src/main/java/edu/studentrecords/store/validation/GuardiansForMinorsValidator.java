package edu.studentrecords.store.validation;

import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.StudentRecord;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.LocalDate;
import java.time.Period;

/** Checks {@link GuardiansForMinors}. */
public final class GuardiansForMinorsValidator implements ConstraintValidator<GuardiansForMinors, StudentRecord> {

    static final int AGE_OF_MAJORITY = 18;

    @Override
    public boolean isValid(StudentRecord record, ConstraintValidatorContext context) {
        if (record == null || record.identity() == null || record.identity().dateOfBirth() == null
                || record.guardians() == null) {
            return true;
        }
        LocalDate today = LocalDate.now(context.getClockProvider().getClock());
        if (!isMinor(record.identity().dateOfBirth(), today)) {
            return true;
        }
        if (record.guardians().isEmpty()) {
            RuleViolation.report(context, "guardians.required-for-minor", "guardians");
            return false;
        }
        if (record.guardians().stream().noneMatch(Guardian::emergencyContact)) {
            RuleViolation.report(context, "guardians.emergency-contact-required", "guardians");
            return false;
        }
        return true;
    }

    /**
     * Whether someone born on {@code birthDate} is under 18 on {@code today}. {@link Period} counts whole
     * years, so a 29 February birthday completes a year on 1 March of a common year.
     */
    static boolean isMinor(LocalDate birthDate, LocalDate today) {
        return Period.between(birthDate, today).getYears() < AGE_OF_MAJORITY;
    }
}
