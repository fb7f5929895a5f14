package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The student's access log page in headless Chromium, as a student uses it: a year with a digit too many in the date
 * filter is marked at the field and the page goes on working; a search by staff that found her record is in her log
 * and can be reported; a report the server refuses says why, at the field's rule, in her language; the page's icon is
 * served; each entry says who acted (herself, staff of her class) and when to the second, never a raw code or client
 * id; the who and purpose filters are the server's, over every page; each row's report action names its entry. In English and Simplified Chinese, 1280 and 390 pixels wide, photographed into
 * {@code target/screenshots/access-log/} and checked with axe-core.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class AccessLogScreenIT {

    @InjectRealm(ref = "access-log")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    /** How many times staff of alice's class read her record for student services. */
    private static final int STAFF_READS = 23;

    @RegisterExtension
    static final CampusWorld<AccessLogScreenIT, World> WORLD = CampusWorld.of(AccessLogScreenIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            RealmRepresentation representation = test.realm.admin().toRepresentation();
            representation.setAccountTheme("student-records");
            test.realm.admin().update(representation);
            campus.offersEnglishAndChinese();
            String admin = campus.signIn(test.oauth, "ada", PORTAL, Campus.ADMIN_SCOPES);
            GeneratedStudent alice = GeneratedStudent.number(71, PHYSICS_CLASS);
            String record = campus.enrol(admin, alice, "alice");
            // More reads by staff of her class for student services than one page of the log holds.
            String sam = campus.signIn(test.oauth, "sam", PORTAL, Campus.STAFF_SCOPES);
            for (int i = 0; i < STAFF_READS; i++) {
                Api.Reply read = campus.api.call("GET", "/records/" + record, sam, "student-services").send();
                assertThat(read.status()).as("sam reads alice's record: %s", read.body()).isEqualTo(200);
            }
            return new World(campus, alice, record);
        });

    /** The campus, with alice's record (a student of the physics class), read {@link #STAFF_READS} times by sam. */
    record World(Campus campus, GeneratedStudent alice, String aliceRecord) {
    }

    /** What the checks read in one language. */
    record Texts(String tag, String accessLog, String invalidDate, String reportSent, String plainTextOnly, String you,
                 String accountConsole, String staffOfYourClass, String firstPage, String secondPage) {
    }

    private static final List<Integer> WIDTHS = List.of(1280, 390);

    static final Texts ENGLISH = new Texts("en", "Who accessed my record", "Enter a real date (year, month, day).",
        "Your report was sent to the information management centre.",
        "Use plain text only: no control or text-direction characters.", "You", "Account Console",
        "A member of staff of your class", "1–20 of 23", "21–23 of 23");
    static final Texts CHINESE = new Texts("zh-CN", "谁查看了我的档案", "请输入有效的日期（年、月、日）。",
        "你的举报已提交给信息管理中心。", "请只使用纯文本：不能含控制字符或文字方向字符。", "你本人", "账户控制台",
        "你所在班级的一名工作人员", "第 1–20 条，共 23 条", "第 21–23 条，共 23 条");

    /** Codes and ids the pages must never show as such. */
    private static final List<String> RAW_CODES = List.of("account-console", "READ_ACCESS_LOG", "TOKEN_CLAIMS",
        "CONFIRMATION_CHECK", "records-staff");

    @Test
    void aYearWithADigitTooManyIsMarkedAtTheFieldInEnglish() throws IOException {
        dateFilter(ENGLISH);
    }

    @Test
    void aYearWithADigitTooManyIsMarkedAtTheFieldInChinese() throws IOException {
        dateFilter(CHINESE);
    }

    @Test
    void aSearchThatFoundHerRecordCanBeReportedAndARefusalSaysWhyInEnglish() throws IOException {
        reportSearch(ENGLISH);
    }

    @Test
    void aSearchThatFoundHerRecordCanBeReportedAndARefusalSaysWhyInChinese() throws IOException {
        reportSearch(CHINESE);
    }

    @Test
    void eachEntrySaysWhoActedAndWhenToTheSecondAndTheFiltersAskTheServerInEnglish() throws IOException {
        whoActed(ENGLISH);
    }

    @Test
    void eachEntrySaysWhoActedAndWhenToTheSecondAndTheFiltersAskTheServerInChinese() throws IOException {
        whoActed(CHINESE);
    }

    /**
     * Her own look at the log is "You" through the account console by its name, to the second; staff of her class are
     * "a member of staff of your class"; who and purpose are asked of the server, so the second page holds the rest of
     * the matches; each row's one report action names its entry, and the form it opens names the entry again.
     */
    private void whoActed(Texts texts) throws IOException {
        List<String> inaccessible = new ArrayList<>();
        for (int width : WIDTHS) {
            try (ConsoleBrowser browser = accessLog(texts, width)) {
                WebElement own = browser.visible(By.cssSelector("tr[data-actor='YOU'][data-operation='READ_ACCESS_LOG']"));
                String ownSequence = sequenceOf(own);
                assertThat(browser.byTestId("who-" + ownSequence).getText()).contains(texts.you(), texts.accountConsole());
                assertThat(browser.byTestId("time-" + ownSequence).getText()).as("to the second")
                    .containsPattern("\\d{1,2}:\\d{2}:\\d{2}");
                assertThat(browser.pageText()).doesNotContain(RAW_CODES);

                select(browser, "log-who", "STAFF");
                select(browser, "log-purpose", "student-services");
                browser.waitForText(By.cssSelector("[data-testid='log-range']"), texts.firstPage());
                List<WebElement> rows = browser.driver.findElements(By.cssSelector("tr[data-testid^='entry-']"));
                assertThat(rows).hasSize(20).allSatisfy(row -> {
                    assertThat(row.getAttribute("data-actor")).isEqualTo("STAFF");
                    assertThat(row.getAttribute("data-client")).isEqualTo(PORTAL);
                });
                assertThat(browser.byTestId("who-" + sequenceOf(rows.get(0))).getText()).contains(texts.staffOfYourClass());
                assertThat(browser.pageText()).doesNotContain(RAW_CODES);
                browser.screenshot(texts.tag() + "-" + width + "-staff-for-student-services");
                inaccessible.addAll(accessibilityViolations(browser));

                browser.click(By.cssSelector("[data-testid='older']"));
                browser.waitForText(By.cssSelector("[data-testid='log-range']"), texts.secondPage());
                browser.waitUntil(d -> d.findElements(By.cssSelector("tr[data-testid^='entry-']")).size() == STAFF_READS - 20);
                browser.screenshot(texts.tag() + "-" + width + "-staff-for-student-services-page-2");

                // One report action per row, named by its entry; the form names the entry: when, who, what.
                String sequence = sequenceOf(browser.visible(By.cssSelector("tr[data-testid^='entry-']")));
                String time = spaced(browser.byTestId("time-" + sequence).getText());
                String what = browser.byTestId("what-" + sequence).getText();
                WebElement report = browser.byTestId("report-" + sequence);
                assertThat(spaced(report.getAttribute("aria-label"))).contains(time, texts.staffOfYourClass());
                browser.scrollIntoView(report);
                browser.click(By.cssSelector("[data-testid='report-" + sequence + "']"));
                browser.waitUntil(d -> spaced(d.findElement(By.cssSelector("[data-testid='report-entry-time']")).getText())
                    .equals(time));
                assertThat(browser.byTestId("report-entry-who").getText()).contains(texts.staffOfYourClass());
                assertThat(browser.byTestId("report-entry-what").getText()).isEqualTo(what);
                browser.screenshot(texts.tag() + "-" + width + "-report-names-the-entry");
                inaccessible.addAll(accessibilityViolations(browser));
            }
        }
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    /** The text with every run of spaces (the narrow and no-break ones of a formatted time too) as one space. */
    private static String spaced(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u00a0\\u202f]+", " ").strip();
    }

    private static String sequenceOf(WebElement row) {
        return row.getAttribute("data-testid").substring("entry-".length());
    }

    private static void select(ConsoleBrowser browser, String id, String value) {
        new Select(browser.visible(By.id(id))).selectByValue(value);
    }

    private void dateFilter(Texts texts) throws IOException {
        List<String> inaccessible = new ArrayList<>();
        for (int width : WIDTHS) {
            try (ConsoleBrowser browser = accessLog(texts, width)) {
                browser.visible(By.cssSelector("[data-testid='access-log'] tr[data-testid^='entry-']"));
                browser.setValue(By.id("log-from"), "20255-01-01");
                assertThat(browser.visible(By.id("log-from")).getAttribute("value"))
                    .as("the browser keeps the five-digit year").isEqualTo("20255-01-01");
                browser.waitForText(By.id("log-from-error"), texts.invalidDate());
                assertThat(browser.pageText()).doesNotContain("RangeError", "Invalid time value");
                browser.waitForPage(texts.accessLog());
                assertThat(browser.visible(By.id("log-from")).getAttribute("aria-invalid")).isEqualTo("true");
                browser.screenshot(texts.tag() + "-" + width + "-date-with-five-digit-year");
                inaccessible.addAll(accessibilityViolations(browser));
                assertThat(browser.sidewaysOverflow().pixels()).as("no sideways scrolling").isLessThanOrEqualTo(0);

                // Corrected, the filter applies and the field is no longer marked.
                browser.setValue(By.id("log-from"), "2025-01-01");
                browser.waitUntil(d -> d.findElements(By.id("log-from-error")).isEmpty());
                browser.visible(By.cssSelector("[data-testid='access-log'] tr[data-testid^='entry-']"));
                if (width < 1280) {
                    // On a phone the menu starts closed, the header's button opens it, choosing a page closes it.
                    assertThat(browser.driver.findElement(By.cssSelector("[data-testid='student-menu']"))
                        .getAttribute("data-open")).isEqualTo("false");
                    browser.click(By.id("nav-toggle"));
                    browser.click(By.cssSelector(".pf-v5-c-page__sidebar a[href$='student-record/access-log']"));
                    browser.waitUntil(d -> "false".equals(d.findElement(By.cssSelector("[data-testid='student-menu']"))
                        .getAttribute("data-open")));
                }
                assertThat(browser.iconAnswers()).as("the account page's icon").isNotEmpty()
                    .allSatisfy(answer -> assertThat(answer).matches(".* 200 image/.*"));
            }
        }
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    private void reportSearch(Texts texts) throws IOException {
        World w = WORLD.get();
        Campus campus = w.campus();
        String staff = campus.signIn(oauth, "sam", PORTAL, "student.search student.profile.read");
        String query = "/search?q=" + URLEncoder.encode(w.alice().studentNumber(), StandardCharsets.UTF_8);
        List<String> inaccessible = new ArrayList<>();
        for (int width : WIDTHS) {
            // Staff of her class look her up by her student number just before she looks: the search's answer names
            // her record (enrolled moments ago, the index may need a moment to have it).
            await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    Api.Reply search = campus.api.call("GET", query, staff, "teaching").send();
                    assertThat(search.status()).as("the search: %s", search.body()).isEqualTo(200);
                    assertThat(search.body()).as("the search's answer names her record").contains(w.aliceRecord());
                });
            try (ConsoleBrowser browser = accessLog(texts, width)) {
                WebElement row = browser.visible(By.cssSelector("tr[data-client='" + PORTAL + "'][data-operation='SEARCH']"));
                String sequence = row.getAttribute("data-testid").substring("entry-".length());
                browser.scrollIntoView(row);
                browser.screenshot(texts.tag() + "-" + width + "-search-in-the-log");
                browser.click(By.cssSelector("[data-testid='report-" + sequence + "']"));

                // A message with a character that turns text around is refused: the dialog says so in her language.
                browser.setValue(By.id("report-message"), "Who looked me up\u202e?");
                browser.click(By.cssSelector("[data-testid='send-report']"));
                browser.waitForText(By.cssSelector("[data-testid='report-error']"), texts.plainTextOnly());
                assertThat(browser.byTestId("report-error").getText()).doesNotContain("break a rule");
                browser.screenshot(texts.tag() + "-" + width + "-report-refused");
                inaccessible.addAll(accessibilityViolations(browser));

                browser.type(By.id("report-message"), "A teacher looked me up without telling me why (" + width + ").");
                browser.click(By.cssSelector("[data-testid='send-report']"));
                browser.waitForText(By.cssSelector("[data-testid='report-sent']"), texts.reportSent());
                browser.screenshot(texts.tag() + "-" + width + "-search-reported");
            }
        }
        String alice = campus.signIn(oauth, "alice", PORTAL, "student.self");
        assertThat(campus.api.call("GET", "/me/reports", alice, null).send().body()).contains("A teacher looked me up");
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    /**
     * The serious axe-core violations of the page at any width (on a phone, Keycloak's header shows its account menu
     * behind a button the console names).
     */
    private static List<String> accessibilityViolations(ConsoleBrowser browser) throws IOException {
        return browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript());
    }

    /** A browser {@code width} pixels wide signed in as alice, who speaks {@code texts}' language, on her access log. */
    private ConsoleBrowser accessLog(Texts texts, int width) throws IOException {
        Campus campus = WORLD.get().campus();
        campus.speaks("alice", texts.tag());
        ConsoleBrowser browser = ConsoleBrowser.forScreenshots("access-log");
        // As a phone opens it: the page's first layout is the narrow one.
        browser.driver.manage().window().setSize(new Dimension(width, width < 1280 ? 844 : 1600));
        browser.open(accessLogUrl());
        browser.signIn("alice", campus.passwords.get("alice"));
        browser.waitForPage(texts.accessLog());
        return browser;
    }

    private String accessLogUrl() {
        return realm.getBaseUrl() + "/account/student-record/access-log";
    }
}
