package edu.studentrecords.store.validation;

import static edu.studentrecords.store.validation.SampleRecords.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import edu.studentrecords.store.model.Gender;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.StudentRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GuardiansForMinorsTest {

    private static final RecordValidator VALIDATOR = new RecordValidator(SampleRecords.CLOCK);

    @AfterAll
    static void closeValidator() {
        VALIDATOR.close();
    }

    /** A record of a female student born on {@code birthDate} with the given guardians. */
    private static StudentRecord bornOn(LocalDate birthDate, List<Guardian> guardians) {
        String id = Gb11643Reference.number("440305", birthDate.format(DateTimeFormatter.BASIC_ISO_DATE), "208");
        StudentRecord record = SampleRecords.withPerson(SampleRecords.adult(), id, birthDate, Gender.FEMALE);
        return SampleRecords.withGuardians(record, guardians);
    }

    static Stream<Arguments> studentsWithoutGuardians() {
        return Stream.of(
                arguments("born today", TODAY, false),
                arguments("aged 14", TODAY.minusYears(14), false),
                arguments("day before the 18th birthday", TODAY.minusYears(18).plusDays(1), false),
                arguments("on the 18th birthday", TODAY.minusYears(18), true),
                arguments("day after the 18th birthday", TODAY.minusYears(18).minusDays(1), true),
                arguments("aged 30", TODAY.minusYears(30), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("studentsWithoutGuardians")
    void requiresAGuardianUntilThe18thBirthday(String description, LocalDate birthDate, boolean accepted) {
        List<FieldError> errors = VALIDATOR.validate(bornOn(birthDate, List.of()));

        if (accepted) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).extracting(FieldError::field, FieldError::rule)
                    .containsExactly(tuple("guardians", "guardians.required-for-minor"));
        }
    }

    @Test
    void acceptsAMinorWithAnEmergencyContact() {
        StudentRecord record = bornOn(TODAY.minusYears(15), List.of(
                SampleRecords.guardian("139 0000 0002", false), SampleRecords.guardian("139 0000 0003", true)));

        assertThat(VALIDATOR.validate(record)).isEmpty();
    }

    @Test
    void requiresAnEmergencyContactAmongAMinorsGuardians() {
        StudentRecord record = bornOn(TODAY.minusYears(15), List.of(
                SampleRecords.guardian("139 0000 0002", false), SampleRecords.guardian("139 0000 0003", false)));

        assertThat(VALIDATOR.validate(record)).extracting(FieldError::field, FieldError::rule)
                .containsExactly(tuple("guardians", "guardians.emergency-contact-required"));
    }

    @Test
    void letsAnAdultListGuardiansWithoutAnEmergencyContact() {
        StudentRecord record = bornOn(TODAY.minusYears(20), List.of(SampleRecords.guardian("139 0000 0002", false)));

        assertThat(VALIDATOR.validate(record)).isEmpty();
    }

    @Test
    void studentBornOnALeapDayComesOfAgeOnTheFirstOfMarch() {
        LocalDate leapDay = LocalDate.of(2008, 2, 29);
        StudentRecord record = bornOn(leapDay, List.of());
        Clock lastOfFebruary = clockOn(LocalDate.of(2026, 2, 28));
        Clock firstOfMarch = clockOn(LocalDate.of(2026, 3, 1));

        try (RecordValidator february = new RecordValidator(lastOfFebruary);
             RecordValidator march = new RecordValidator(firstOfMarch)) {
            assertThat(february.validate(record)).extracting(FieldError::rule)
                    .containsExactly("guardians.required-for-minor");
            assertThat(march.validate(record)).isEmpty();
        }
    }

    @Test
    void theClockDecidesWhoIsAMinor() {
        StudentRecord record = bornOn(LocalDate.of(2010, 5, 20), List.of());

        try (RecordValidator in2027 = new RecordValidator(clockOn(LocalDate.of(2027, 1, 1)));
             RecordValidator in2029 = new RecordValidator(clockOn(LocalDate.of(2029, 1, 1)))) {
            assertThat(in2027.validate(record)).extracting(FieldError::rule).containsExactly("guardians.required-for-minor");
            assertThat(in2029.validate(record)).isEmpty();
        }
    }

    private static Clock clockOn(LocalDate date) {
        return Clock.fixed(date.atTime(0, 5).atZone(SampleRecords.ZONE).toInstant(), SampleRecords.ZONE);
    }
}
