package edu.studentrecords.store.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.LocalDate;

/** Checks {@link ValidResidentIdNumber}. */
public final class ResidentIdNumberValidator implements ConstraintValidator<ValidResidentIdNumber, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return true;
        }
        LocalDate today = LocalDate.now(context.getClockProvider().getClock());
        return ResidentIdNumber.parse(value, today).defect()
                .map(defect -> {
                    RuleViolation.report(context, defect.rule());
                    return false;
                })
                .orElse(true);
    }
}
