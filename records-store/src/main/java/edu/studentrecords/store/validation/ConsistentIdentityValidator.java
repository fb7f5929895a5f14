package edu.studentrecords.store.validation;

import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.StudentRecord;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.LocalDate;
import java.util.Optional;

/** Checks {@link ConsistentIdentity}. */
public final class ConsistentIdentityValidator implements ConstraintValidator<ConsistentIdentity, StudentRecord> {

    @Override
    public boolean isValid(StudentRecord record, ConstraintValidatorContext context) {
        if (record == null || record.identity() == null) {
            return true;
        }
        Identity identity = record.identity();
        LocalDate today = LocalDate.now(context.getClockProvider().getClock());
        Optional<ResidentIdNumber> number = identity.residentIdNumber() == null
                ? Optional.empty()
                : ResidentIdNumber.parse(identity.residentIdNumber(), today).number();
        if (number.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        if (identity.dateOfBirth() != null && !identity.dateOfBirth().equals(number.get().birthDate())) {
            addViolation(context, "resident-id.birth-date-mismatch", "identity", "dateOfBirth");
            valid = false;
        }
        Profile profile = record.profile();
        if (profile != null && profile.gender() != null && profile.gender() != number.get().gender()) {
            addViolation(context, "resident-id.gender-mismatch", "profile", "gender");
            valid = false;
        }
        return valid;
    }

    private static void addViolation(ConstraintValidatorContext context, String rule, String group, String field) {
        context.buildConstraintViolationWithTemplate(RuleViolation.template(rule))
                .addPropertyNode(group)
                .addPropertyNode(field)
                .addConstraintViolation();
    }
}
