package edu.studentrecords.store.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.StudentRecord;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordValidatorTest {

    private static final RecordValidator VALIDATOR = new RecordValidator(SampleRecords.CLOCK);

    @AfterAll
    static void closeValidator() {
        VALIDATOR.close();
    }

    @Test
    void acceptsTheSampleRecord() {
        assertThat(VALIDATOR.validate(SampleRecords.adult())).isEmpty();
    }

    private static Profile profile(String studentNumber, String name, String unit) {
        Profile p = SampleRecords.adult().profile();
        return new Profile(studentNumber, name, p.gender(), p.status(), unit, p.enrolmentDate(), p.leavingDate());
    }

    private static Contact contact(String email, String homeAddress) {
        Contact c = SampleRecords.adult().contact();
        return new Contact(c.mobilePhone(), email, homeAddress);
    }

    static Stream<Arguments> fieldRules() {
        String unit = "engineering/cs/2026-1";
        return Stream.of(
                arguments("profile missing", change(r -> SampleRecords.withProfile(r, null)), "profile", "required"),
                arguments("identity missing", change(r -> SampleRecords.withIdentity(r, null)), "identity", "required"),
                arguments("contact missing", change(r -> SampleRecords.withContact(r, null)), "contact", "required"),
                arguments("guardians missing", change(r -> SampleRecords.withGuardians(r, null)), "guardians", "required"),
                arguments("student number blank", change(r -> SampleRecords.withProfile(r, profile("", "测试", unit))),
                        "profile.studentNumber", "required"),
                arguments("student number too short", change(r -> SampleRecords.withProfile(r, profile("S1", "测试", unit))),
                        "profile.studentNumber", "format"),
                arguments("student number with a space", change(r -> SampleRecords.withProfile(r, profile("S 2026", "测试", unit))),
                        "profile.studentNumber", "format"),
                arguments("name blank", change(r -> SampleRecords.withProfile(r, profile("S2026-0001", " ", unit))),
                        "profile.name", "required"),
                arguments("name too long", change(r -> SampleRecords.withProfile(r, profile("S2026-0001", "名".repeat(65), unit))),
                        "profile.name", "too-long"),
                arguments("unit with an empty segment", change(r -> SampleRecords.withProfile(r, profile("S2026-0001", "测试", "a//b"))),
                        "profile.unit", "unit.format"),
                arguments("unit with a dot-dot segment", change(r -> SampleRecords.withProfile(r,
                        profile("S2026-0001", "测试", "science/../physics"))), "profile.unit", "unit.format"),
                arguments("unit with a dot segment", change(r -> SampleRecords.withProfile(r,
                        profile("S2026-0001", "测试", "science/./physics"))), "profile.unit", "unit.format"),
                arguments("unit that is every unit", change(r -> SampleRecords.withProfile(r, profile("S2026-0001", "测试", "*"))),
                        "profile.unit", "unit.format"),
                arguments("leaving before enrolling", change(r -> SampleRecords.withProfile(r, new Profile("S2026-0001", "测试",
                        r.profile().gender(), r.profile().status(), unit, r.profile().enrolmentDate(),
                        r.profile().enrolmentDate().minusDays(1)))), "profile.leavingDate", "leaving-date.before-enrolment"),
                arguments("date of birth missing", change(r -> SampleRecords.withIdentity(r,
                        new Identity(SampleRecords.ADULT_ID, null, r.identity().nativePlace()))), "identity.dateOfBirth", "required"),
                arguments("resident ID blank", change(r -> SampleRecords.withResidentId(r, "")),
                        "identity.residentIdNumber", "required"),
                arguments("native place missing", change(r -> SampleRecords.withIdentity(r,
                        new Identity(SampleRecords.ADULT_ID, SampleRecords.ADULT_BIRTH_DATE, null))), "identity.nativePlace", "required"),
                arguments("email without domain", change(r -> SampleRecords.withContact(r, contact("student", "测试路 1 号"))),
                        "contact.email", "email.invalid"),
                arguments("email without top-level domain", change(r -> SampleRecords.withContact(r, contact("student@localhost", "测试路 1 号"))),
                        "contact.email", "email.invalid"),
                arguments("home address blank", change(r -> SampleRecords.withContact(r, contact(null, ""))),
                        "contact.homeAddress", "required"),
                arguments("home address too long", change(r -> SampleRecords.withContact(r, contact(null, "路".repeat(201)))),
                        "contact.homeAddress", "too-long"),
                arguments("eleven guardians", change(r -> SampleRecords.withGuardians(r,
                        Collections.nCopies(11, SampleRecords.guardian("139 0000 0002", true)))), "guardians", "too-many"),
                arguments("guardian name blank", change(r -> SampleRecords.withGuardians(r,
                        List.of(new Guardian("", SampleRecords.guardian("139 0000 0002", true).relationship(), "139 0000 0002", true)))),
                        "guardians[0].name", "required"),
                arguments("guardian relationship missing", change(r -> SampleRecords.withGuardians(r,
                        List.of(new Guardian("测试家长", null, "139 0000 0002", true)))), "guardians[0].relationship", "required"),
                arguments("guardian phone blank", change(r -> SampleRecords.withGuardians(r,
                        List.of(SampleRecords.guardian("139 0000 0002", true), SampleRecords.guardian("", false)))),
                        "guardians[1].phone", "required"));
    }

    private static UnaryOperator<StudentRecord> change(UnaryOperator<StudentRecord> change) {
        return change;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldRules")
    void reportsFieldAndRule(String description, UnaryOperator<StudentRecord> change, String field, String rule) {
        List<FieldError> errors = VALIDATOR.validate(change.apply(SampleRecords.adult()));

        assertThat(errors).extracting(FieldError::field, FieldError::rule).containsExactly(tuple(field, rule));
        assertThat(errors.get(0).message()).isNotBlank().doesNotContain("{");
    }

    @Test
    void reportsATooLongNativePlaceNameAlsoAsNotTheCodesName() {
        StudentRecord record = SampleRecords.withNativePlace(SampleRecords.adult(), "110101", "区".repeat(101));

        assertThat(VALIDATOR.validate(record)).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("identity.nativePlace.name", "division-code.name-mismatch"),
                tuple("identity.nativePlace.name", "too-long"));
    }

    @Test
    void acceptsOptionalFieldsLeftOut() {
        StudentRecord record = SampleRecords.withContact(SampleRecords.adult(), contact(null, "测试路 1 号"));

        assertThat(VALIDATOR.validate(SampleRecords.withNativePlace(record, "110101", null))).isEmpty();
    }

    @Test
    void sizeMessagesNameTheLimit() {
        StudentRecord record = SampleRecords.withProfile(SampleRecords.adult(),
                profile("S2026-0001", "名".repeat(65), "engineering"));

        assertThat(VALIDATOR.validate(record)).extracting(FieldError::message)
                .containsExactly("must be at most 64 characters long");
    }

    @Test
    void sortsErrorsByFieldThenRule() {
        StudentRecord record = new StudentRecord(
                profile("S1", "", "engineering"),
                new Identity("110101", null, null),
                new Contact("12345", "student", ""),
                List.of(SampleRecords.guardian("12345", true)));

        assertThat(VALIDATOR.validate(record)).extracting(FieldError::field, FieldError::rule).containsExactly(
                tuple("contact.email", "email.invalid"),
                tuple("contact.homeAddress", "required"),
                tuple("contact.mobilePhone", "phone.invalid"),
                tuple("guardians[0].phone", "phone.invalid"),
                tuple("identity.dateOfBirth", "required"),
                tuple("identity.nativePlace", "required"),
                tuple("identity.residentIdNumber", "resident-id.length"),
                tuple("profile.name", "required"),
                tuple("profile.studentNumber", "format"));
    }

    @Test
    void givesSimplifiedChineseMessagesOnRequest() {
        StudentRecord record = SampleRecords.withMobilePhone(SampleRecords.adult(), "12345");

        assertThat(VALIDATOR.validate(record, Locale.SIMPLIFIED_CHINESE)).extracting(FieldError::rule, FieldError::message)
                .containsExactly(tuple("phone.invalid", "必须是中国大陆手机号码或以 + 开头的国际号码"));
        assertThat(VALIDATOR.validate(record, Locale.FRENCH)).extracting(FieldError::message)
                .containsExactly("must be a mainland China mobile number or an international number starting with +");
    }

    @Test
    void givesEnglishByDefaultWhateverTheServersLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
        try {
            StudentRecord record = SampleRecords.withMobilePhone(SampleRecords.adult(), "12345");
            assertThat(VALIDATOR.validate(record)).extracting(FieldError::message)
                    .containsExactly("must be a mainland China mobile number or an international number starting with +");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void everyRuleHasAMessageInEveryLanguage() {
        ResourceBundle english = ResourceBundle.getBundle("edu.studentrecords.store.validation.ValidationMessages", Locale.ROOT);
        ResourceBundle chinese = ResourceBundle.getBundle("edu.studentrecords.store.validation.ValidationMessages",
                Locale.SIMPLIFIED_CHINESE);

        assertThat(chinese.getLocale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(english.keySet()).containsAll(Stream.of(ResidentIdDefect.values()).map(ResidentIdDefect::rule).toList());
        assertThat(english.keySet()).contains("phone.invalid", "phone.not-mobile", "division-code.format",
                "division-code.unknown", "division-code.name-mismatch", "resident-id.birth-date-mismatch",
                "resident-id.gender-mismatch", "guardians.required-for-minor", "guardians.emergency-contact-required",
                "required", "too-long", "too-many", "format", "email.invalid", "invalid");
        for (String key : english.keySet()) {
            assertThat(chinese.getString(key)).as(key).isNotEqualTo(english.getString(key));
        }
    }

    @Test
    void refusesNullArguments() {
        assertThatThrownBy(() -> VALIDATOR.validate(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RecordValidator(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void isSafeToShareBetweenThreads() {
        List<StudentRecord> records = Stream.iterate(0, i -> i + 1).limit(200)
                .map(i -> i % 2 == 0 ? SampleRecords.adult() : SampleRecords.withMobilePhone(SampleRecords.adult(), "12345"))
                .toList();

        List<Integer> counts = records.parallelStream().map(r -> VALIDATOR.validate(r).size()).toList();

        assertThat(counts).containsOnly(0, 1);
        assertThat(counts.stream().filter(c -> c == 1)).hasSize(100);
    }
}
