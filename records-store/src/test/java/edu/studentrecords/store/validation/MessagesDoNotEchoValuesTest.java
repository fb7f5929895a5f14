package edu.studentrecords.store.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.Gender;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.Relationship;
import edu.studentrecords.store.model.StudentRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every constraint, fed a canary value that breaks it: the error must name the rule, and no message in
 * any language may contain the canary or any six-character piece of it.
 */
class MessagesDoNotEchoValuesTest {

    private static final RecordValidator VALIDATOR = new RecordValidator(SampleRecords.CLOCK);
    private static final String VALID_ID = SampleRecords.ADULT_ID;

    @AfterAll
    static void closeValidator() {
        VALIDATOR.close();
    }

    private static Arguments canary(String rule, String canary, StudentRecord record) {
        return arguments(rule, canary, record);
    }

    private static StudentRecord adult() {
        return SampleRecords.adult();
    }

    private static StudentRecord withProfile(String studentNumber, String name, String unit) {
        Profile p = adult().profile();
        return SampleRecords.withProfile(adult(),
                new Profile(studentNumber, name, p.gender(), p.status(), unit, p.enrolmentDate(), p.leavingDate()));
    }

    private static StudentRecord withContact(String phone, String email, String homeAddress) {
        return SampleRecords.withContact(adult(), new Contact(phone, email, homeAddress));
    }

    private static StudentRecord withGuardian(String name, String phone) {
        return SampleRecords.withGuardians(adult(), List.of(new Guardian(name, Relationship.FATHER, phone, true)));
    }

    static Stream<Arguments> canaries() {
        String wrongCheck = Gb11643Reference.withWrongCheckCharacter(VALID_ID, 3);
        String feb30 = Gb11643Reference.number("110101", "20040230", "042");
        String future = Gb11643Reference.number("110101", "20990315", "042");
        String early = Gb11643Reference.number("110101", "18990315", "042");
        String badPrefix = Gb11643Reference.number("990101", "20040315", "042");
        LocalDate otherBirthDate = LocalDate.of(2004, 3, 16);
        return Stream.of(
                canary("resident-id.length", "110101CANARY", SampleRecords.withResidentId(adult(), "110101CANARY")),
                canary("resident-id.characters", "11010120040CANARY", SampleRecords.withResidentId(adult(), "11010120040CANARY0")),
                canary("resident-id.check-digit", wrongCheck, SampleRecords.withResidentId(adult(), wrongCheck)),
                canary("resident-id.address-code", badPrefix, SampleRecords.withResidentId(adult(), badPrefix)),
                canary("resident-id.birth-date-invalid", feb30, SampleRecords.withResidentId(adult(), feb30)),
                canary("resident-id.birth-date-future", future, SampleRecords.withResidentId(adult(), future)),
                canary("resident-id.birth-date-too-early", early, SampleRecords.withResidentId(adult(), early)),
                canary("resident-id.birth-date-mismatch", "2004-03-16",
                        SampleRecords.withIdentity(adult(), new Identity(VALID_ID, otherBirthDate, adult().identity().nativePlace()))),
                canary("resident-id.gender-mismatch", "MALE", SampleRecords.withGender(adult(), Gender.MALE)),
                canary("division-code.format", "CANARY", SampleRecords.withNativePlace(adult(), "CANARY", null)),
                canary("division-code.unknown", "987654", SampleRecords.withNativePlace(adult(), "987654", null)),
                canary("division-code.name-mismatch", "金丝雀测试区", SampleRecords.withNativePlace(adult(), "110101", "金丝雀测试区")),
                canary("phone.invalid", "13900CANARY", withContact("13900CANARY", null, "测试路 1 号")),
                canary("phone.not-mobile", "010-6123 4567", withContact("010-6123 4567", null, "测试路 1 号")),
                canary("phone.invalid", "+44 7700 CANARY", withGuardian("测试家长", "+44 7700 CANARY")),
                canary("email.invalid", "canary-mailbox", withContact("138 0000 0001", "canary-mailbox", "测试路 1 号")),
                canary("too-long", "金丝雀路".repeat(60), withContact("138 0000 0001", null, "金丝雀路".repeat(60))),
                canary("too-long", "金丝雀名".repeat(20), withProfile("S2026-0001", "金丝雀名".repeat(20), "engineering")),
                canary("too-long", "金丝雀家长".repeat(20), withGuardian("金丝雀家长".repeat(20), "139 0000 0002")),
                canary("format", "CANARY!NUMBER", withProfile("CANARY!NUMBER", "测试", "engineering")),
                canary("unit.format", "canary unit", withProfile("S2026-0001", "测试", "canary unit")),
                canary("guardians.required-for-minor", "2015-06-01", minorWithout(LocalDate.of(2015, 6, 1))),
                canary("plain-text", "金丝雀\u202e名字", withProfile("S2026-0001", "金丝雀\u202e名字", "engineering")),
                canary("plain-text", "Canary\u0000Road", withContact("138 0000 0001", null, "Canary\u0000Road")),
                canary("one-line", "Canary\nParent", withGuardian("Canary\nParent", "139 0000 0002")));
    }

    private static StudentRecord minorWithout(LocalDate birthDate) {
        String id = Gb11643Reference.number("110101", birthDate.toString().replace("-", ""), "042");
        return SampleRecords.withGuardians(SampleRecords.withPerson(adult(), id, birthDate, Gender.FEMALE), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canaries")
    void noMessageContainsTheRejectedValue(String rule, String canary, StudentRecord record) {
        for (Locale locale : List.of(Locale.ROOT, Locale.SIMPLIFIED_CHINESE)) {
            List<FieldError> errors = VALIDATOR.validate(record, locale);

            assertThat(errors).extracting(FieldError::rule).contains(rule);
            for (FieldError error : errors) {
                assertThat(error.message()).doesNotContainIgnoringCase(canary);
                for (int i = 0; i + 6 <= canary.length(); i++) {
                    assertThat(error.message()).doesNotContain(canary.substring(i, i + 6));
                }
                assertThat(error.toString()).doesNotContain(canary);
            }
        }
    }

    @Test
    void everyRuleOfThisPackageHasACanary() {
        List<String> covered = canaries().map(a -> (String) a.get()[0]).toList();

        assertThat(covered).containsAll(Stream.of(ResidentIdDefect.values()).map(ResidentIdDefect::rule).toList());
        assertThat(covered).contains("resident-id.birth-date-mismatch", "resident-id.gender-mismatch",
                "division-code.format", "division-code.unknown", "division-code.name-mismatch",
                "phone.invalid", "phone.not-mobile", "email.invalid", "too-long", "format",
                "guardians.required-for-minor", "plain-text", "one-line");
    }
}
