package edu.studentrecords.store.validation;

/**
 * The first rule of GB 11643-1999 a resident identity number breaks, as found by
 * {@link ResidentIdNumber#parse(String, java.time.LocalDate)}. The rules are checked in declaration order.
 */
public enum ResidentIdDefect {
    /** Not exactly 18 characters. */
    LENGTH("resident-id.length"),
    /** The first 17 characters are not all ASCII digits, or the last is not a digit or {@code X}. */
    CHARACTERS("resident-id.characters"),
    /** The ISO 7064 MOD 11-2 check character does not match the first 17 digits. */
    CHECK_DIGIT("resident-id.check-digit"),
    /** The address code does not start with a province-level prefix of GB/T 2260. */
    ADDRESS_CODE("resident-id.address-code"),
    /** The embedded birth date is not a calendar date (month 13, 30 February, day 00, …). */
    BIRTH_DATE_INVALID("resident-id.birth-date-invalid"),
    /** The embedded birth date lies before 1900-01-01. */
    BIRTH_DATE_TOO_EARLY("resident-id.birth-date-too-early"),
    /** The embedded birth date lies after the validation date. */
    BIRTH_DATE_IN_FUTURE("resident-id.birth-date-future");

    private final String rule;

    ResidentIdDefect(String rule) {
        this.rule = rule;
    }

    /** The stable rule code reported in {@link FieldError#rule()}, e.g. {@code resident-id.check-digit}. */
    public String rule() {
        return rule;
    }
}
