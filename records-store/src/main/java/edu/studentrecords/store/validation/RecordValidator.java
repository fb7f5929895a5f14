package edu.studentrecords.store.validation;

import edu.studentrecords.store.model.StudentRecord;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Validates whole student records before every write (MISSION article 2.1 and 4.2): required fields and
 * lengths, the resident identity number and its agreement with date of birth and gender, the native
 * place's division code, phone numbers, and guardians for minors.
 *
 * <p>Thread-safe: build one per application and share it; it owns a {@link ValidatorFactory}, so
 * {@link #close()} it when done. Messages never contain a rejected value.
 */
public final class RecordValidator implements AutoCloseable {

    private static final String REQUIRED = "required";

    private final ValidatorFactory factory;
    private final Validator validator;

    /**
     * @param clock the source of "today" for age and birth-date rules; its zone decides the date (use the
     *              school's zone, e.g. {@code Asia/Shanghai})
     */
    public RecordValidator(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        this.factory = Validation.byProvider(HibernateValidator.class)
                // Name the provider directly: inside Keycloak the thread context class loader cannot see it.
                .providerResolver(() -> List.of(new HibernateValidator()))
                .configure()
                .ignoreXmlConfiguration()
                // Messages come from RuleMessages; this interpolator needs no Expression Language.
                .messageInterpolator(new ParameterMessageInterpolator())
                .clockProvider(() -> clock)
                .buildValidatorFactory();
        this.validator = factory.getValidator();
    }

    /**
     * Validates a record with English messages.
     *
     * @param record the record; not {@code null}
     * @return the errors sorted by {@link FieldError#ORDER}; empty when the record is valid; unmodifiable.
     *         A field reported as {@code required} gets no other error.
     */
    public List<FieldError> validate(StudentRecord record) {
        return validate(record, Locale.ROOT);
    }

    /**
     * Validates a record with messages in {@code locale} where a translation exists (Simplified Chinese,
     * {@link Locale#SIMPLIFIED_CHINESE}), English otherwise. Fields and rule codes do not depend on it.
     */
    public List<FieldError> validate(StudentRecord record, Locale locale) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(locale, "locale");
        List<FieldError> errors = validator.validate(record).stream()
                .map(violation -> toFieldError(violation, locale))
                .toList();
        Set<String> missing = errors.stream()
                .filter(error -> error.rule().equals(REQUIRED))
                .map(FieldError::field)
                .collect(Collectors.toSet());
        // A missing value also fails the field's format rules; only "required" tells the user what to do.
        return errors.stream()
                .filter(error -> error.rule().equals(REQUIRED) || !missing.contains(error.field()))
                .sorted(FieldError.ORDER)
                .toList();
    }

    private static FieldError toFieldError(ConstraintViolation<StudentRecord> violation, Locale locale) {
        String rule = ViolationRules.ruleOf(violation);
        String message = RuleMessages.message(rule, violation.getConstraintDescriptor().getAttributes(), locale);
        return new FieldError(ViolationRules.fieldOf(violation), rule, message);
    }

    @Override
    public void close() {
        factory.close();
    }
}
