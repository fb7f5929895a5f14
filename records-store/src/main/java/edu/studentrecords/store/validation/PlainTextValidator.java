package edu.studentrecords.store.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText}, reporting the rule {@link PlainTexts} finds broken. */
public final class PlainTextValidator implements ConstraintValidator<PlainText, String> {

    private boolean multiline;

    @Override
    public void initialize(PlainText annotation) {
        multiline = annotation.multiline();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return PlainTexts.brokenRule(value, multiline).map(rule -> {
            RuleViolation.report(context, rule);
            return false;
        }).orElse(true);
    }
}
