package edu.studentrecords.store.validation;

import static edu.studentrecords.store.validation.SampleRecords.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import edu.studentrecords.store.model.Gender;
import edu.studentrecords.store.model.StudentRecord;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResidentIdNumberTest {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
    private static final RecordValidator VALIDATOR = new RecordValidator(SampleRecords.CLOCK);

    /** Birth dates with leap days, century edges, year ends and the validation date itself. */
    private static final List<LocalDate> BIRTH_DATES = List.of(
            LocalDate.of(2000, 2, 29), LocalDate.of(2004, 2, 29), LocalDate.of(1904, 2, 29),
            LocalDate.of(2024, 2, 29), LocalDate.of(1900, 1, 1), TODAY, LocalDate.of(1999, 12, 31),
            LocalDate.of(2008, 7, 1), LocalDate.of(1987, 11, 30), LocalDate.of(2010, 1, 31),
            LocalDate.of(1956, 6, 15), LocalDate.of(2005, 9, 2));

    @AfterAll
    static void closeValidator() {
        VALIDATOR.close();
    }

    /** A valid number per case: address codes spread over the list, both genders, every birth date. */
    static Stream<Arguments> validNumbers() {
        List<String> codes = new ArrayList<>(DivisionCodes.all().keySet());
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String address = codes.get(i * codes.size() / 60);
            LocalDate birthDate = BIRTH_DATES.get(i % BIRTH_DATES.size());
            Gender gender = i % 2 == 0 ? Gender.MALE : Gender.FEMALE;
            int sequence = (i * 37) % 500;
            int orderCode = 2 * sequence + (gender == Gender.MALE ? 1 : 0);
            String number = Gb11643Reference.number(address, birthDate.format(BASIC), String.format("%03d", orderCode));
            cases.add(arguments(number, address, birthDate, gender, sequence));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("validNumbers")
    void acceptsNumbersBuiltByTheStandard(String number, String address, LocalDate birthDate, Gender gender, int sequence) {
        ResidentIdNumber.ParseResult result = ResidentIdNumber.parse(number, TODAY);

        assertThat(result.defect()).isEmpty();
        ResidentIdNumber parsed = result.number().orElseThrow();
        assertThat(parsed.value()).isEqualTo(number);
        assertThat(parsed.addressCode()).isEqualTo(address);
        assertThat(parsed.birthDate()).isEqualTo(birthDate);
        assertThat(parsed.gender()).isEqualTo(gender);
        assertThat(ResidentIdNumber.compose(address, birthDate, gender, sequence)).isEqualTo(parsed);
        StudentRecord record = SampleRecords.withPerson(SampleRecords.adult(), number, birthDate, gender);
        assertThat(VALIDATOR.validate(record)).isEmpty();
    }

    @Test
    void validCasesIncludeCheckCharacterXAndBothGendersAndLeapDays() {
        List<Arguments> cases = validNumbers().toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        assertThat(cases).anySatisfy(a -> assertThat((String) a.get()[0]).endsWith("X"));
        assertThat(cases).anySatisfy(a -> assertThat(a.get()[3]).isEqualTo(Gender.FEMALE));
        assertThat(cases).anySatisfy(a -> assertThat(a.get()[3]).isEqualTo(Gender.MALE));
        assertThat(cases).anySatisfy(a -> assertThat(((LocalDate) a.get()[2]).getDayOfMonth()).isEqualTo(29));
    }

    static Stream<String> numbersWithCheckCharacterX() {
        return validNumbers().map(a -> (String) a.get()[0]).filter(n -> n.endsWith("X"));
    }

    @ParameterizedTest
    @MethodSource("numbersWithCheckCharacterX")
    void acceptsLowerCaseXAndNormalisesIt(String number) {
        String lower = number.substring(0, 17) + "x";

        assertThat(ResidentIdNumber.parse(lower, TODAY).number().orElseThrow().value()).isEqualTo(number);
    }

    /** Invalid numbers: the text, the field the error must be on and the rule code. */
    static Stream<Arguments> invalidNumbers() {
        String id = "identity.residentIdNumber";
        List<Arguments> cases = new ArrayList<>();
        validNumbers().limit(12).forEach(a -> {
            String valid = (String) a.get()[0];
            cases.add(arguments("bad check character", Gb11643Reference.withWrongCheckCharacter(valid, cases.size()),
                    id, "resident-id.check-digit"));
        });
        for (String date : List.of("20230230", "20231301", "20230100", "20230000", "20230431", "19000229",
                "20230229", "20010229", "20150632", "19991200")) {
            cases.add(arguments("impossible date " + date, Gb11643Reference.number("110101", date, "123"),
                    id, "resident-id.birth-date-invalid"));
        }
        for (String date : List.of(TODAY.plusDays(1).format(BASIC), "20300101", "20991231", "99991231")) {
            cases.add(arguments("future date " + date, Gb11643Reference.number("440305", date, "456"),
                    id, "resident-id.birth-date-future"));
        }
        for (String date : List.of("18991231", "18000101")) {
            cases.add(arguments("date before 1900 " + date, Gb11643Reference.number("320102", date, "017"),
                    id, "resident-id.birth-date-too-early"));
        }
        for (String address : List.of("000000", "990101", "200101", "100101")) {
            cases.add(arguments("address prefix " + address, Gb11643Reference.number(address, "20040315", "042"),
                    id, "resident-id.address-code"));
        }
        String valid = SampleRecords.ADULT_ID;
        cases.add(arguments("17 characters", valid.substring(0, 17), id, "resident-id.length"));
        cases.add(arguments("19 characters", valid + "0", id, "resident-id.length"));
        cases.add(arguments("15 digits (old format)", valid.substring(0, 6) + valid.substring(8, 17), id, "resident-id.length"));
        cases.add(arguments("leading space", " " + valid, id, "resident-id.length"));
        cases.add(arguments("trailing space", valid + " ", id, "resident-id.length"));
        cases.add(arguments("letter in the body", valid.substring(0, 5) + "A" + valid.substring(6), id, "resident-id.characters"));
        cases.add(arguments("X in the middle", valid.substring(0, 9) + "X" + valid.substring(10), id, "resident-id.characters"));
        cases.add(arguments("x in the middle", valid.substring(0, 16) + "x" + valid.substring(17), id, "resident-id.characters"));
        cases.add(arguments("space in the middle", valid.substring(0, 8) + " " + valid.substring(9), id, "resident-id.characters"));
        cases.add(arguments("dash in the middle", valid.substring(0, 6) + "-" + valid.substring(7), id, "resident-id.characters"));
        cases.add(arguments("full-width digits", toFullWidth(valid), id, "resident-id.characters"));
        cases.add(arguments("full-width digit once", valid.substring(0, 3) + toFullWidth(valid.substring(3, 4)) + valid.substring(4),
                id, "resident-id.characters"));
        cases.add(arguments("Y as check character", valid.substring(0, 17) + "Y", id, "resident-id.characters"));
        cases.add(arguments("Arabic-Indic digits", valid.substring(0, 2) + "\u0661" + valid.substring(3), id, "resident-id.characters"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidNumbers")
    void refusesNumbersThatBreakTheStandard(String description, String number, String field, String rule) {
        assertThat(ResidentIdNumber.parse(number, TODAY).isValid()).isFalse();
        assertThat(ResidentIdNumber.parse(number, TODAY).defect().orElseThrow().rule()).isEqualTo(rule);
        StudentRecord record = SampleRecords.withResidentId(SampleRecords.adult(), number);

        assertThat(VALIDATOR.validate(record))
                .extracting(FieldError::field, FieldError::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(field, rule));
    }

    /** Valid numbers that disagree with the record's date of birth or gender. */
    static Stream<Arguments> inconsistentRecords() {
        List<Arguments> cases = new ArrayList<>();
        validNumbers().skip(12).limit(6).forEach(a -> {
            String number = (String) a.get()[0];
            LocalDate birthDate = (LocalDate) a.get()[2];
            Gender gender = (Gender) a.get()[3];
            cases.add(arguments("date of birth one day later", number, birthDate.plusDays(1), gender,
                    "identity.dateOfBirth", "resident-id.birth-date-mismatch"));
        });
        validNumbers().skip(20).limit(6).forEach(a -> {
            String number = (String) a.get()[0];
            LocalDate birthDate = (LocalDate) a.get()[2];
            Gender other = a.get()[3] == Gender.MALE ? Gender.FEMALE : Gender.MALE;
            cases.add(arguments("gender " + other, number, birthDate, other, "profile.gender", "resident-id.gender-mismatch"));
        });
        cases.add(arguments("day and month swapped", Gb11643Reference.number("110101", "20040503", "042"),
                LocalDate.of(2004, 3, 5), Gender.FEMALE, "identity.dateOfBirth", "resident-id.birth-date-mismatch"));
        cases.add(arguments("year off by a century", Gb11643Reference.number("110101", "19040315", "042"),
                LocalDate.of(2004, 3, 15), Gender.FEMALE, "identity.dateOfBirth", "resident-id.birth-date-mismatch"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inconsistentRecords")
    void refusesNumbersThatDisagreeWithTheRecord(String description, String number, LocalDate dateOfBirth,
            Gender gender, String field, String rule) {
        StudentRecord record = SampleRecords.withPerson(SampleRecords.adult(), number, dateOfBirth, gender);

        assertThat(VALIDATOR.validate(record))
                .extracting(FieldError::field, FieldError::rule)
                .contains(org.assertj.core.groups.Tuple.tuple(field, rule));
        assertThat(VALIDATOR.validate(record)).extracting(FieldError::rule)
                .doesNotContain("resident-id.check-digit", "resident-id.birth-date-invalid");
    }

    @Test
    void invalidCasesAreAtLeastFifty() {
        assertThat(invalidNumbers().count() + inconsistentRecords().count()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void reportsBothMismatchesAtOnce() {
        StudentRecord record = SampleRecords.withPerson(SampleRecords.adult(), SampleRecords.ADULT_ID,
                SampleRecords.ADULT_BIRTH_DATE.minusYears(1), Gender.MALE);

        assertThat(VALIDATOR.validate(record)).extracting(FieldError::field, FieldError::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("identity.dateOfBirth", "resident-id.birth-date-mismatch"),
                org.assertj.core.groups.Tuple.tuple("profile.gender", "resident-id.gender-mismatch"));
    }

    @Test
    void nullIsReportedAsWrongLength() {
        assertThat(ResidentIdNumber.parse(null, TODAY).defect()).contains(ResidentIdDefect.LENGTH);
    }

    @Test
    void hidesTheValueWhenPrinted() {
        ResidentIdNumber number = ResidentIdNumber.parse(SampleRecords.ADULT_ID, TODAY).number().orElseThrow();

        assertThat(number.toString()).doesNotContain(SampleRecords.ADULT_ID).doesNotContain("110101");
        assertThat(ResidentIdNumber.parse(SampleRecords.ADULT_ID + "1", TODAY).toString())
                .doesNotContain(SampleRecords.ADULT_ID);
    }

    @Test
    void composeRefusesArgumentsOutOfRange() {
        LocalDate date = LocalDate.of(2004, 3, 15);
        assertThatThrownBy(() -> ResidentIdNumber.compose("11010", date, Gender.MALE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResidentIdNumber.compose("990101", date, Gender.MALE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResidentIdNumber.compose("110101", LocalDate.of(1899, 12, 31), Gender.MALE, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResidentIdNumber.compose("110101", date, Gender.FEMALE, 500))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResidentIdNumber.compose("110101", date, Gender.FEMALE, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void composeEncodesGenderInTheOrderCodeParity() {
        LocalDate date = LocalDate.of(2004, 3, 15);
        for (int sequence : new int[] {0, 1, 250, 499}) {
            assertThat(ResidentIdNumber.compose("110101", date, Gender.MALE, sequence).gender()).isEqualTo(Gender.MALE);
            assertThat(ResidentIdNumber.compose("110101", date, Gender.FEMALE, sequence).gender()).isEqualTo(Gender.FEMALE);
        }
    }

    private static String toFullWidth(String ascii) {
        StringBuilder out = new StringBuilder();
        for (char c : ascii.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) (c - '0' + '\uFF10') : c);
        }
        return out.toString();
    }
}
