package edu.studentrecords.demo;

import edu.studentrecords.store.access.RealmRole;
import edu.studentrecords.store.model.Relationship;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The demo campus: every person of the realm {@code campus}, generated from a seed. The same seed and size
 * always give the same people with the same user ids, so the realm file and the records agree without
 * talking to each other. Immutable.
 *
 * <p>Fixed accounts: {@code alice.student} and {@code bob.student} (students in two classes of different
 * faculties), {@code carol.teacher} (staff of Alice's class only), {@code dave.registrar} and
 * {@code erin.registrar} (the information management centre), {@code sam.supervisor} (supervision); one
 * teacher per class; then the generated students, spread over the classes. Besides them, the minors
 * {@code mia.student} (12) and {@code leo.student} (16) in Alice's class and their parents {@code grace.guardian} and
 * {@code henry.guardian} ({@link #MINORS}).
 */
final class Campus {

    /** The seed of the demo the run command uses. */
    static final long DEFAULT_SEED = 20240901L;
    /** How many generated students the demo has besides Alice and Bob. */
    static final int DEFAULT_STUDENTS = 1200;
    /** The domain of every generated address: reserved for examples, never delivered. */
    static final String STUDENT_DOMAIN = "students.example.edu";
    static final String STAFF_DOMAIN = "staff.example.edu";
    static final String FAMILY_DOMAIN = "families.example.edu";
    /** The serial of Mia's student number (Leo's is the next): far above any generated student's. */
    private static final int MINOR_SERIAL = 90_001;

    private final long seed;
    private final List<Person> people;

    private Campus(long seed, List<Person> people) {
        this.seed = seed;
        this.people = Collections.unmodifiableList(people);
    }

    /**
     * Generates the campus.
     *
     * @param seed     fixes every generated value
     * @param students how many students to generate besides Alice and Bob; at least 0
     */
    static Campus generate(long seed, int students) {
        if (students < 0) {
            throw new IllegalArgumentException("students must not be negative");
        }
        Random random = new Random(seed);
        List<Person> people = new ArrayList<>();
        int[] serial = {0};
        people.add(student(seed, "alice.student", "Alice", "Student", "Alice Student", CampusUnits.ALICE_CLASS, ++serial[0]));
        people.add(student(seed, "bob.student", "Bob", "Student", "Bob Student", CampusUnits.BOB_CLASS, ++serial[0]));
        // Two minors and the parents linked to them, with numbers of their own, so that every generated student keeps
        // their number, and the last student enrolled is still the last generated one.
        people.add(student(seed, "mia.student", "Mia", "Student", "Mia Student", CampusUnits.ALICE_CLASS, MINOR_SERIAL));
        people.add(student(seed, "leo.student", "Leo", "Student", "Leo Student", CampusUnits.ALICE_CLASS,
                MINOR_SERIAL + 1));
        people.add(guardian(seed, "grace.guardian", "Grace", "Guardian", "Grace Guardian"));
        people.add(guardian(seed, "henry.guardian", "Henry", "Guardian", "Henry Guardian"));
        people.add(staff(seed, "carol.teacher", "Carol", "Teacher", "Carol Teacher", RealmRole.STAFF, List.of(CampusUnits.ALICE_CLASS)));
        people.add(staff(seed, "dave.registrar", "Dave", "Registrar", "Dave Registrar", RealmRole.ADMIN, List.of()));
        people.add(staff(seed, "erin.registrar", "Erin", "Registrar", "Erin Registrar", RealmRole.ADMIN, List.of()));
        people.add(staff(seed, "sam.supervisor", "Sam", "Supervisor", "Sam Supervisor", RealmRole.SUPERVISOR, List.of()));
        for (String unit : CampusUnits.CLASSES) {
            GeneratedNames.Name name = GeneratedNames.next(random);
            String username = "teacher." + unit.replace('/', '-');
            people.add(staff(seed, username, name.given(), name.family(), name.fullName(), RealmRole.STAFF, List.of(unit)));
        }
        for (int i = 0; i < students; i++) {
            GeneratedNames.Name name = GeneratedNames.next(random);
            String unit = CampusUnits.CLASSES.get(i % CampusUnits.CLASSES.size());
            int number = ++serial[0];
            String username = (name.givenLatin() + "." + name.familyLatin()).toLowerCase(Locale.ROOT)
                    + "." + String.format("%05d", number);
            people.add(student(seed, username, name.given(), name.family(), name.fullName(), unit, number));
        }
        return new Campus(seed, people);
    }

    /**
     * A minor of the demo: a student whose age on the day the campus is seeded is fixed, and the parent linked to
     * the first guardian entry of the record.
     *
     * @param student      the student's username
     * @param age          the age in whole years on the day of seeding
     * @param guardian     the username of the guardian account linked to the record
     * @param relationship how the guardian is related to the student, as the record's guardian entry says
     */
    record Minor(String student, int age, String guardian, Relationship relationship) {
    }

    /** Mia (12, consents are her mother's) and Leo (16, he consents himself), both in Alice's class. */
    static final List<Minor> MINORS = List.of(
            new Minor("mia.student", 12, "grace.guardian", Relationship.MOTHER),
            new Minor("leo.student", 16, "henry.guardian", Relationship.FATHER));

    /** The minor {@code username} is, if any. */
    static Optional<Minor> minor(String username) {
        return MINORS.stream().filter(m -> m.student().equals(username)).findFirst();
    }

    long seed() {
        return seed;
    }

    /** Everyone, fixed accounts first, in a fixed order. */
    List<Person> people() {
        return people;
    }

    /** The students, in enrolment order. */
    List<Person> students() {
        return people.stream().filter(Person::isStudent).toList();
    }

    /** The person with that username. */
    Person person(String username) {
        return people.stream().filter(p -> p.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such demo account"));
    }

    /** The user id of a username on this campus: a name-based UUID of the seed and the username. */
    static String userId(long seed, String username) {
        return UUID.nameUUIDFromBytes(("demo-campus/" + seed + "/" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Person student(long seed, String username, String first, String last, String legalName, String unit,
            int serial) {
        String studentNumber = "S" + CampusUnits.enrolmentYear(unit) + String.format("%05d", serial);
        return new Person(userId(seed, username), username, first, last, legalName, username + "@" + STUDENT_DOMAIN,
                RealmRole.STUDENT.roleName(), List.of(), unit, studentNumber);
    }

    private static Person guardian(long seed, String username, String first, String last, String legalName) {
        return new Person(userId(seed, username), username, first, last, legalName, username + "@" + FAMILY_DOMAIN,
                RealmRole.GUARDIAN.roleName(), List.of(), null, null);
    }

    private static Person staff(long seed, String username, String first, String last, String legalName, RealmRole role,
            List<String> units) {
        return new Person(userId(seed, username), username, first, last, legalName, username + "@" + STAFF_DOMAIN,
                role.roleName(), units, null, null);
    }
}
