package edu.studentrecords.store.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link DivisionCode}. */
public final class DivisionCodeValidator implements ConstraintValidator<DivisionCode, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return true;
        }
        if (!value.matches("[0-9]{6}")) {
            RuleViolation.report(context, "division-code.format");
            return false;
        }
        if (!DivisionCodes.contains(value)) {
            RuleViolation.report(context, "division-code.unknown");
            return false;
        }
        return true;
    }
}
