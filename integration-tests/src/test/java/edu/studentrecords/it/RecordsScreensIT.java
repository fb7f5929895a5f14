package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.CentreScreens.accessible;
import static edu.studentrecords.it.CentreScreens.noSidewaysScrolling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The centre's Records page in headless Chromium, in English and Simplified Chinese, 1280 and 390 pixels wide: Ada
 * finds a student by name, opens the record for a purpose she picks and reads its change history; enrols a student,
 * first refused with the resident ID number marked at its field; imports a CSV file with one bad row and reads the
 * report of every row. The API is checked after each step. Photographed into {@code target/screenshots/records/},
 * checked with axe-core.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class RecordsScreensIT {

    private static final String CENTRE_CLIENT = "student-records-centre";
    /**
     * The purposes the centre's client may declare in this realm, which the centre's role may also declare: the record
     * page offers exactly these.
     */
    private static final List<String> CENTRE_PURPOSES = List.of("administration", "student-services");
    private static final String ORIGINAL_NAME = "Screens Student Original";
    private static final String RENAMED = "Screens Student Renamed";

    private static final By SEARCH_INPUT =
        By.cssSelector("[data-testid='records-toolbar'] .pf-v5-c-text-input-group__text-input");

    @InjectRealm(ref = "records-screens")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<RecordsScreensIT, World> WORLD = CampusWorld.of(RecordsScreensIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            campus.offersEnglishAndChinese();
            ClientRepresentation centre = test.realm.admin().clients().findByClientId(CENTRE_CLIENT).get(0);
            centre.getAttributes().put("student-records.purposes", String.join(",", CENTRE_PURPOSES));
            test.realm.admin().clients().get(centre.getId()).update(centre);
            // The centre's role may declare teaching too, which its client may not: the page offers neither more
            // than the client allows nor more than the role may.
            RealmRepresentation settings = test.realm.admin().toRepresentation();
            Map<String, String> attributes = new HashMap<>(settings.getAttributesOrEmpty());
            attributes.put("student-records.purposes.records-admin", "administration,student-services,teaching");
            settings.setAttributes(attributes);
            test.realm.admin().update(settings);
            String admin = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES + " student.search student.audit");
            GeneratedStudent searched = GeneratedStudent.number(301, PHYSICS_CLASS).named(ORIGINAL_NAME);
            String record = campus.enrol(admin, searched, null);
            String path = "/records/" + record;
            Api.Reply current = campus.api.call("GET", path, admin, "administration").send();
            Api.Reply renamed = campus.api.call("PATCH", path, admin, "administration")
                .header("If-Match", current.header("ETag"))
                .json(Api.MERGE_PATCH, Map.of("profile", Map.of("name", RENAMED))).send();
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
            // The index follows the store's change feed: the page searches once the renamed student can be found.
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Api.Reply found = campus.api.call("GET", "/search?q=" + searched.studentNumber(), admin,
                        "administration").send();
                    return found.status() == 200 && found.json().get("hits").findValuesAsText("name").contains(RENAMED);
                });
            return new World(campus, admin, searched, record);
        });

    /** The campus, Ada's token, and the student searched for (renamed once, so the record has a history). */
    record World(Campus campus, String adminToken, GeneratedStudent searched, String searchedRecord) {
    }

    /** What the checks read in one language. */
    record Texts(String tag, String records, String fullName, String residentIdNumber, String mobilePhone,
                 String purpose, int importFrom) {
    }

    static final Texts ENGLISH = new Texts("en", "Records", "Full name", "Resident ID number", "Mobile phone",
        "student-services", 331);
    static final Texts CHINESE = new Texts("zh-CN", "学生档案", "姓名", "居民身份证号码", "手机号码",
        "administration", 341);

    @Test
    void adaFindsAStudentOpensTheRecordForAPurposeAndReadsItsHistoryInEnglish() throws Exception {
        searchAndOpen(ENGLISH);
    }

    @Test
    void adaFindsAStudentOpensTheRecordForAPurposeAndReadsItsHistoryInChinese() throws Exception {
        searchAndOpen(CHINESE);
    }

    @Test
    void adaEnrolsAStudentAfterTheResidentIdIsMarkedAtItsFieldInEnglish() throws IOException {
        enrol(ENGLISH, 321);
    }

    @Test
    void adaEnrolsAStudentAfterTheResidentIdIsMarkedAtItsFieldInChinese() throws IOException {
        enrol(CHINESE, 322);
    }

    @Test
    void adaImportsAFileWithOneBadRowAndReadsTheReportOfEveryRowInEnglish() throws IOException {
        importFile(ENGLISH);
    }

    @Test
    void adaImportsAFileWithOneBadRowAndReadsTheReportOfEveryRowInChinese() throws IOException {
        importFile(CHINESE);
    }

    private ConsoleBrowser signedIn(Texts texts, int width, String page) throws IOException {
        return CentreScreens.signedIn(WORLD.get().campus(), "records", "ada", texts.tag(), width, page,
            texts.records());
    }

    private void searchAndOpen(Texts texts) throws Exception {
        World w = WORLD.get();
        String number = w.searched().studentNumber();
        for (int width : List.of(1280, 390)) {
            try (ConsoleBrowser browser = signedIn(texts, width, "records")) {
                browser.setValue(SEARCH_INPUT, "Renamed");
                browser.click(By.cssSelector("[data-testid='search-records']"));
                WebElement hit = browser.byTestId("hit-" + number);
                assertThat(hit.getText()).contains(RENAMED, number, PHYSICS_CLASS).doesNotContain(w.searchedRecord());
                browser.screenshot(texts.tag() + "-" + width + "-search");
                if (width == 1280) {
                    accessible(browser, "the search");
                } else {
                    noSidewaysScrolling(browser);
                }

                browser.click(By.cssSelector("[data-testid='open-" + number + "']"));
                browser.waitForText(By.cssSelector("[data-testid='record-title']"), number);
                Select purpose = new Select(browser.visible(By.id("record-purpose")));
                assertThat(purpose.getOptions()).extracting(o -> o.getAttribute("value"))
                    .as("the purposes the centre's client may declare, not every purpose of the realm")
                    .containsExactlyElementsOf(CENTRE_PURPOSES);
                purpose.selectByValue(texts.purpose());
                browser.click(By.cssSelector("[data-testid='read-record']"));
                browser.waitForText(By.cssSelector("[data-testid='record-name']"), RENAMED);
                WebElement row =
                    browser.visible(By.cssSelector("[data-testid^='history-'][data-testid$='-profile.name']"));
                assertThat(row.findElement(By.cssSelector("[data-testid='before']")).getText())
                    .isEqualTo(ORIGINAL_NAME);
                assertThat(row.findElement(By.cssSelector("[data-testid='after']")).getText()).isEqualTo(RENAMED);
                assertThat(row.findElement(By.cssSelector("[data-testid='field']")).getText())
                    .as("the field by its label, not its path").isEqualTo(texts.fullName());
                browser.screenshot(texts.tag() + "-" + width + "-record");
                if (width == 1280) {
                    accessible(browser, "the record");
                } else {
                    noSidewaysScrolling(browser);
                }
            }
            // The read was made for the purpose Ada picked: the student's access log says so.
            String auditor = w.campus().signIn(oauth, "ada", PORTAL, "student.audit");
            Api.Reply trail = w.campus().api.call("GET", "/audit?record=" + w.searchedRecord() + "&limit=5", auditor,
                "administration").send();
            assertThat(trail.status()).as(trail.body()).isEqualTo(200);
            JsonNode lastRead = null;
            for (JsonNode entry : trail.json().get("entries")) {
                if (entry.path("operation").asText().equals("READ") && lastRead == null) {
                    lastRead = entry;
                }
            }
            assertThat(lastRead).as("the centre's read in %s", trail.body()).isNotNull();
            assertThat(lastRead.path("clientId").asText()).isEqualTo(CENTRE_CLIENT);
            assertThat(lastRead.path("purpose").asText()).isEqualTo(texts.purpose());
        }
    }

    /** Fills the enrolment form for {@code student} with {@code residentId}. */
    private static void fill(ConsoleBrowser browser, GeneratedStudent student, String residentId) {
        Map<String, String> values = new HashMap<>();
        values.put("studentNumber", student.studentNumber());
        values.put("name", student.name());
        values.put("unit", student.unit());
        values.put("enrolmentDate", "2024-09-01");
        values.put("residentIdNumber", residentId);
        values.put("dateOfBirth", student.birthDate().toString());
        values.put("nativePlaceCode", student.divisionCode());
        values.put("mobilePhone", student.mobilePhone());
        values.put("email", student.email());
        values.put("homeAddress", student.homeAddress());
        values.put("guardianName", student.guardianName());
        values.put("guardianPhone", student.guardianPhone());
        values.forEach((field, value) -> browser.setValue(By.id("enrol-" + field), value));
        new Select(browser.visible(By.id("enrol-gender"))).selectByValue(student.gender().name());
        new Select(browser.visible(By.id("enrol-guardianRelationship"))).selectByValue("MOTHER");
    }

    private void enrol(Texts texts, int n) throws IOException {
        World w = WORLD.get();
        GeneratedStudent student = GeneratedStudent.number(n, PHYSICS_CLASS);
        String right = student.residentIdNumber();
        char check = right.charAt(17);
        String mistyped = right.substring(0, 17) + (check == '0' ? '1' : '0');
        String byNumber = "/records?studentNumber="
            + URLEncoder.encode(student.studentNumber(), StandardCharsets.UTF_8);
        try (ConsoleBrowser browser = signedIn(texts, 1280, "records?enrol")) {
            browser.visible(By.cssSelector("[data-testid='enrol-form']"));
            fill(browser, student, mistyped);
            browser.click(By.cssSelector("[data-testid='enrol-send']"));
            WebElement error = browser.visible(By.id("enrol-residentIdNumber-error"));
            assertThat(error.getText()).as("the error names the field by its label")
                .startsWith(texts.residentIdNumber());
            WebElement field = browser.visible(By.id("enrol-residentIdNumber"));
            assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(field.getAttribute("aria-describedby")).contains("enrol-residentIdNumber-error");
            assertThat(field.getAttribute("value")).as("what was typed stays").isEqualTo(mistyped);
            browser.scrollIntoView(field);
            browser.screenshot(texts.tag() + "-1280-enrol-refused");
            accessible(browser, "the refused enrolment");
            assertThat(w.campus().api.call("GET", byNumber, w.adminToken(), "administration").send().status())
                .as("nothing enrolled while a field is marked").isEqualTo(404);

            browser.setValue(By.id("enrol-residentIdNumber"), right);
            browser.click(By.cssSelector("[data-testid='enrol-send']"));
            browser.waitForText(By.cssSelector("[data-testid='record-title']"), student.studentNumber());
            browser.screenshot(texts.tag() + "-1280-enrolled");
        }
        Api.Reply enrolled = w.campus().api.call("GET", byNumber, w.adminToken(), "administration").send();
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        assertThat(enrolled.json().at("/profile/name").asText()).isEqualTo(student.name());
        assertThat(enrolled.json().at("/identity/residentIdNumber").asText()).isEqualTo(right);

        try (ConsoleBrowser browser = signedIn(texts, 390, "records?enrol")) {
            browser.visible(By.cssSelector("[data-testid='enrol-form']"));
            browser.screenshot(texts.tag() + "-390-enrol");
            noSidewaysScrolling(browser);
        }
    }

    /** A CSV file of three students, the second with a phone number that is no phone number. */
    private static Path csv(Texts texts) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("studentNumber,name,gender,status,unit,enrolmentDate,residentIdNumber,dateOfBirth,nativePlaceCode,"
            + "mobilePhone,email,homeAddress,guardian1Name,guardian1Relationship,guardian1Phone,"
            + "guardian1EmergencyContact");
        for (int i = 0; i < 3; i++) {
            GeneratedStudent s = GeneratedStudent.number(texts.importFrom() + i, PHYSICS_CLASS);
            lines.add(String.join(",", s.studentNumber(), s.name(), s.gender().name(), "ENROLLED", s.unit(),
                "2024-09-01", s.residentIdNumber(), s.birthDate().toString(), s.divisionCode(),
                i == 1 ? "12345" : s.mobilePhone(), s.email(), "\"" + s.homeAddress() + ", Test Town\"",
                s.guardianName(), "FATHER", s.guardianPhone(), "true"));
        }
        Path work = Files.createDirectories(Path.of(System.getProperty("student-records.it.work-dir", "target/it")));
        Path file = work.resolve("import-" + texts.tag() + ".csv");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file.toAbsolutePath();
    }

    private void importFile(Texts texts) throws IOException {
        World w = WORLD.get();
        Path file = csv(texts);
        List<String> numbers = List.of(0, 1, 2).stream()
            .map(i -> GeneratedStudent.number(texts.importFrom() + i, PHYSICS_CLASS).studentNumber()).toList();
        try (ConsoleBrowser browser = signedIn(texts, 1280, "records?import")) {
            browser.visible(By.id("import-file")).sendKeys(file.toString());
            browser.click(By.cssSelector("[data-testid='import-start']"));
            browser.visible(By.cssSelector("[data-testid='import-progress'][data-finished='true']"));
            assertThat(browser.byTestId("import-progress").getText()).contains("3");
            for (int row = 1; row <= 3; row++) {
                WebElement line = browser.byTestId("import-row-" + row);
                assertThat(line.getText()).contains(numbers.get(row - 1));
                assertThat(line.getAttribute("data-status")).isEqualTo(row == 2 ? "failed" : "created");
            }
            assertThat(browser.byTestId("import-row-2").findElement(By.cssSelector("[data-testid='why']")).getText())
                .as("the refusal names the field by its label").startsWith(texts.mobilePhone());
            browser.screenshot(texts.tag() + "-1280-import-report");
            accessible(browser, "the import report");
        }
        for (int i = 0; i < 3; i++) {
            String byNumber = "/records?studentNumber=" + numbers.get(i);
            assertThat(w.campus().api.call("GET", byNumber, w.adminToken(), "administration").send().status())
                .as("row %d", i + 1).isEqualTo(i == 1 ? 404 : 200);
        }

        // The same file again, on a phone: every row refused, the two enrolled ones because they are taken.
        try (ConsoleBrowser browser = signedIn(texts, 390, "records?import")) {
            browser.visible(By.id("import-file")).sendKeys(file.toString());
            browser.click(By.cssSelector("[data-testid='import-start']"));
            browser.visible(By.cssSelector("[data-testid='import-progress'][data-finished='true']"));
            for (int row = 1; row <= 3; row++) {
                assertThat(browser.byTestId("import-row-" + row).getAttribute("data-status")).isEqualTo("failed");
            }
            browser.screenshot(texts.tag() + "-390-import-again");
            noSidewaysScrolling(browser);
        }
    }
}
