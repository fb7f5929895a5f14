package edu.studentrecords.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.studentrecords.store.model.StudentRecord;
import edu.studentrecords.store.validation.FieldError;
import edu.studentrecords.store.validation.RecordValidator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoCampusTest {

    private static final Campus CAMPUS = Campus.generate(Campus.DEFAULT_SEED, Campus.DEFAULT_STUDENTS);
    private static RecordValidator validator;

    @BeforeAll
    static void openValidator() {
        validator = new RecordValidator(Clock.system(ZoneId.of("Asia/Shanghai")));
    }

    @AfterAll
    static void closeValidator() {
        validator.close();
    }

    @Test
    void theDemoHasTheFixedAccountsAndMoreThanAThousandStudents() {
        assertThat(CAMPUS.students()).hasSizeGreaterThanOrEqualTo(1000);
        assertThat(CAMPUS.person("alice.student").role()).isEqualTo("student");
        assertThat(CAMPUS.person("bob.student").role()).isEqualTo("student");
        assertThat(CAMPUS.person("alice.student").studentUnit()).isNotEqualTo(CAMPUS.person("bob.student").studentUnit());
        assertThat(CAMPUS.person("carol.teacher").role()).isEqualTo("records-staff");
        assertThat(CAMPUS.person("carol.teacher").units()).containsExactly(CAMPUS.person("alice.student").studentUnit());
        assertThat(CAMPUS.person("dave.registrar").role()).isEqualTo("records-admin");
        assertThat(CAMPUS.person("erin.registrar").role()).isEqualTo("records-admin");
        assertThat(CAMPUS.person("sam.supervisor").role()).isEqualTo("records-supervisor");
    }

    @Test
    void everyClassHasStudentsAndExactlyOneTeacherOfItsOwn() {
        Map<String, Long> studentsPerClass = CAMPUS.students().stream()
                .collect(Collectors.groupingBy(Person::studentUnit, Collectors.counting()));
        assertThat(studentsPerClass.keySet()).containsExactlyInAnyOrderElementsOf(CampusUnits.CLASSES);
        assertThat(studentsPerClass.values()).allSatisfy(count -> assertThat(count).isGreaterThan(50));
        Set<String> faculties = CampusUnits.CLASSES.stream().map(u -> u.substring(0, u.indexOf('/'))).collect(Collectors.toSet());
        assertThat(faculties).hasSizeGreaterThanOrEqualTo(3);
        for (String unit : CampusUnits.CLASSES) {
            assertThat(CAMPUS.people()).filteredOn(p -> p.username().startsWith("teacher.") && p.units().equals(List.of(unit)))
                    .hasSize(1);
        }
    }

    @Test
    void usernamesIdsStudentNumbersAndResidentIdsAreUnique() {
        List<Person> people = CAMPUS.people();
        assertThat(people).extracting(Person::username).doesNotHaveDuplicates();
        assertThat(people).extracting(Person::id).doesNotHaveDuplicates();
        assertThat(CAMPUS.students()).extracting(Person::studentNumber).doesNotHaveDuplicates();
        RecordGenerator generator = new RecordGenerator(CAMPUS.seed());
        assertThat(CAMPUS.students()).extracting(s -> generator.recordFor(s).identity().residentIdNumber())
                .doesNotHaveDuplicates();
    }

    @Test
    void everyGeneratedRecordPassesTheStoresValidation() {
        RecordGenerator generator = new RecordGenerator(CAMPUS.seed());
        List<String> invalid = new ArrayList<>();
        for (Person student : CAMPUS.students()) {
            StudentRecord record = generator.recordFor(student);
            List<FieldError> errors = validator.validate(record);
            if (!errors.isEmpty()) {
                invalid.add(student.studentNumber() + " " + errors.stream().map(e -> e.field() + ":" + e.rule()).toList());
            }
            assertThat(record.profile().studentNumber()).isEqualTo(student.studentNumber());
            assertThat(record.profile().unit()).isEqualTo(student.studentUnit());
            assertThat(record.guardians()).hasSize(1);
            assertThat(record.contact().email()).endsWith("@" + Campus.STUDENT_DOMAIN);
            if (Campus.minor(student.username()).isEmpty()) {
                assertThat(record.identity().dateOfBirth())
                        .isBefore(LocalDate.of(CampusUnits.enrolmentYear(student.studentUnit()) - 17, 1, 1));
            }
        }
        assertThat(invalid).isEmpty();
    }

    @Test
    void theRealmShowsStudentsTheAccountConsoleWithTheirPagesInEnglishAndChinese() {
        JsonNode realm = new RealmFile(CAMPUS).realm();
        assertThat(realm.path("accountTheme").asText()).isEqualTo("student-records");
        assertThat(realm.path("internationalizationEnabled").asBoolean()).isTrue();
        assertThat(realm.path("supportedLocales").toString()).contains("\"en\"", "\"zh-CN\"");
    }

    @Test
    void aDevelopmentRealmMailsThroughTheMailCatcherAndOtherwiseMailsNothing() {
        JsonNode development = new RealmFile(CAMPUS, 11025).realm();
        assertThat(development.path("smtpServer").path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(development.path("smtpServer").path("port").asText()).isEqualTo("11025");
        assertThat(development.path("smtpServer").path("from").asText()).isEqualTo(RealmFile.MAIL_FROM);
        assertThat(development.path("attributes").path("student-records.centre-email").asText())
                .isEqualTo(RealmFile.CENTRE_EMAIL);
        JsonNode production = new RealmFile(CAMPUS).realm();
        assertThat(production.has("smtpServer")).isFalse();
        assertThat(production.path("attributes").has("student-records.centre-email")).isFalse();
    }

    @Test
    void theRealmLinksEveryStudentsUserIdToTheSeededRecord() {
        JsonNode realm = new RealmFile(CAMPUS).realm();
        assertThat(realm.path("id").asText()).isEqualTo("campus");
        Map<String, JsonNode> users = StreamSupport.stream(realm.path("users").spliterator(), false)
                .collect(Collectors.toMap(u -> u.path("username").asText(), Function.identity()));
        assertThat(users).hasSize(CAMPUS.people().size() + 2);
        for (Person student : CAMPUS.students()) {
            JsonNode user = users.get(student.username());
            assertThat(user.path("id").asText()).isEqualTo(student.id()).isEqualTo(Campus.userId(CAMPUS.seed(), student.username()));
            assertThat(user.path("realmRoles").toString()).contains("\"student\"");
        }
        assertThat(users.get("carol.teacher").path("groups").get(0).asText())
                .isEqualTo("/units/" + CampusUnits.ALICE_CLASS);
        for (String application : List.of("library-app", "city-statistics-bureau")) {
            JsonNode account = users.get("service-account-" + application);
            assertThat(account.path("serviceAccountClientId").asText()).isEqualTo(application);
            assertThat(account.path("realmRoles").toString()).contains("\"records-application\"");
        }
    }

    @Test
    void everyClassIsAGroupBelowTheUnitRootAndPasswordGuessingLocksAccounts() {
        JsonNode realm = new RealmFile(CAMPUS).realm();
        JsonNode root = realm.path("groups").get(0);
        assertThat(root.path("name").asText()).isEqualTo("units");
        for (String unit : CampusUnits.CLASSES) {
            JsonNode group = root;
            for (String name : unit.split("/")) {
                group = StreamSupport.stream(group.path("subGroups").spliterator(), false)
                        .filter(g -> g.path("name").asText().equals(name)).findFirst().orElseThrow(
                                () -> new AssertionError("no group for " + unit));
            }
        }
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("failureFactor").asInt()).isPositive();
    }

    @Test
    void theRealmHasTheContractsRolesScopesAndClients() {
        ObjectNode realm = new RealmFile(CAMPUS).realm();
        assertThat(names(realm.path("roles").path("realm"), "name"))
                .contains("records-admin", "records-staff", "records-supervisor", "student", "records-application");
        assertThat(names(realm.path("clientScopes"), "name")).containsExactlyInAnyOrder(
                "student.profile.read", "student.profile.write", "student.identity.read", "student.identity.write",
                "student.contact.read", "student.contact.write", "student.guardians.read", "student.guardians.write",
                "student.search", "student.purge", "student.self", "student.guardian", "student.audit", "student.admin");
        for (JsonNode scope : realm.path("clientScopes")) {
            JsonNode mapper = scope.path("protocolMappers").get(0);
            assertThat(mapper.path("protocolMapper").asText()).isEqualTo("oidc-audience-mapper");
            assertThat(mapper.path("config").path("included.custom.audience").asText()).isEqualTo("student-records");
            // The key whose English and Chinese texts the extension's realm bootstrap adds; the file brings none.
            assertThat(scope.path("attributes").path("consent.screen.text").asText())
                    .isEqualTo("${student-records.consent." + scope.path("name").asText() + "}");
        }
        Map<String, JsonNode> clients = StreamSupport.stream(realm.path("clients").spliterator(), false)
                .collect(Collectors.toMap(c -> c.path("clientId").asText(), Function.identity()));
        assertThat(clients.get("campus-portal").path("publicClient").asBoolean()).isTrue();
        assertThat(clients.get("campus-portal").path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(clients.get("library-app").path("attributes").path("student-records.units").asText()).isEqualTo("*");
        assertThat(clients.get("city-statistics-bureau").path("attributes").path("student-records.trust").asText())
                .isEqualTo("external");
        JsonNode teacherApp = clients.get("teacher-app");
        assertThat(teacherApp.path("publicClient").asBoolean()).isTrue();
        assertThat(teacherApp.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(teacherApp.path("attributes").path("student-records.purposes").asText()).isEqualTo("teaching");
        assertThat(teacherApp.path("redirectUris").toString())
                .isEqualTo("[\"http://localhost:8090/\",\"http://127.0.0.1:8090/\"]");
        assertThat(teacherApp.path("webOrigins").toString())
                .isEqualTo("[\"http://localhost:8090\",\"http://127.0.0.1:8090\"]");
        assertThat(clients.values()).allSatisfy(c -> assertThat(c.path("directAccessGrantsEnabled").asBoolean()).isFalse());
    }

    @Test
    void theSameSeedGivesTheSameCampusAndAnotherSeedAnotherOne() {
        Campus again = Campus.generate(Campus.DEFAULT_SEED, Campus.DEFAULT_STUDENTS);
        assertThat(again.people()).isEqualTo(CAMPUS.people());
        assertThat(new RealmFile(again).realm()).isEqualTo(new RealmFile(CAMPUS).realm());
        RecordGenerator first = new RecordGenerator(CAMPUS.seed());
        RecordGenerator second = new RecordGenerator(again.seed());
        for (Person student : CAMPUS.students().subList(0, 50)) {
            assertThat(second.recordFor(student)).isEqualTo(first.recordFor(student));
        }
        Campus other = Campus.generate(Campus.DEFAULT_SEED + 1, Campus.DEFAULT_STUDENTS);
        assertThat(other.person("alice.student").id()).isNotEqualTo(CAMPUS.person("alice.student").id());
    }

    @Test
    void miaIsTwelveAndLeoSixteenInAlicesClassEachWithTheParentLinkedToTheirRecord() {
        Clock seedingDay = Clock.fixed(java.time.Instant.parse("2026-12-05T02:00:00Z"), RecordGenerator.SCHOOL_ZONE);
        RecordGenerator generator = new RecordGenerator(CAMPUS.seed(), seedingDay);
        LocalDate today = LocalDate.now(seedingDay);
        Map<String, Integer> ages = Map.of("mia.student", 12, "leo.student", 16);
        Map<String, String> parents = Map.of("mia.student", "Grace Guardian", "leo.student", "Henry Guardian");
        for (String username : ages.keySet()) {
            Person student = CAMPUS.person(username);
            assertThat(student.role()).isEqualTo("student");
            assertThat(student.studentUnit()).isEqualTo("science/physics/2024-1");
            StudentRecord record = generator.recordFor(student);
            assertThat(java.time.Period.between(record.identity().dateOfBirth(), today).getYears())
                    .isEqualTo(ages.get(username));
            assertThat(record.guardians().get(0).name()).isEqualTo(parents.get(username));
            List<FieldError> errors = validator.validate(record);
            assertThat(errors).as(username).isEmpty();
        }
        assertThat(generator.recordFor(CAMPUS.person("mia.student")).guardians().get(0).relationship().name())
                .isEqualTo("MOTHER");
        assertThat(generator.recordFor(CAMPUS.person("leo.student")).guardians().get(0).relationship().name())
                .isEqualTo("FATHER");
        assertThat(CAMPUS.person("grace.guardian").role()).isEqualTo("guardian");
        assertThat(CAMPUS.person("henry.guardian").role()).isEqualTo("guardian");
        assertThat(Campus.MINORS).extracting(Campus.Minor::guardian).containsExactly("grace.guardian", "henry.guardian");
        JsonNode realm = new RealmFile(CAMPUS).realm();
        assertThat(names(realm.path("roles").path("realm"), "name")).contains("guardian");
        JsonNode purposes = JsonText.read(realm.path("attributes").path("student-records.consent-purposes").asText());
        assertThat(names(purposes, "id")).containsExactlyInAnyOrder("photo-publication", "research-statistics");
        purposes.forEach(purpose -> {
            assertThat(purpose.path("texts").path("en").asText()).isNotBlank();
            assertThat(purpose.path("texts").path("zh-CN").asText()).isNotBlank();
            assertThat(purpose.path("version").asInt()).isEqualTo(1);
        });
    }

    /** Reads JSON text. */
    private static final class JsonText {
        static JsonNode read(String text) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static Set<String> names(JsonNode array, String field) {
        Set<String> names = new HashSet<>();
        array.forEach(node -> names.add(node.path(field).asText()));
        return names;
    }
}
