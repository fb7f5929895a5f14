package edu.studentrecords.store.validation;

import edu.studentrecords.store.model.NativePlace;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link DivisionNameMatchesCode}. */
public final class DivisionNameMatchesCodeValidator implements ConstraintValidator<DivisionNameMatchesCode, NativePlace> {

    @Override
    public boolean isValid(NativePlace place, ConstraintValidatorContext context) {
        if (place == null || place.name() == null || place.name().isBlank()) {
            return true;
        }
        boolean matches = DivisionCodes.nameOf(place.code())
                .map(listed -> listed.equals(place.name().strip()))
                .orElse(true);
        if (!matches) {
            RuleViolation.report(context, "division-code.name-mismatch", "name");
        }
        return matches;
    }
}
