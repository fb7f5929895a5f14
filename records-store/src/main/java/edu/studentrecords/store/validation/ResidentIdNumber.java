package edu.studentrecords.store.validation;

import edu.studentrecords.store.model.Gender;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A resident identity number of GB 11643-1999: a six-digit address code, the birth date as
 * {@code yyyyMMdd}, a three-digit order code whose last digit is odd for men and even for women, and an
 * ISO 7064 MOD 11-2 check character ({@code 0}–{@code 9} or {@code X}).
 *
 * <p>Instances are immutable, thread-safe and always valid: they come only from {@link #parse} or
 * {@link #compose}. The value is held with an upper-case {@code X}. {@link #toString()} hides the value
 * because it is personal data; {@link #value()} gives it.
 *
 * <p>The address code is checked only for its province prefix, not against the current division list:
 * numbers keep the code of the county where they were issued, and counties are merged and renamed.
 */
public final class ResidentIdNumber {

    /** Earliest birth date accepted: the standard covers living residents, none born before 1900. */
    static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    private static final int LENGTH = 18;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /*
     * Province-level prefixes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao) and 83, which residence
     * permits for Taiwan residents use. Older numbers keep prefixes such as 44 for Hainan counties;
     * those are still in this set.
     */
    private static final Set<String> PROVINCE_PREFIXES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82", "83");

    private final String value;
    private final LocalDate birthDate;

    private ResidentIdNumber(String value, LocalDate birthDate) {
        this.value = value;
        this.birthDate = birthDate;
    }

    /**
     * Parses a number, taking today from the system clock.
     *
     * @see #parse(String, LocalDate)
     */
    public static ParseResult parse(String text) {
        return parse(text, LocalDate.now(Clock.systemDefaultZone()));
    }

    /**
     * Parses a number. A lower-case {@code x} check character is accepted and normalised to {@code X};
     * nothing else is normalised (no trimming, no full-width digits).
     *
     * @param text  the candidate number; {@code null} is reported as {@link ResidentIdDefect#LENGTH}
     * @param today the validation date: a birth date after it is {@link ResidentIdDefect#BIRTH_DATE_IN_FUTURE}
     * @return the number, or the first rule it breaks; never {@code null}
     */
    public static ParseResult parse(String text, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (text == null || text.length() != LENGTH) {
            return ParseResult.failed(ResidentIdDefect.LENGTH);
        }
        String normalised = text.charAt(LENGTH - 1) == 'x' ? text.substring(0, LENGTH - 1) + 'X' : text;
        if (!hasValidCharacters(normalised)) {
            return ParseResult.failed(ResidentIdDefect.CHARACTERS);
        }
        if (normalised.charAt(LENGTH - 1) != checkCharacter(normalised)) {
            return ParseResult.failed(ResidentIdDefect.CHECK_DIGIT);
        }
        if (!PROVINCE_PREFIXES.contains(normalised.substring(0, 2))) {
            return ParseResult.failed(ResidentIdDefect.ADDRESS_CODE);
        }
        LocalDate birthDate;
        try {
            birthDate = LocalDate.of(
                    Integer.parseInt(normalised.substring(6, 10)),
                    Integer.parseInt(normalised.substring(10, 12)),
                    Integer.parseInt(normalised.substring(12, 14)));
        } catch (DateTimeException e) {
            return ParseResult.failed(ResidentIdDefect.BIRTH_DATE_INVALID);
        }
        if (birthDate.isBefore(EARLIEST_BIRTH_DATE)) {
            return ParseResult.failed(ResidentIdDefect.BIRTH_DATE_TOO_EARLY);
        }
        if (birthDate.isAfter(today)) {
            return ParseResult.failed(ResidentIdDefect.BIRTH_DATE_IN_FUTURE);
        }
        return ParseResult.parsed(new ResidentIdNumber(normalised, birthDate));
    }

    /**
     * Builds a valid number, for generated demonstration and test data.
     *
     * @param addressCode six digits starting with a province-level prefix
     * @param birthDate   on or after 1900-01-01 and before the year 10000; not checked against today
     * @param gender      selects the parity of the order code
     * @param sequence    0–499: the position among numbers of that gender for the same address and day;
     *                    the order code is {@code 2 * sequence + 1} for men and {@code 2 * sequence} for women
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static ResidentIdNumber compose(String addressCode, LocalDate birthDate, Gender gender, int sequence) {
        Objects.requireNonNull(addressCode, "addressCode");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(gender, "gender");
        if (!addressCode.matches("[0-9]{6}") || !PROVINCE_PREFIXES.contains(addressCode.substring(0, 2))) {
            throw new IllegalArgumentException("address code must be six digits with a province-level prefix");
        }
        if (birthDate.isBefore(EARLIEST_BIRTH_DATE) || birthDate.getYear() > 9999) {
            throw new IllegalArgumentException("birth date must be between 1900-01-01 and 9999-12-31");
        }
        if (sequence < 0 || sequence > 499) {
            throw new IllegalArgumentException("sequence must be between 0 and 499");
        }
        int orderCode = 2 * sequence + (gender == Gender.MALE ? 1 : 0);
        String body = addressCode
                + String.format("%04d%02d%02d", birthDate.getYear(), birthDate.getMonthValue(), birthDate.getDayOfMonth())
                + String.format("%03d", orderCode);
        String value = body + checkCharacter(body);
        return new ResidentIdNumber(value, birthDate);
    }

    /** The 18-character number with an upper-case {@code X}. Personal data: do not log it. */
    public String value() {
        return value;
    }

    /** The six-digit address code of the place where the number was issued. */
    public String addressCode() {
        return value.substring(0, 6);
    }

    /** The embedded birth date. */
    public LocalDate birthDate() {
        return birthDate;
    }

    /** The gender the order code's last digit encodes. */
    public Gender gender() {
        return (value.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResidentIdNumber that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ResidentIdNumber[<hidden>]";
    }

    private static boolean hasValidCharacters(String text) {
        for (int i = 0; i < LENGTH - 1; i++) {
            if (!isAsciiDigit(text.charAt(i))) {
                return false;
            }
        }
        char last = text.charAt(LENGTH - 1);
        return isAsciiDigit(last) || last == 'X';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The check character for the first 17 digits of {@code digits}: weights 2^(17-i) mod 11. */
    private static char checkCharacter(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS[sum % 11];
    }

    /**
     * The outcome of {@link #parse}: either a number or the first rule the text breaks. Never carries the
     * rejected text, so it is safe to log or report.
     */
    public static final class ParseResult {
        private final ResidentIdNumber number;
        private final ResidentIdDefect defect;

        private ParseResult(ResidentIdNumber number, ResidentIdDefect defect) {
            this.number = number;
            this.defect = defect;
        }

        static ParseResult parsed(ResidentIdNumber number) {
            return new ParseResult(number, null);
        }

        static ParseResult failed(ResidentIdDefect defect) {
            return new ParseResult(null, defect);
        }

        /** Whether the text is a valid number. */
        public boolean isValid() {
            return number != null;
        }

        /** The number, if the text is valid. */
        public Optional<ResidentIdNumber> number() {
            return Optional.ofNullable(number);
        }

        /** The first rule broken, if the text is not valid. */
        public Optional<ResidentIdDefect> defect() {
            return Optional.ofNullable(defect);
        }

        @Override
        public String toString() {
            return isValid() ? "ParseResult[valid]" : "ParseResult[" + defect.rule() + "]";
        }
    }
}
