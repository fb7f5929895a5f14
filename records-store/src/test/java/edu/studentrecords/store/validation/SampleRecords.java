package edu.studentrecords.store.validation;

import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.model.Gender;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.NativePlace;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.Relationship;
import edu.studentrecords.store.model.StudentRecord;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Generated, fictitious records for tests, valid on {@link #TODAY}, and ways to change one part. */
final class SampleRecords {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.of(2026, 9, 1);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(9, 30).atZone(ZONE).toInstant(), ZONE);

    static final LocalDate ADULT_BIRTH_DATE = LocalDate.of(2004, 3, 15);
    /** Female (order code 042 is even), born {@link #ADULT_BIRTH_DATE}, issued in 110101. */
    static final String ADULT_ID = Gb11643Reference.number("110101", "20040315", "042");

    private SampleRecords() {
    }

    static StudentRecord adult() {
        return new StudentRecord(
                new Profile("S2026-0001", "测试学生甲", Gender.FEMALE, EnrolmentStatus.ENROLLED,
                        "engineering/cs/2026-1", LocalDate.of(2026, 9, 1), null),
                new Identity(ADULT_ID, ADULT_BIRTH_DATE, new NativePlace("310115", "浦东新区")),
                new Contact("138 0000 0001", "student0001@example.edu.cn", "测试路 1 号"),
                List.of(guardian("139-0000-0002", true)));
    }

    static Guardian guardian(String phone, boolean emergencyContact) {
        return new Guardian("测试家长", Relationship.MOTHER, phone, emergencyContact);
    }

    static StudentRecord withProfile(StudentRecord r, Profile profile) {
        return new StudentRecord(profile, r.identity(), r.contact(), r.guardians());
    }

    static StudentRecord withIdentity(StudentRecord r, Identity identity) {
        return new StudentRecord(r.profile(), identity, r.contact(), r.guardians());
    }

    static StudentRecord withContact(StudentRecord r, Contact contact) {
        return new StudentRecord(r.profile(), r.identity(), contact, r.guardians());
    }

    static StudentRecord withGuardians(StudentRecord r, List<Guardian> guardians) {
        return new StudentRecord(r.profile(), r.identity(), r.contact(), guardians);
    }

    static StudentRecord withGender(StudentRecord r, Gender gender) {
        Profile p = r.profile();
        return withProfile(r, new Profile(p.studentNumber(), p.name(), gender, p.status(), p.unit(),
                p.enrolmentDate(), p.leavingDate()));
    }

    static StudentRecord withResidentId(StudentRecord r, String residentIdNumber) {
        Identity i = r.identity();
        return withIdentity(r, new Identity(residentIdNumber, i.dateOfBirth(), i.nativePlace()));
    }

    /** The record with a new resident ID number, date of birth and gender that agree with each other. */
    static StudentRecord withPerson(StudentRecord r, String residentIdNumber, LocalDate dateOfBirth, Gender gender) {
        Identity i = r.identity();
        return withGender(withIdentity(r, new Identity(residentIdNumber, dateOfBirth, i.nativePlace())), gender);
    }

    static StudentRecord withNativePlace(StudentRecord r, String code, String name) {
        Identity i = r.identity();
        return withIdentity(r, new Identity(i.residentIdNumber(), i.dateOfBirth(), new NativePlace(code, name)));
    }

    static StudentRecord withMobilePhone(StudentRecord r, String phone) {
        Contact c = r.contact();
        return withContact(r, new Contact(phone, c.email(), c.homeAddress()));
    }
}
