package edu.studentrecords.store.validation;

import edu.studentrecords.store.access.UnitPath;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link UnitFormat}. A missing unit is left to {@code @NotBlank}. */
public final class UnitFormatValidator implements ConstraintValidator<UnitFormat, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || value.isBlank() || UnitPath.isRecordUnit(value);
    }
}
