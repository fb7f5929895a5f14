package edu.studentrecords.store.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Phone numbers as the record accepts them: a mainland China mobile number, written with or without
 * {@code +86} or {@code 86}, or any number libphonenumber considers valid written in international form
 * ({@code +} and a country code). Spaces and dashes between digits are allowed; letters, full-width
 * digits and other punctuation are not. A mainland number must be a mobile number: the field is called
 * and texted, and a fixed line cannot receive texts.
 *
 * <p>Thread-safe; keeps nothing but what a {@link #remembering} scope reads, for as long as the scope runs.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int CHINA = 86;

    /** What each number read in this thread's {@link #remembering} scope came to; null outside one. */
    private static final ThreadLocal<Map<String, Reading>> SCOPE = new ThreadLocal<>();

    /** ASCII digits with single spaces or dashes between them, optionally after a leading {@code +}. */
    private static final Pattern ACCEPTED_SPELLING = Pattern.compile("\\+?[0-9]+([ -]?[0-9]+)*");

    private PhoneNumbers() {
    }

    /**
     * The number in E.164 form ({@code +8613812345678}), or empty if it is not acceptable. Two spellings of
     * one number give the same result, so the result can key exact lookups.
     */
    public static Optional<String> normalise(String text) {
        return Optional.ofNullable(reading(text).e164());
    }

    /** Whether the text is an acceptable number. {@code null} is not. */
    public static boolean isAcceptable(String text) {
        return verdict(text) == Verdict.ACCEPTABLE;
    }

    /**
     * Runs {@code work}, and while it runs on this thread each phone number it reads is parsed once: a write checks a
     * record's phones and then makes their keyed hashes, an import does both for a chunk of rows, and libphonenumber's
     * parse is most of what either costs. Nothing read is kept after {@code work} ends. A scope inside another is the
     * outer one.
     */
    public static <T> T remembering(Supplier<T> work) {
        if (SCOPE.get() != null) {
            return work.get();
        }
        SCOPE.set(new HashMap<>());
        try {
            return work.get();
        } finally {
            SCOPE.remove();
        }
    }

    static Verdict verdict(String text) {
        return reading(text).verdict();
    }

    private static Reading reading(String text) {
        Map<String, Reading> remembered = text == null ? null : SCOPE.get();
        return remembered == null ? Reading.of(text) : remembered.computeIfAbsent(text, Reading::of);
    }

    private static boolean isMainlandNonMobile(Phonenumber.PhoneNumber number) {
        return number.getCountryCode() == CHINA && UTIL.getNumberType(number) != PhoneNumberType.MOBILE;
    }

    private static Optional<Phonenumber.PhoneNumber> parseValid(String text) {
        if (text == null || !ACCEPTED_SPELLING.matcher(text).matches()) {
            return Optional.empty();
        }
        String digits = text.replaceAll("[ -]", "");
        try {
            Phonenumber.PhoneNumber number;
            if (digits.startsWith("+")) {
                number = UTIL.parse(digits, "ZZ");
            } else if (digits.length() == 13 && digits.startsWith("86")) {
                number = UTIL.parse("+" + digits, "ZZ");
            } else {
                // Without "+" a number is read as written in the mainland, national prefix 0 included.
                number = UTIL.parse(digits, "CN");
            }
            return UTIL.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** What a text came to: its verdict and, when it is acceptable, its E.164 form (null otherwise). */
    private record Reading(Verdict verdict, String e164) {

        static Reading of(String text) {
            Optional<Phonenumber.PhoneNumber> number = parseValid(text);
            if (number.isEmpty()) {
                return new Reading(Verdict.INVALID, null);
            }
            if (isMainlandNonMobile(number.get())) {
                return new Reading(Verdict.NOT_MOBILE, null);
            }
            return new Reading(Verdict.ACCEPTABLE, UTIL.format(number.get(), PhoneNumberFormat.E164));
        }
    }

    /** How a text fares as a phone number of the record. */
    enum Verdict {
        ACCEPTABLE,
        INVALID,
        NOT_MOBILE
    }
}
