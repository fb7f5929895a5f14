package edu.studentrecords.store.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PhoneNumber}. */
public final class PhoneNumberValidator implements ConstraintValidator<PhoneNumber, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return true;
        }
        switch (PhoneNumbers.verdict(value)) {
            case ACCEPTABLE:
                return true;
            case NOT_MOBILE:
                RuleViolation.report(context, "phone.not-mobile");
                return false;
            default:
                RuleViolation.report(context, "phone.invalid");
                return false;
        }
    }
}
