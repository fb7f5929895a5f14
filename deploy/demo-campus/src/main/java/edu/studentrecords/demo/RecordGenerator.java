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
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Random;

/**
 * The student record of a generated student: a valid resident ID number composed for a real county code and
 * the birth date, a mainland mobile number, an address in the native county, one guardian. Each record
 * depends only on the seed and the student, so records are the same in any order. Thread-safe.
 */
final class RecordGenerator {

    /** The school's time zone: the day a minor's age is counted on. */
    static final ZoneId SCHOOL_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String[] MOBILE_PREFIXES = {"135", "136", "138", "139", "150", "151", "186", "187", "199"};
    private static final String[] STREETS = {"人民路", "解放路", "中山路", "建设路", "和平街", "学府路", "长江路", "黄河路", "文化路", "光明街"};

    private final long seed;
    private final Clock clock;
    private final List<String> counties;

    RecordGenerator(long seed) {
        this(seed, Clock.system(SCHOOL_ZONE));
    }

    /**
     * A generator whose minors ({@link Campus#MINORS}) have their age on the day {@code clock} gives: their birth
     * dates follow the day of seeding, everyone else's only the seed.
     */
    RecordGenerator(long seed, Clock clock) {
        this.seed = seed;
        this.clock = clock;
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
        Optional<Campus.Minor> minor = Campus.minor(student.username());
        // A minor's next birthday is one to eleven months away, so the age holds for a while after seeding.
        LocalDate birth = minor.isPresent()
                ? LocalDate.now(clock).minusYears(minor.get().age()).minusDays(31 + random.nextInt(300))
                : LocalDate.of(year - 18 - random.nextInt(2), 1, 1).plusDays(random.nextInt(365));
        String county = counties.get(random.nextInt(counties.size()));
        String countyName = DivisionCodes.nameOf(county).orElseThrow();
        String residentId = ResidentIdNumber.compose(county, birth, gender, random.nextInt(500)).value();
        Profile profile = new Profile(student.studentNumber(), student.legalName(), gender, EnrolmentStatus.ENROLLED,
                student.studentUnit(), LocalDate.of(year, 9, 1), null);
        Identity identity = new Identity(residentId, birth, new NativePlace(county, countyName));
        String address = countyName + STREETS[random.nextInt(STREETS.length)] + (1 + random.nextInt(300)) + "号";
        Contact contact = new Contact(mobile(random), student.email(), address);
        String guardianName = GeneratedNames.next(random).fullName();
        Relationship relationship = random.nextBoolean() ? Relationship.FATHER : Relationship.MOTHER;
        if (minor.isPresent()) {
            guardianName = parentName(minor.get().guardian());
            relationship = minor.get().relationship();
        }
        Guardian guardian = new Guardian(guardianName, relationship, mobile(random), true);
        return new StudentRecord(profile, identity, contact, List.of(guardian));
    }

    /** "Grace Guardian" for {@code grace.guardian}: the name the demo account of the parent has. */
    private static String parentName(String username) {
        return Arrays.stream(username.split("\\.")).map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining(" "));
    }

    private static String mobile(Random random) {
        return MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + String.format("%08d", random.nextInt(100_000_000));
    }
}
