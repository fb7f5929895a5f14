package edu.studentrecords.store.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import edu.studentrecords.store.model.StudentRecord;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    private static final RecordValidator VALIDATOR = new RecordValidator(SampleRecords.CLOCK);
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    @AfterAll
    static void closeValidator() {
        VALIDATOR.close();
    }

    /** Spellings of mainland mobile numbers and the E.164 form each must normalise to. */
    static Stream<Arguments> mainlandMobiles() {
        return Stream.of(
                arguments("13800000001", "+8613800000001"),
                arguments("138 0000 0001", "+8613800000001"),
                arguments("138-0000-0001", "+8613800000001"),
                arguments("+8613800000001", "+8613800000001"),
                arguments("+86 138 0000 0001", "+8613800000001"),
                arguments("+86-138-0000-0001", "+8613800000001"),
                arguments("8613800000001", "+8613800000001"),
                arguments("86 138 0000 0001", "+8613800000001"),
                arguments("008613800000001", "+8613800000001"),
                arguments("15900000002", "+8615900000002"),
                arguments("18600000003", "+8618600000003"),
                arguments("199 0000 0004", "+8619900000004"),
                arguments("177-0000-0005", "+8617700000005"));
    }

    @ParameterizedTest
    @MethodSource("mainlandMobiles")
    void acceptsMainlandMobilesInSeveralSpellings(String spelling, String e164) {
        assertThat(PhoneNumbers.normalise(spelling)).contains(e164);
        assertThat(PhoneNumbers.isAcceptable(spelling)).isTrue();
        assertThat(VALIDATOR.validate(SampleRecords.withMobilePhone(SampleRecords.adult(), spelling))).isEmpty();
    }

    /** libphonenumber's own example mobile numbers: valid by construction, nobody's real number. */
    static Stream<Arguments> internationalNumbers() {
        return Stream.of("GB", "DE", "FR", "US", "JP", "HK", "MO", "TW", "SG", "AU", "KR", "CA")
                .map(region -> UTIL.getExampleNumberForType(region, PhoneNumberType.MOBILE))
                .map(n -> arguments(UTIL.format(n, PhoneNumberFormat.INTERNATIONAL), UTIL.format(n, PhoneNumberFormat.E164)));
    }

    @ParameterizedTest
    @MethodSource("internationalNumbers")
    void acceptsValidInternationalNumbers(String international, String e164) {
        assertThat(PhoneNumbers.normalise(international)).contains(e164);
        assertThat(PhoneNumbers.normalise(e164)).contains(e164);
        assertThat(PhoneNumbers.normalise(international.replace(' ', '-'))).contains(e164);
        assertThat(VALIDATOR.validate(SampleRecords.withMobilePhone(SampleRecords.adult(), international))).isEmpty();
    }

    @Test
    void everySpellingOfOneNumberNormalisesEqual() {
        List<String> spellings = mainlandMobiles().map(a -> (String) a.get()[0])
                .filter(s -> s.replaceAll("[^0-9]", "").endsWith("13800000001")).toList();

        assertThat(spellings).hasSizeGreaterThan(5);
        assertThat(spellings.stream().map(PhoneNumbers::normalise).distinct()).hasSize(1);
    }

    static Stream<Arguments> refusedNumbers() {
        String mainlandFixedLine = UTIL.format(UTIL.getExampleNumberForType("CN", PhoneNumberType.FIXED_LINE),
                PhoneNumberFormat.NATIONAL);
        String mainlandFixedLineE164 = UTIL.format(UTIL.getExampleNumberForType("CN", PhoneNumberType.FIXED_LINE),
                PhoneNumberFormat.E164);
        return Stream.of(
                arguments(mainlandFixedLine, "phone.not-mobile"),
                arguments(mainlandFixedLineE164, "phone.not-mobile"),
                arguments("010-6000 0000", "phone.not-mobile"),
                arguments("1380000000", "phone.invalid"),
                arguments("138000000011", "phone.invalid"),
                arguments("1380000", "phone.invalid"),
                arguments("12345", "phone.invalid"),
                arguments("+86 123 0000 0000", "phone.invalid"),
                arguments("138-ABCD-0001", "phone.invalid"),
                arguments("1-800-FLOWERS", "phone.invalid"),
                arguments("+1 650 CALL NOW", "phone.invalid"),
                arguments("１３８００００００01", "phone.invalid"),
                arguments("(138) 0000 0001", "phone.invalid"),
                arguments("138  0000 0001", "phone.invalid"),
                arguments("138--0000-0001", "phone.invalid"),
                arguments("++8613800000001", "phone.invalid"),
                arguments("+", "phone.invalid"),
                arguments("+999 1234 5678", "phone.invalid"),
                arguments("+44 20", "phone.invalid"),
                arguments("447400123456", "phone.invalid"));
    }

    @ParameterizedTest
    @MethodSource("refusedNumbers")
    void refusesFixedLinesMalformedAndForeignWithoutPlus(String text, String rule) {
        assertThat(PhoneNumbers.normalise(text)).isEmpty();
        assertThat(PhoneNumbers.isAcceptable(text)).isFalse();
        StudentRecord record = SampleRecords.withMobilePhone(SampleRecords.adult(), text);
        assertThat(VALIDATOR.validate(record)).extracting(FieldError::field, FieldError::rule)
                .containsExactly(tuple("contact.mobilePhone", rule));
    }

    @Test
    void reportsGuardianPhonesByIndex() {
        StudentRecord record = SampleRecords.withGuardians(SampleRecords.adult(), List.of(
                SampleRecords.guardian("139 0000 0002", true),
                SampleRecords.guardian("12345", false),
                SampleRecords.guardian("010-6000 0000", false)));

        assertThat(VALIDATOR.validate(record)).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("guardians[1].phone", "phone.invalid"),
                tuple("guardians[2].phone", "phone.not-mobile"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void blankIsReportedOnlyAsRequired(String blank) {
        StudentRecord record = SampleRecords.withMobilePhone(SampleRecords.adult(), blank);

        assertThat(VALIDATOR.validate(record)).extracting(FieldError::field, FieldError::rule)
                .containsExactly(tuple("contact.mobilePhone", "required"));
    }

    @Test
    void nullIsNotAcceptable() {
        assertThat(PhoneNumbers.normalise(null)).isEmpty();
        assertThat(PhoneNumbers.isAcceptable(null)).isFalse();
    }

    @Test
    void aScopeParsesEachNumberOnceAndKeepsNothingAfter() {
        String mobile = "138 0000 0001";

        String[] inside = PhoneNumbers.remembering(() -> {
            // The check a write makes, then the normal form its keyed hash is made of: one reading of the text.
            assertThat(PhoneNumbers.isAcceptable(mobile)).isTrue();
            return new String[] {PhoneNumbers.normalise(mobile).orElseThrow(),
                    PhoneNumbers.normalise(mobile).orElseThrow()};
        });
        String after = PhoneNumbers.normalise(mobile).orElseThrow();
        String again = PhoneNumbers.normalise(mobile).orElseThrow();

        assertThat(inside[0]).isEqualTo("+8613800000001").isSameAs(inside[1]);
        assertThat(after).isEqualTo("+8613800000001").isNotSameAs(inside[0]).isNotSameAs(again);
    }

    @ParameterizedTest
    @MethodSource("refusedNumbers")
    void aScopeComesToTheSameVerdicts(String text, String rule) {
        StudentRecord record = SampleRecords.withMobilePhone(SampleRecords.adult(), text);

        List<FieldError> twice = PhoneNumbers.remembering(() -> {
            List<FieldError> errors = new java.util.ArrayList<>(VALIDATOR.validate(record));
            errors.addAll(VALIDATOR.validate(record));
            assertThat(PhoneNumbers.normalise(text)).isEmpty();
            return errors;
        });

        assertThat(twice).extracting(FieldError::field, FieldError::rule)
                .containsExactly(tuple("contact.mobilePhone", rule), tuple("contact.mobilePhone", rule));
    }

    @Test
    void aScopeEndsWithAFailureAndNestedScopesShareTheOuter() {
        String mobile = "159 0000 0002";
        String[] outer = new String[1];

        assertThatThrownBy(() -> PhoneNumbers.remembering(() -> {
            outer[0] = PhoneNumbers.normalise(mobile).orElseThrow();
            assertThat(PhoneNumbers.remembering(() -> PhoneNumbers.normalise(mobile).orElseThrow()))
                    .isSameAs(outer[0]);
            throw new IllegalStateException("the write failed");
        })).hasMessage("the write failed");

        assertThat(PhoneNumbers.normalise(mobile).orElseThrow()).isEqualTo(outer[0]).isNotSameAs(outer[0]);
    }
}
