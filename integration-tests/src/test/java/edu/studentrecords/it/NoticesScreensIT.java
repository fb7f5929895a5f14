package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The screens of this feature in headless Chromium, in English and Simplified Chinese: Alice reads "What changed" (her
 * corrected name before and after) and "Notices" (the incident that concerned her, and that the library was told of
 * the correction) in the account console, 1280 and 390 pixels wide; Ada opens an incident in the centre, sees the
 * record it affected, records a step and notifies the students, following the progress, and reads Alice's record
 * history in the centre. Photographed into
 * {@code target/screenshots/notices/} and {@code target/screenshots/incidents/}, checked with axe-core.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class NoticesScreensIT {

    private static final String CORRECTED = "Alice Screens Corrected";
    private static final String HARM = "Your name may have been seen outside the library.";
    private static final List<Integer> WIDTHS = List.of(1280, 390);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @InjectRealm(ref = "notice-screens")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectMailServer
    MailServer mail;

    @RegisterExtension
    static final CampusWorld<NoticesScreensIT, World> WORLD = CampusWorld.of(NoticesScreensIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            RealmRepresentation representation = test.realm.admin().toRepresentation();
            representation.setAccountTheme("student-records");
            test.realm.admin().update(representation);
            campus.offersEnglishAndChinese();
            String admin = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
            GeneratedStudent alice = GeneratedStudent.number(231, Campus.PHYSICS_CLASS);
            String aliceRecord = campus.enrol(admin, alice, "alice");
            String library = campus.serviceToken(test.oauth, LIBRARY);
            Api.Reply read = campus.api.call("GET", "/records/" + aliceRecord, library, "library-services").send();
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            String aliceToken = campus.signIn(test.oauth, "alice", PORTAL, "student.self");
            Api.Reply asked = campus.api.call("POST", "/me/corrections", aliceToken, null).json("application/json",
                Map.of("changes", Map.of("profile", Map.of("name", CORRECTED)), "reason", "Misspelt")).send();
            assertThat(asked.status()).as(asked.body()).isEqualTo(201);
            assertThat(campus.api.call("POST", "/corrections/" + asked.json().get("id").asText() + "/approve", admin,
                "administration").send().status()).isEqualTo(200);
            Instant now = Instant.now();
            Api.Reply opened = campus.api.call("POST", "/incidents", admin, "administration").json("application/json",
                Map.of("title", "Library list left on a printer", "description", "Found on the printer.",
                    "discoveredAt", now.minus(Duration.ofMinutes(30)).toString(), "scope", Map.of("clientId", LIBRARY,
                        "from", now.minus(Duration.ofHours(1)).toString(), "to", now.plusSeconds(60).toString())))
                .send();
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            String incident = opened.json().get("id").asText();
            Api.Reply notified = campus.api.call("POST", "/incidents/" + incident + "/notifications", admin,
                "administration").json("application/json", Map.of("cause", "A list was printed and left behind.",
                    "harm", HARM, "remedies", "The list was shredded.", "advice", "Nothing needs doing.",
                    "contact", "records-centre@school.example.test")).send();
            assertThat(notified.status()).as(notified.body()).isEqualTo(202);
            return new World(campus, alice, aliceRecord, incident);
        });

    /** The campus, Alice's record (corrected, read by the library) and the incident that concerned her. */
    record World(Campus campus, GeneratedStudent alice, String aliceRecord, String incident) {
    }

    /** What the checks read in one language. */
    record Texts(String tag, String whatChanged, String notices, String incidents, String opened, String recordHistory,
                 String twentyMinutes, String nameField) {
    }

    static final Texts ENGLISH = new Texts("en", "What changed", "Notices", "Incidents",
        "The incident is open", "Record history", "0 h 2", "Name");
    static final Texts CHINESE = new Texts("zh-CN", "档案变更记录", "通知", "安全事件", "安全事件已登记",
        "档案变更记录", "0 小时 2", "姓名");

    @Test
    void aliceReadsWhatChangedAndHerNoticesInEnglish() throws IOException {
        account(ENGLISH);
    }

    @Test
    void aliceReadsWhatChangedAndHerNoticesInChinese() throws IOException {
        account(CHINESE);
    }

    @Test
    void adaOpensAnIncidentSeesWhomItAffectedRecordsAStepAndNotifiesInEnglish() throws IOException {
        centre(ENGLISH);
    }

    @Test
    void adaOpensAnIncidentSeesWhomItAffectedRecordsAStepAndNotifiesInChinese() throws IOException {
        centre(CHINESE);
    }

    private void account(Texts texts) throws IOException {
        World w = WORLD.get();
        w.campus().speaks("alice", texts.tag());
        List<String> inaccessible = new ArrayList<>();
        for (int width : WIDTHS) {
            try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("notices")) {
                browser.driver.manage().window().setSize(new Dimension(width, width < 1280 ? 844 : 1600));
                browser.open(realm.getBaseUrl() + "/account/student-record/history");
                browser.signIn("alice", w.campus().passwords.get("alice"));
                browser.waitForPage(texts.whatChanged());
                var row = browser.visible(By.cssSelector("[data-testid^='change-'][data-testid$='-profile.name']"));
                assertThat(row.findElement(By.cssSelector("[data-testid='before']")).getText())
                    .isEqualTo(w.alice().name());
                assertThat(row.findElement(By.cssSelector("[data-testid='after']")).getText()).isEqualTo(CORRECTED);
                assertThat(row.findElement(By.cssSelector("[data-testid='field']")).getText())
                    .as("the field by its name on the form, not its path").isEqualTo(texts.nameField());
                browser.screenshot(texts.tag() + "-" + width + "-what-changed");
                assertThat(browser.sidewaysOverflow().pixels()).as("no sideways scrolling").isLessThanOrEqualTo(0);
                if (width == 1280) {
                    inaccessible.addAll(browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript()));
                }

                browser.open(realm.getBaseUrl() + "/account/student-record/notices");
                browser.waitForPage(texts.notices());
                assertThat(browser.byTestId("incident-" + w.incident()).getText()).contains(HARM)
                    .contains("records-centre@school.example.test");
                assertThat(browser.byTestId("told-" + LIBRARY).getText()).contains(LIBRARY);
                browser.screenshot(texts.tag() + "-" + width + "-notices");
                assertThat(browser.sidewaysOverflow().pixels()).as("no sideways scrolling").isLessThanOrEqualTo(0);
                if (width == 1280) {
                    inaccessible.addAll(browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript()));
                }
            }
        }
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    /** The id of the incident listed with {@code title}. */
    private static String incidentOnPage(ConsoleBrowser browser, String title) {
        return browser.visible(By.xpath("//tr[td[normalize-space()='" + title + "']]")).getAttribute("data-testid")
            .substring("incident-".length());
    }

    private void centre(Texts texts) throws IOException {
        World w = WORLD.get();
        w.campus().speaks("ada", texts.tag());
        String title = "Printer list (" + texts.tag() + ")";
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES);
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("incidents")) {
            browser.driver.manage().window().setSize(new Dimension(1280, 1600));
            browser.open(realm.getBaseUrl() + "/student-records/centre/incidents");
            browser.signIn("ada", w.campus().passwords.get("ada"));
            browser.waitForPage(texts.incidents());
            browser.waitUntil(d -> d.findElements(By.cssSelector(".pf-v5-c-spinner")).isEmpty());
            browser.setValue(By.id("incident-title"), title);
            browser.setValue(By.id("incident-description"), "A list was found on the library's printer.");
            browser.setValue(By.id("incident-discoveredAt"), now.minusMinutes(20).format(LOCAL));
            browser.setValue(By.id("incident-clientId"), LIBRARY);
            browser.setValue(By.id("incident-from"), now.minusHours(1).format(LOCAL));
            browser.setValue(By.id("incident-to"), now.plusMinutes(5).format(LOCAL));
            browser.screenshot(texts.tag() + "-1280-open-form");
            browser.click(By.cssSelector("[data-testid='open-incident']"));
            browser.waitForText(By.cssSelector("[data-testid='incident-message']"), texts.opened());
            browser.visible(By.cssSelector("[data-testid='incident-detail']"));
            browser.waitForText(By.cssSelector("[data-testid='affected-records']"), w.aliceRecord());
            assertThat(browser.byTestId("incident-affected").getText()).isEqualTo("1");
            assertThat(browser.byTestId("incident-clock").getText()).startsWith(texts.twentyMinutes());

            browser.setValue(By.id("incident-step"), "Asked the library to lock its printer (" + texts.tag() + ").");
            browser.click(By.cssSelector("[data-testid='add-step']"));
            browser.waitForText(By.cssSelector("[data-testid='incident-steps']"), "lock its printer");

            for (String field : List.of("cause", "harm", "remedies", "advice", "contact")) {
                browser.setValue(By.id("notify-" + field), field + " (" + texts.tag() + ")");
            }
            browser.click(By.cssSelector("[data-testid='notify']"));
            // Mailing every affected student cannot be undone: the admin console's confirmation first.
            browser.click(By.cssSelector("[data-testid='confirm-notify-confirm']"));
            browser.visible(By.cssSelector("[data-testid='notification'][data-finished='true']"));
            assertThat(browser.byTestId("notification-progress").getText()).contains("1");
            browser.scrollToTop();
            browser.screenshot(texts.tag() + "-1280-incident");
            assertThat(browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript()))
                .as("serious or critical axe-core violations").isEmpty();

            // The record's history in the centre: Alice's corrected name, before and after.
            browser.click(By.cssSelector("[data-testid='nav-history'] a, a[data-testid='nav-history']"));
            browser.waitForPage(texts.recordHistory());
            browser.setValue(By.id("history-record"), w.aliceRecord());
            browser.click(By.cssSelector("[data-testid='show-history']"));
            var nameRow = browser.visible(By.cssSelector("[data-testid^='history-'][data-testid$='-profile.name']"));
            assertThat(nameRow.findElement(By.cssSelector("[data-testid='before']")).getText())
                .isEqualTo(w.alice().name());
            assertThat(nameRow.findElement(By.cssSelector("[data-testid='after']")).getText()).isEqualTo(CORRECTED);
            browser.screenshot(texts.tag() + "-1280-record-history");
            assertThat(browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript()))
                .as("serious or critical axe-core violations of the record history").isEmpty();
            browser.click(By.cssSelector("[data-testid='nav-incidents'] a, a[data-testid='nav-incidents']"));
            browser.waitForPage(texts.incidents());

            // As a phone opens it: the page's first layout is the narrow one.
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.open(realm.getBaseUrl() + "/student-records/centre/incidents");
            browser.waitForPage(texts.incidents());
            browser.click(By.cssSelector("[data-testid='open-" + incidentOnPage(browser, title) + "']"));
            browser.visible(By.cssSelector("[data-testid='incident-detail']"));
            browser.screenshot(texts.tag() + "-390-incident");
            ConsoleBrowser.Overflow overflow = browser.sidewaysOverflow();
            assertThat(overflow.pixels()).as("no sideways scrolling: %s", overflow.elements()).isLessThanOrEqualTo(0);
        }
    }
}
