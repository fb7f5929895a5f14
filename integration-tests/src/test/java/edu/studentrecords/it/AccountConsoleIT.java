package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The students' pages of the account console (theme {@code student-records}) in headless Chromium against the suite's
 * real Keycloak and record store: alice signs in to the console, sees and corrects her record, confirms it, finds a
 * read by {@code library-app} in her access log and reports it, and downloads her data; follows her correction
 * requests, and keeps what she typed when her record changed meanwhile; in English and in Simplified Chinese. Every page is checked with axe-core and photographed into {@code target/screenshots/}.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class AccountConsoleIT {

    private static final String THEME = "student-records";
    private static final AtomicInteger PHONES = new AtomicInteger(1);

    @InjectRealm
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<AccountConsoleIT, World> WORLD = CampusWorld.of(AccountConsoleIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            RealmRepresentation representation = test.realm.admin().toRepresentation();
            representation.setAccountTheme(THEME);
            test.realm.admin().update(representation);
            campus.offersEnglishAndChinese();
            String admin = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
            GeneratedStudent alice = GeneratedStudent.number(41, Campus.PHYSICS_CLASS);
            GeneratedStudent bob = GeneratedStudent.number(42, Campus.HISTORY_CLASS);
            return new World(campus, admin, alice, campus.enrol(admin, alice, "alice"), bob,
                campus.enrol(admin, bob, "bob"));
        });

    /** The campus with alice's and bob's records, set up once for the class. */
    record World(Campus campus, String adminToken, GeneratedStudent alice, String aliceRecord, GeneratedStudent bob,
                 String bobRecord) {
    }

    /** What one language's pages say, from the theme's messages_*.properties. */
    record Language(String tag, String myRecord, String accessLog, String whoCanSee, String download,
                    String reports, String saved, String confirmed, String correctionSent, String reportSent) {
    }

    static final Language ENGLISH = new Language("en", "My record", "Who accessed my record", "Who can see my record",
        "Download my data", "My reports", "Your changes are saved.", "Thank you: your record is confirmed as correct.",
        "Your request was sent to the information management centre.",
        "Your report was sent to the information management centre.");
    static final Language CHINESE = new Language("zh-CN", "我的档案", "谁查看了我的档案", "谁可以查看我的档案",
        "下载我的数据", "我的举报", "你的修改已保存。", "谢谢：你已确认档案信息正确。", "你的申请已提交给信息管理中心。",
        "你的举报已提交给信息管理中心。");

    /** What the record and corrections pages say in one language. */
    record Follow(Language language, String female, String male, String enrolled, String stale, String corrections,
                  String rejected, String waiting) {
    }

    static final Follow ENGLISH_FOLLOW = new Follow(ENGLISH, "Female", "Male", "Enrolled",
        "Your record changed in the meantime, so nothing was saved.", "My corrections", "rejected",
        "waiting for the centre");
    static final Follow CHINESE_FOLLOW = new Follow(CHINESE, "女", "男", "在读", "你的档案在此期间已被更改，因此没有保存。",
        "我的更正申请", "已拒绝", "等待中心审核");

    @Test
    void herRecordKeepsWhatSheTypedAndHerCorrectionsCanBeFollowedInEnglish() throws IOException {
        follow(ENGLISH_FOLLOW);
    }

    @Test
    void herRecordKeepsWhatSheTypedAndHerCorrectionsCanBeFollowedInChinese() throws IOException {
        follow(CHINESE_FOLLOW);
    }

    /**
     * Her profile's codes in her language (gender, enrolment status); a correction the server refuses is marked at the
     * field, with its label; a save that comes after her address changed elsewhere keeps the phone number she typed,
     * shows what changed and saves both on the next try; "My corrections" shows each request's status and outcome.
     * 1280 and 390 pixels wide.
     */
    private void follow(Follow f) throws IOException {
        World w = WORLD.get();
        Campus campus = w.campus();
        Language language = f.language();
        speak("alice", language);
        String alice = campus.signIn(oauth, "alice", PORTAL, "student.self");
        String note = "The resident ID card shows the name as it is (" + language.tag() + ").";
        String rejected = correction(campus, alice, "Please check my name (" + language.tag() + ").");
        Api.Reply decided = campus.api.call("POST", "/corrections/" + rejected + "/reject", w.adminToken(),
            "administration").json("application/json", java.util.Map.of("reason", note)).send();
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        String waiting = correction(campus, alice, "Please check my name again (" + language.tag() + ").");
        String prefix = language.tag() + "-follow-";
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        for (int width : List.of(1280, 390)) {
            try (ConsoleBrowser browser = browser()) {
                browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, width < 1280 ? 844 : 1600));
                String base = consoleBase();
                browser.open(base + "student-record");
                browser.signIn("alice", campus.passwords.get("alice"));
                browser.waitForPage(language.myRecord());
                browser.waitForText(By.cssSelector("[data-testid='profile-studentNumber']"), w.alice().studentNumber());
                assertThat(browser.byTestId("profile-gender").getText())
                    .isEqualTo(w.alice().gender().name().equals("FEMALE") ? f.female() : f.male());
                assertThat(browser.byTestId("profile-status").getText()).isEqualTo(f.enrolled());
                browser.screenshot(prefix + width + "-1-profile-in-her-language");
                inaccessible.addAll(label("my record at " + width, browser.seriousAccessibilityViolations(axe)));

                // A resident ID number that cannot be one: the server's error is at the field, with the field's label.
                new org.openqa.selenium.support.ui.Select(browser.visible(By.id("correction-field")))
                    .selectByValue("identity.residentIdNumber");
                browser.type(By.id("correction-value"), "123");
                browser.type(By.id("correction-reason"), "My ID number is wrong.");
                browser.click(By.cssSelector("[data-testid='send-correction']"));
                WebElement error = browser.visible(By.cssSelector("#correction-value-error [data-testid^='correction-error-identity.']"));
                assertThat(error.getText()).isNotBlank().doesNotContain("identity.");
                assertThat(browser.visible(By.id("correction-value")).getAttribute("aria-invalid")).isEqualTo("true");
                browser.scrollIntoView(error);
                browser.screenshot(prefix + width + "-2-correction-error-at-the-field");
                inaccessible.addAll(label("correction error at " + width, browser.seriousAccessibilityViolations(axe)));

                // She types a new phone number; meanwhile her address changes elsewhere. Her save comes too late: what
                // she typed stays, the new address is shown as changed, and saving again keeps both.
                String typed = String.format("137%08d", 40_000_000 + PHONES.getAndIncrement() * 7_777 + width);
                browser.type(By.id("contact-mobilePhone"), typed);
                String address = "Room " + (100 + PHONES.getAndIncrement()) + ", 8 Garden Road (" + language.tag() + ")";
                Api.Reply current = campus.api.call("GET", "/me", alice, null).send();
                Api.Reply moved = campus.api.call("PATCH", "/me", alice, null).header("If-Match", current.header("ETag"))
                    .json(Api.MERGE_PATCH, java.util.Map.of("contact", java.util.Map.of("homeAddress", address))).send();
                assertThat(moved.status()).as(moved.body()).isEqualTo(200);
                browser.click(By.cssSelector("[data-testid='save-record']"));
                browser.waitForText(By.cssSelector("[data-testid='record-message']"), f.stale());
                assertThat(browser.visible(By.id("contact-mobilePhone")).getAttribute("value")).isEqualTo(typed);
                assertThat(browser.visible(By.id("contact-homeAddress")).getAttribute("value")).isEqualTo(address);
                WebElement changed = browser.visible(By.cssSelector("[data-testid='changed-meanwhile'] li[data-field='contact.homeAddress']"));
                assertThat(changed.getText()).contains(address);
                browser.scrollIntoView(changed);
                browser.screenshot(prefix + width + "-3-stale-save-keeps-what-she-typed");
                inaccessible.addAll(label("stale save at " + width, browser.seriousAccessibilityViolations(axe)));
                browser.click(By.cssSelector("[data-testid='save-record']"));
                browser.waitForText(By.cssSelector("[data-testid='record-message']"), language.saved());
                JsonNode saved = adminRead(w).json();
                assertThat(saved.at("/contact/mobilePhone").asText()).isEqualTo(typed);
                assertThat(saved.at("/contact/homeAddress").asText()).isEqualTo(address);

                // My corrections: each request with its status and outcome, in her language.
                browser.open(base + "student-record/corrections");
                browser.waitForPage(f.corrections());
                browser.waitForText(By.cssSelector("[data-testid='correction-" + rejected + "'] [data-testid='correction-status']"),
                    f.rejected());
                assertThat(browser.byTestId("correction-" + rejected).getText()).contains(note);
                browser.waitForText(By.cssSelector("[data-testid='correction-" + waiting + "'] [data-testid='correction-status']"),
                    f.waiting());
                assertThat(browser.pageText()).doesNotContain("PENDING", "REJECTED");
                browser.screenshot(prefix + width + "-4-my-corrections");
                inaccessible.addAll(label("my corrections at " + width, browser.seriousAccessibilityViolations(axe)));
            }
        }
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    /** Asks for a correction of alice's name through the API; returns the request's id. */
    private static String correction(Campus campus, String token, String reason) {
        Api.Reply asked = campus.api.call("POST", "/me/corrections", token, null).json("application/json",
            java.util.Map.of("changes", java.util.Map.of("profile", java.util.Map.of("name", "Alice Renamed")), "reason", reason))
            .send();
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        return asked.json().get("id").asText();
    }

    @Test
    void aliceLooksAfterHerRecordInEnglish() throws IOException {
        walk(ENGLISH);
    }

    @Test
    void aliceLooksAfterHerRecordInSimplifiedChinese() throws IOException {
        walk(CHINESE);
    }

    @Test
    void bobsRecordIdInTheAddressNeverShowsBobsRecord() throws IOException {
        World w = WORLD.get();
        String bob = w.bobRecord();
        speak("alice", ENGLISH);
        try (ConsoleBrowser browser = browser()) {
            String base = consoleBase();
            browser.open(base + "student-record?id=" + bob + "&record=" + bob);
            browser.signIn("alice", w.campus().passwords.get("alice"));
            browser.waitForPage(ENGLISH.myRecord());
            browser.waitForText(By.cssSelector("[data-testid='profile-studentNumber']"), w.alice().studentNumber());
            // Each address is checked only once its page shows what it shows alice (her own record, her own log, ...):
            // before that, the absence of bob's data would prove nothing.
            showsNothingOfBob(browser, w, base + "student-record?id=" + bob,
                () -> browser.waitForText(By.cssSelector("[data-testid='profile-studentNumber']"),
                    w.alice().studentNumber()));
            showsNothingOfBob(browser, w, base + "student-record/" + bob,
                () -> awaitAnswerWithoutPage(browser));
            showsNothingOfBob(browser, w, base + "student-record/access-log?record=" + bob, () -> {
                browser.waitForPage(ENGLISH.accessLog());
                browser.visible(By.cssSelector("[data-testid='access-log'] tr[data-testid^='entry-']"));
            });
            showsNothingOfBob(browser, w, base + "student-record/download?id=" + bob, () -> {
                browser.waitForPage(ENGLISH.download());
                browser.click(By.cssSelector("[data-testid='download']"));
                JsonNode export = json(browser.downloaded("student-record.json"));
                assertThat(export.path("record").path("id").asText()).as("the download is alice's record")
                    .isEqualTo(w.aliceRecord());
                for (String bobsValue : bobsValues(w.bob())) {
                    assertThat(export.toString()).as("the download must not hold bob's data").doesNotContain(bobsValue);
                }
            });
            showsNothingOfBob(browser, w, base + "student-record/reports/" + bob,
                () -> awaitAnswerWithoutPage(browser));
            showsNothingOfBob(browser, w, base + "student-record/who-can-see?id=" + bob, () -> {
                browser.waitForPage(ENGLISH.whoCanSee());
                browser.byTestId("application-library-app");
            });
            browser.open(base + "student-record?id=" + bob);
            browser.waitForText(By.cssSelector("[data-testid='profile-studentNumber']"), w.alice().studentNumber());
            browser.screenshot("bobs-record-id-shows-alices-own-record");
        }
    }

    /**
     * Opens {@code address}, waits until {@code shownToAlice} has seen the page's own content, then checks that
     * nothing of bob's record is in the page's text or source.
     */
    private static void showsNothingOfBob(ConsoleBrowser browser, World w, String address, Runnable shownToAlice) {
        browser.open(address);
        shownToAlice.run();
        String shown = browser.pageText() + browser.driver.getPageSource();
        for (String bobsValue : bobsValues(w.bob())) {
            assertThat(shown).as("%s must not show bob's data", address).doesNotContain(bobsValue);
        }
    }

    /**
     * Waits for the console's answer to an address it has no page for: the loading screen gone, no spinner left, and
     * something said in its place.
     */
    private static void awaitAnswerWithoutPage(ConsoleBrowser browser) {
        browser.waitUntil(d -> d.findElements(By.id("loading-text")).isEmpty()
            && d.findElements(By.cssSelector(".pf-v5-c-spinner")).isEmpty()
            && !d.findElement(By.id("app")).getText().isBlank());
    }

    private static JsonNode json(Path file) {
        try {
            return Api.JSON.readTree(ConsoleBrowser.read(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void walk(Language language) throws IOException {
        World w = WORLD.get();
        Campus campus = w.campus();
        speak("alice", language);
        Instant walkStarted = Instant.now().minusSeconds(1);
        String prefix = language.tag() + "-";
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();

        try (ConsoleBrowser browser = browser()) {
            String base = consoleBase();
            browser.open(base + "student-record");
            browser.signIn("alice", campus.passwords.get("alice"));

            // My record: every group of her own record.
            browser.waitForPage(language.myRecord());
            browser.waitForText(By.cssSelector("[data-testid='profile-studentNumber']"), w.alice().studentNumber());
            assertThat(browser.pageText()).contains(w.alice().name(), w.alice().residentIdNumber());
            assertThat(browser.visible(By.id("guardian-0-name")).getAttribute("value")).isEqualTo(w.alice().guardianName());
            assertThat(browser.visible(By.id("contact-mobilePhone")).getAttribute("value"))
                .isEqualTo(currentPhone(w));
            browser.screenshot(prefix + "1-my-record");
            inaccessible.addAll(label("my record", browser.seriousAccessibilityViolations(axe)));

            // A bad phone number: the API's field error is shown at the field, and nothing is written.
            String before = currentPhone(w);
            browser.type(By.id("contact-mobilePhone"), "12345");
            browser.click(By.cssSelector("[data-testid='save-record']"));
            WebElement error = browser.byTestId("error-contact.mobilePhone");
            assertThat(error.getText()).isNotBlank();
            browser.screenshot(prefix + "2-bad-phone");
            inaccessible.addAll(label("my record with an error", browser.seriousAccessibilityViolations(axe)));
            assertThat(currentPhone(w)).isEqualTo(before);

            // A good one: saved, and the store has it.
            String phone = String.format("139%08d", 30_000_000 + PHONES.getAndIncrement() * 7_777 + (language.tag().length() * 13));
            browser.type(By.id("contact-mobilePhone"), phone);
            browser.click(By.cssSelector("[data-testid='save-record']"));
            browser.waitForText(By.cssSelector("[data-testid='record-message']"), language.saved());
            assertThat(currentPhone(w)).isEqualTo(phone);
            browser.screenshot(prefix + "3-phone-saved");

            // Ask for a correction of her name (POST /me/corrections): the request waits for the centre, the record
            // keeps its name.
            new org.openqa.selenium.support.ui.Select(browser.visible(By.id("correction-field")))
                .selectByValue("profile.name");
            browser.type(By.id("correction-value"), w.alice().name() + " Corrected");
            browser.type(By.id("correction-reason"), "My name is spelt differently on my resident ID card.");
            browser.click(By.cssSelector("[data-testid='send-correction']"));
            browser.waitForText(By.cssSelector("[data-testid='correction-message']"), language.correctionSent());
            browser.screenshot(prefix + "4-correction-requested");
            JsonNode corrections = campus.api.call("GET", "/me/corrections",
                campus.signIn(oauth, "alice", PORTAL, "student.self"), null).send().json().get("corrections");
            assertThat(corrections.get(0).get("status").asText()).as("the newest correction").isEqualTo("PENDING");
            assertThat(corrections.get(0).get("groups").toString()).isEqualTo("[\"profile\"]");
            assertThat(adminRead(w).json().at("/profile/name").asText()).isEqualTo(w.alice().name());

            // "My record is correct": the verification clock is reset and the date is shown.
            browser.click(By.cssSelector("[data-testid='confirm-record']"));
            browser.waitForText(By.cssSelector("[data-testid='record-message']"), language.confirmed());
            JsonNode confirmed = adminRead(w).json();
            assertThat(Instant.parse(confirmed.path("verifiedAt").asText())).isAfter(walkStarted);
            browser.screenshot(prefix + "5-confirmed");

            // A read that library-app makes of alice's record before she looks at her access log (made here, so that
            // it is on the log's first page whatever the walk itself added).
            Api.Reply libraryRead = campus.api.call("GET", "/records/" + w.aliceRecord(),
                campus.serviceToken(oauth, LIBRARY), "library-services").send();
            assertThat(libraryRead.status()).as("library-app reads alice's record: %s", libraryRead.body()).isEqualTo(200);

            // Who accessed my record: the library's read is there; she reports it as misuse.
            browser.open(base + "student-record/access-log");
            browser.waitForPage(language.accessLog());
            WebElement libraryRow = browser.visible(By.cssSelector("tr[data-client='library-app'][data-operation='READ']"));
            String entryTestId = libraryRow.getAttribute("data-testid");
            long sequence = Long.parseLong(entryTestId.substring("entry-".length()));
            browser.screenshot(prefix + "6-access-log");
            inaccessible.addAll(label("access log", browser.seriousAccessibilityViolations(axe)));
            browser.click(By.cssSelector("[data-testid='report-" + sequence + "']"));
            String complaint = "The library has no reason to read my record (" + language.tag() + ").";
            browser.type(By.id("report-message"), complaint);
            browser.screenshot(prefix + "7-report-dialog");
            inaccessible.addAll(label("report dialog", browser.seriousAccessibilityViolations(axe)));
            browser.click(By.cssSelector("[data-testid='send-report']"));
            browser.waitForText(By.cssSelector("[data-testid='report-sent']"), language.reportSent());

            Api.Reply reports = campus.api.call("GET", "/me/reports", campus.signIn(oauth, "alice", PORTAL, "student.self"),
                null).send();
            assertThat(reports.status()).isEqualTo(200);
            JsonNode sent = null;
            for (JsonNode report : reports.json().path("reports")) {
                if (report.path("message").asText().equals(complaint)) {
                    sent = report;
                }
            }
            assertThat(sent).as("the report is stored: %s", reports.body()).isNotNull();
            assertThat(sent.path("status").asText()).isEqualTo("OPEN");
            assertThat(sent.path("auditEntries").get(0).asLong()).isEqualTo(sequence);

            // My reports: the report and its status.
            browser.open(base + "student-record/reports");
            browser.waitForPage(language.reports());
            browser.waitForText(By.cssSelector("[data-testid='reports']"), complaint);
            browser.screenshot(prefix + "8-my-reports");
            inaccessible.addAll(label("my reports", browser.seriousAccessibilityViolations(axe)));
            // A question to the centre from the same page: sent, then listed as a question.
            String question = "Who decides how long my record is kept? (" + language.tag() + ")";
            browser.setValue(By.id("question-text"), question);
            browser.click(By.cssSelector("[data-testid='send-question']"));
            browser.waitForText(By.cssSelector("[data-testid='reports']"), question);
            browser.visible(By.cssSelector("[data-testid='question-message']"));
            browser.screenshot(prefix + "8-my-reports-question-sent");

            // Who can see my record: the library among the school's applications, no outside body.
            browser.open(base + "student-record/who-can-see");
            browser.waitForPage(language.whoCanSee());
            browser.byTestId("application-library-app");
            browser.byTestId("no-grants");
            browser.screenshot(prefix + "9-who-can-see");
            inaccessible.addAll(label("who can see", browser.seriousAccessibilityViolations(axe)));

            // Download my data: a JSON file with her record and its access history.
            browser.open(base + "student-record/download");
            browser.waitForPage(language.download());
            inaccessible.addAll(label("download", browser.seriousAccessibilityViolations(axe)));
            browser.click(By.cssSelector("[data-testid='download']"));
            Path file = browser.downloaded("student-record.json");
            JsonNode export = Api.JSON.readTree(ConsoleBrowser.read(file));
            assertThat(export.path("record").path("id").asText()).isEqualTo(w.aliceRecord());
            assertThat(export.path("record").path("contact").path("mobilePhone").asText()).isEqualTo(phone);
            assertThat(export.path("accessLog").size()).isGreaterThan(0);
            // What the page promises: her correction requests, her reports and questions, consents and notices too.
            assertThat(export.path("corrections").toString()).contains("My name is spelt differently");
            assertThat(export.path("reports").toString()).contains(complaint, question);
            assertThat(export.path("consents").isArray()).isTrue();
            assertThat(export.path("notices").has("told")).isTrue();
            assertThat(export.toString()).doesNotContain(w.bob().studentNumber());
            browser.screenshot(prefix + "10-download");
        }
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    /** Sets the user's language, as the console's language switch does. */
    private void speak(String username, Language language) {
        WORLD.campus().speaks(username, language.tag());
    }

    private ConsoleBrowser browser() throws IOException {
        return ConsoleBrowser.forScreenshots("account-console");
    }

    private String consoleBase() {
        return realm.getBaseUrl() + "/account/";
    }

    private Api.Reply adminRead(World w) {
        Api.Reply read = w.campus().api.call("GET", "/records/" + w.aliceRecord(), w.adminToken(), "administration").send();
        assertThat(read.status()).as("admin reads alice's record: %s", read.body()).isEqualTo(200);
        return read;
    }

    private String currentPhone(World w) {
        return adminRead(w).json().path("contact").path("mobilePhone").asText();
    }

    private static List<String> bobsValues(GeneratedStudent bob) {
        List<String> values = new ArrayList<>(bob.confidentialValues());
        values.add(bob.studentNumber());
        values.add(bob.name());
        return values;
    }

    private static List<String> label(String page, List<String> violations) {
        return violations.stream().map(v -> page + ": " + v).toList();
    }
}
