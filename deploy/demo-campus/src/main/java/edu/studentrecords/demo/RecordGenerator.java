package edu.studentrecords.demo;

import edu.studentrecords.store.model.Contact;
import edu.studentrecords.store.model.EnrolmentStatus;
import edu.studentrecords.store.model.Gender;
import edu.studentrecords.store.model.Guardian;
import edu.studentrecords.store.model.Identity;
import edu.studentrecords.store.model.NativePlace;
import edu.studentrecords.store.model.Profile;
import edu.studentrecords.store.model.Relationship;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.validation.DivisionCodes;
import edu.studentrecords.store.validation.ResidentIdNumber;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * The student record of a generated student: a valid resident ID number composed for a real county code and
 * the birth date, a mainland mobile number, an address in the native county, one guardian. Each record
 * depends only on the seed and the student, so records are the same in any order. Thread-safe.
 */
final class RecordGenerator {

    private static final String[] MOBILE_PREFIXES = {"135", "136", "138", "139", "150", "151", "186", "187", "199"};
    private static final String[] STREETS = {"人民路", "解放路", "中山路", "建设路", "和平街", "学府路", "长江路", "黄河路", "文化路", "光明街"};

    private final long seed;
    private final List<String> counties;

    RecordGenerator(long seed) {
        this.seed = seed;
        this.counties = DivisionCodes.all().keySet().stream().filter(code -> !code.endsWith("00")).toList();
    }

    /** The record of a student of the campus. */
    StudentRecord recordFor(Person student) {
        if (!student.isStudent()) {
            throw new IllegalArgumentException("not a student");
        }
        Random random = new Random(seed * 1_000_003L + student.studentNumber().hashCode());
        int year = CampusUnits.enrolmentYear(student.studentUnit());
        Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
        LocalDate birth = LocalDate.of(year - 18 - random.nextInt(2), 1, 1).plusDays(random.nextInt(365));
        String county = counties.get(random.nextInt(counties.size()));
        String countyName = DivisionCodes.nameOf(county).orElseThrow();
        String residentId = ResidentIdNumber.compose(county, birth, gender, random.nextInt(500)).value();
        Profile profile = new Profile(student.studentNumber(), student.legalName(), gender, EnrolmentStatus.ENROLLED,
                student.studentUnit(), LocalDate.of(year, 9, 1), null);
        Identity identity = new Identity(residentId, birth, new NativePlace(county, countyName));
        String address = countyName + STREETS[random.nextInt(STREETS.length)] + (1 + random.nextInt(300)) + "号";
        Contact contact = new Contact(mobile(random), student.email(), address);
        Guardian guardian = new Guardian(GeneratedNames.next(random).fullName(),
                random.nextBoolean() ? Relationship.FATHER : Relationship.MOTHER, mobile(random), true);
        return new StudentRecord(profile, identity, contact, List.of(guardian));
    }

    private static String mobile(Random random) {
        return MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + String.format("%08d", random.nextInt(100_000_000));
    }
}
