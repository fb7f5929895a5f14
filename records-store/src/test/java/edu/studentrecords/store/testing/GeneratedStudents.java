package edu.studentrecords.store.testing;

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
 * Generated, valid student records: nothing here belongs to a real person. Deterministic for a seed.
 */
public final class GeneratedStudents {

    private static final String[] SURNAMES = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
        "超", "秀", "霞", "平", "刚", "桂", "英", "华", "慧", "鑫", "宇", "浩", "欣", "悦"};
    private static final String[] STREETS = {"人民路", "解放路", "中山路", "建设路", "和平街", "学府路", "长江路", "黄河路"};
    private static final String[] UNITS = {"science/physics/2024-1", "science/physics/2024-2", "science/chemistry/2024-1",
        "arts/history/2023-1", "arts/literature/2024-1", "engineering/software/2022-1"};
    private static final String[] MOBILE_PREFIXES = {"138", "139", "150", "151", "186", "187", "135", "136"};

    private final long seed;
    private final Random random;
    private final List<String> counties;
    private int serial;

    public GeneratedStudents(long seed) {
        this.seed = Math.abs(seed);
        this.random = new Random(seed);
        this.counties = DivisionCodes.all().keySet().stream().filter(c -> !c.endsWith("00")).toList();
    }

    /** A valid record of an adult student (19 to 24 years old on {@code today}), with one guardian. */
    public StudentRecord next(LocalDate today) {
        serial++;
        Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
        LocalDate birth = today.minusYears(19 + random.nextInt(6)).minusDays(random.nextInt(365));
        String county = counties.get(random.nextInt(counties.size()));
        String residentId = ResidentIdNumber.compose(county, birth, gender, random.nextInt(500)).value();
        String studentNumber = String.format("S%03d%07d", seed % 1000, serial);
        Profile profile = new Profile(studentNumber, name(), gender, EnrolmentStatus.ENROLLED,
                UNITS[random.nextInt(UNITS.length)], today.minusYears(1), null);
        Identity identity = new Identity(residentId, birth, new NativePlace(county, null));
        Contact contact = new Contact(mobile(), "s" + serial + "@students.example.edu",
                (1 + random.nextInt(300)) + "号 " + STREETS[random.nextInt(STREETS.length)]);
        Guardian guardian = new Guardian(name(), random.nextBoolean() ? Relationship.FATHER : Relationship.MOTHER, mobile(), true);
        return new StudentRecord(profile, identity, contact, List.of(guardian));
    }

    /** A record in a given unit. */
    public StudentRecord nextIn(String unit, LocalDate today) {
        StudentRecord r = next(today);
        Profile p = r.profile();
        return new StudentRecord(new Profile(p.studentNumber(), p.name(), p.gender(), p.status(), unit, p.enrolmentDate(),
                p.leavingDate()), r.identity(), r.contact(), r.guardians());
    }

    private String name() {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
    }

    private String mobile() {
        return MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + String.format("%08d", random.nextInt(100_000_000));
    }
}
