package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.BUREAU;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Decisions in the information management centre's screens, in headless Chromium: the administrator who asked for a
 * grant finds Approve disabled with the reason beside it, and the form empty for the next request; another approves
 * and revokes, each after a confirmation; a triaged report stays in the default list and a resolved one keeps its
 * severity and assignee; the page's icon is served. Photographed into {@code target/screenshots/centre-decisions/}
 * in English and Chinese, 1280 and 390 pixels wide, and checked with axe-core.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class CentreDecisionsIT {

    @InjectRealm(ref = "centre-decisions")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<CentreDecisionsIT, World> WORLD = CampusWorld.of(CentreDecisionsIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            campus.offersEnglishAndChinese();
            String admin = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
            String record = campus.enrol(admin, GeneratedStudent.number(81, Campus.PHYSICS_CLASS), "alice");
            return new World(campus, admin, record);
        });

    /** The campus with alice's record, set up once for the class. */
    record World(Campus campus, String adminToken, String aliceRecord) {
    }

    /** What the checks read in one language. */
    record Texts(String tag, String grants, String ownGrant, String reports, String triaged, String resolved,
                 String high) {

        boolean chinese() {
            return tag.equals("zh-CN");
        }

        /** Words of the other language's page, which this one must not show. */
        List<String> foreign() {
            return chinese() ? List.of(ENGLISH.triaged(), ENGLISH.resolved(), ENGLISH.high(), ENGLISH.reports(),
                "Severity", "Assignee", "Outcome") : List.of(CHINESE.triaged(), CHINESE.resolved(), "严重程度", "负责人");
        }
    }

    static final Texts ENGLISH = new Texts("en", "Grants",
        "You asked for this grant, so another administrator must approve it.", "Reports", "Triaged", "Resolved", "High");
    static final Texts CHINESE = new Texts("zh-CN", "授权", "此授权由你申请，须由另一名管理员批准。", "举报", "已分级",
        "已处理", "高");

    @Test
    void theRequesterCannotApproveHerOwnGrantAndApprovalAndRevocationAreConfirmedInEnglish() throws IOException {
        grantDecisions(ENGLISH);
    }

    @Test
    void theRequesterCannotApproveHerOwnGrantAndApprovalAndRevocationAreConfirmedInChinese() throws IOException {
        grantDecisions(CHINESE);
    }

    private void grantDecisions(Texts texts) throws IOException {
        World w = WORLD.get();
        Campus campus = w.campus();
        campus.speaks("ada", texts.tag());
        campus.speaks("eli", texts.tag());
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        String reference = "AGR-" + texts.tag() + "-" + System.nanoTime();
        Path agreement = Files.createTempFile("signed-agreement-", ".pdf");
        Files.writeString(agreement, "%PDF-1.7\n" + "0".repeat(3000), StandardCharsets.US_ASCII);

        String grantId;
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre-decisions")) {
            browser.open(grantsUrl());
            browser.signIn("ada", campus.passwords.get("ada"));
            browser.waitForPage(texts.grants());
            // The outside body is picked among the realm's external applications, by name.
            browser.waitUntil(d -> !d.findElements(By.cssSelector("#grant-client option[value='" + BUREAU + "']")).isEmpty());
            new Select(browser.visible(By.id("grant-client"))).selectByValue(BUREAU);
            browser.type(By.id("grant-units"), Campus.PHYSICS_CLASS);
            browser.setValue(By.id("grant-expires"), LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
            browser.type(By.id("grant-reference"), reference);
            browser.driver.findElement(By.id("grant-file")).sendKeys(agreement.toAbsolutePath().toString());
            browser.click(By.cssSelector("[data-testid='send-grant']"));
            grantId = grantIdOf(w, reference, browser);

            // Sent: the form is empty for the next request.
            for (String field : List.of("grant-client", "grant-units", "grant-records", "grant-expires", "grant-reference",
                "grant-file")) {
                assertThat(browser.driver.findElement(By.id(field)).getAttribute("value")).as(field).isEmpty();
            }
            assertThat(browser.driver.findElement(By.id("grant-purpose")).getAttribute("value")).isEqualTo("statistics");

            // Her own request: Approve is there but disabled, and says why.
            WebElement approve = browser.byTestId("approve-" + grantId);
            assertThat(approve.getAttribute("aria-disabled")).isEqualTo("true");
            browser.scrollIntoView(approve);
            new Actions(browser.driver).moveToElement(approve).perform();
            browser.waitForText(By.cssSelector("[role='tooltip']"), texts.ownGrant());
            browser.screenshot(texts.tag() + "-1280-own-grant-approve-disabled");
            inaccessible.addAll(browser.seriousAccessibilityViolations(axe));
            approve.click();
            assertThat(browser.driver.findElements(By.cssSelector("[data-testid='confirm-approve-grant']"))).isEmpty();
            assertThat(browser.iconAnswers()).as("the centre's icon").isNotEmpty()
                .allSatisfy(answer -> assertThat(answer).matches(".* 200 image/svg\\+xml.*"));
            narrow(browser, grantsUrl(), texts.grants());
            browser.scrollIntoView(browser.byTestId("approve-" + grantId));
            assertThat(browser.byTestId("approve-" + grantId).getAttribute("aria-disabled")).isEqualTo("true");
            browser.screenshot(texts.tag() + "-390-own-grant");
            inaccessible.addAll(browser.seriousAccessibilityViolations(axe));
        }
        assertThat(grant(w, grantId).path("status").asText()).isEqualTo("PENDING");

        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre-decisions")) {
            browser.open(grantsUrl());
            browser.signIn("eli", campus.passwords.get("eli"));
            browser.waitForPage(texts.grants());
            browser.click(By.cssSelector("[data-testid='approve-" + grantId + "']"));
            browser.byTestId("confirm-approve-grant");
            assertThat(grant(w, grantId).path("status").asText()).as("nothing before the confirmation").isEqualTo("PENDING");
            browser.screenshot(texts.tag() + "-1280-approve-confirmation");
            inaccessible.addAll(browser.seriousAccessibilityViolations(axe));
            browser.click(By.cssSelector("[data-testid='confirm-approve-grant-confirm']"));
            awaitStatus(browser, grantId, "ACTIVE");

            narrow(browser, grantsUrl(), texts.grants());
            awaitStatus(browser, grantId, "ACTIVE");
            browser.click(By.cssSelector("[data-testid='revoke-" + grantId + "']"));
            browser.byTestId("confirm-revoke-grant");
            browser.screenshot(texts.tag() + "-390-revoke-confirmation");
            inaccessible.addAll(browser.seriousAccessibilityViolations(axe));
            browser.click(By.cssSelector("[data-testid='confirm-revoke-grant-back']"));
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid='confirm-revoke-grant']")).isEmpty());
            assertThat(grant(w, grantId).path("status").asText()).as("going back revokes nothing").isEqualTo("ACTIVE");
            browser.click(By.cssSelector("[data-testid='revoke-" + grantId + "']"));
            browser.click(By.cssSelector("[data-testid='confirm-revoke-grant-confirm']"));
            awaitStatus(browser, grantId, "REVOKED");
        }
        assertThat(grant(w, grantId).path("approvedBy").asText()).isEqualTo(campus.userIds.get("eli"));
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void aTriagedReportStaysInTheDefaultListAndAResolvedOneKeepsItsSeverityAndAssigneeInEnglish() throws IOException {
        triageAndResolution(ENGLISH, 85);
    }

    @Test
    void aTriagedReportStaysInTheDefaultListAndAResolvedOneKeepsItsSeverityAndAssigneeInChinese() throws IOException {
        triageAndResolution(CHINESE, 86);
    }

    /**
     * A student enrolled for this run alone reports a read of her record; Ada triages it (high, assigned to Eli) and
     * resolves it, each step saying what it did in her language; the resolved report keeps what the triage set. In
     * English the language switch then shows the report in Chinese.
     */
    private void triageAndResolution(Texts texts, int studentNumber) throws IOException {
        World w = WORLD.get();
        Campus campus = w.campus();
        String owner = "alice-decisions-" + texts.tag().toLowerCase(java.util.Locale.ROOT);
        campus.person(owner, null, "student");
        campus.enrol(w.adminToken(), GeneratedStudent.number(studentNumber, Campus.PHYSICS_CLASS), owner);
        String alice = campus.signIn(oauth, owner, PORTAL, "student.self");
        long entry = campus.api.call("GET", "/me/access-log", alice, null).send().json()
            .path("entries").get(0).path("sequence").asLong();
        String message = "Who read my record on Monday? (" + System.nanoTime() + ")";
        Api.Reply sent = campus.api.call("POST", "/me/reports", alice, null)
            .json("application/json", Map.of("message", message, "auditEntries", List.of(entry))).send();
        assertThat(sent.status()).as("%s", sent.body()).isEqualTo(201);
        String id = sent.json().path("id").asText();
        String card = "[data-testid='report-" + id + "']";
        String status = card + " .pf-v5-c-card__title .pf-v5-c-label";
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        campus.speaks("ada", texts.tag());

        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre-decisions")) {
            browser.open(centreUrl() + "reports");
            browser.signIn("ada", campus.passwords.get("ada"));
            browser.waitForPage(texts.reports());
            browser.waitForText(By.cssSelector(card), message);
            new Select(browser.visible(By.id("severity-" + id))).selectByValue("HIGH");
            // The assignee is picked among the centre's people, by name.
            browser.waitUntil(d -> !d.findElements(By.cssSelector("#assignee-" + id + " option[value='eli']")).isEmpty());
            new Select(browser.visible(By.id("assignee-" + id))).selectByValue("eli");
            browser.click(By.cssSelector("[data-testid='triage-" + id + "']"));
            // Triaged, it still needs the centre: the default list keeps it, with what the triage set.
            browser.waitForText(By.cssSelector("[data-testid='report-message']"), texts.triaged());
            assertThat(browser.byTestId("report-message").getText()).contains(texts.high(), "(eli)");
            browser.waitUntil(d -> "TRIAGED".equals(d.findElement(By.cssSelector(card)).getAttribute("data-status")));
            assertThat(browser.visible(By.cssSelector(status)).getText()).isEqualTo(texts.triaged());
            browser.waitForText(By.cssSelector("[data-testid='triaged-by-" + id + "']"), "ada");
            assertThat(browser.visible(By.id("severity-" + id)).getAttribute("value")).isEqualTo("HIGH");
            assertThat(browser.visible(By.id("assignee-" + id)).getAttribute("value")).isEqualTo("eli");
            assertThat(browser.pageText()).doesNotContain(texts.foreign());
            browser.scrollIntoView(browser.byTestId("report-" + id));
            browser.screenshot(texts.tag() + "-1280-report-triaged");
            inaccessible.addAll(browser.seriousAccessibilityViolations(axe));

            browser.type(By.id("outcome-" + id), "The read was an enrolment check; no misuse.");
            browser.click(By.cssSelector("[data-testid='resolve-" + id + "']"));
            browser.click(By.cssSelector("[data-testid='confirm-resolve-report-confirm']"));
            browser.waitForText(By.cssSelector("[data-testid='report-message']"), texts.resolved());
            browser.waitUntil(d -> d.findElements(By.cssSelector(card)).isEmpty());
            new Select(browser.visible(By.id("report-filter"))).selectByValue("RESOLVED");
            browser.waitForText(By.cssSelector("[data-testid='outcome-" + id + "']"), "no misuse");
            assertThat(browser.visible(By.cssSelector(status)).getText()).isEqualTo(texts.resolved());
            assertThat(browser.byTestId("severity-of-" + id).getText()).isEqualTo(texts.high());
            assertThat(browser.byTestId("assignee-of-" + id).getText()).endsWith("(eli)");
            assertThat(browser.pageText()).doesNotContain(texts.foreign());
            browser.scrollIntoView(browser.byTestId("report-" + id));
            browser.screenshot(texts.tag() + "-1280-report-resolved");
            inaccessible.addAll(browser.seriousAccessibilityViolations(axe));

            if (!texts.chinese()) {
                // The language switch of the user menu: the same report, in Chinese at once.
                browser.byTestId("user-menu").click();
                browser.byTestId("language-zh-CN").click();
                browser.waitForPage(CHINESE.reports());
                browser.waitForText(By.cssSelector("[data-testid='severity-of-" + id + "']"), CHINESE.high());
                browser.screenshot("en-1280-report-resolved-switched-to-zh-CN");
            }
            narrow(browser, centreUrl() + "reports?lang=" + texts.tag(), texts.reports());
            new Select(browser.visible(By.id("report-filter"))).selectByValue("RESOLVED");
            browser.waitForText(By.cssSelector("[data-testid='severity-of-" + id + "']"), texts.high());
            browser.scrollIntoView(browser.byTestId("report-" + id));
            browser.screenshot(texts.tag() + "-390-report-resolved");
            assertThat(browser.sidewaysOverflow().pixels()).as("no sideways scrolling").isLessThanOrEqualTo(0);
            inaccessible.addAll(browser.seriousAccessibilityViolations(axe));
        }
        campus.speaks("ada", "en");
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    /** The id of the grant with agreement {@code reference}, once the page lists it. */
    private String grantIdOf(World w, String reference, ConsoleBrowser browser) {
        String[] id = new String[1];
        browser.waitUntil(d -> {
            for (JsonNode g : grants(w)) {
                if (g.at("/agreement/reference").asText().equals(reference)) {
                    id[0] = g.path("id").asText();
                }
            }
            return id[0] != null && !d.findElements(By.cssSelector("[data-testid='grant-" + id[0] + "']")).isEmpty();
        });
        return id[0];
    }

    /** The page at {@code url} as a phone opens it: 390 pixels wide from its first layout on. */
    private static void narrow(ConsoleBrowser browser, String url, String heading) {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.open(url);
        browser.waitForPage(heading);
    }

    private static void awaitStatus(ConsoleBrowser browser, String grantId, String status) {
        browser.waitUntil(d -> status.equals(d.findElement(By.cssSelector("[data-testid='grant-" + grantId + "']"))
            .getAttribute("data-status")));
    }

    private static JsonNode grants(World w) {
        Api.Reply list = w.campus().api.call("GET", "/grants", w.adminToken(), "administration").send();
        assertThat(list.status()).as("%s", list.body()).isEqualTo(200);
        return list.json().path("grants");
    }

    private static JsonNode grant(World w, String id) {
        Api.Reply read = w.campus().api.call("GET", "/grants/" + id, w.adminToken(), "administration").send();
        assertThat(read.status()).as("%s", read.body()).isEqualTo(200);
        return read.json();
    }

    private String grantsUrl() {
        return centreUrl() + "grants";
    }

    private String centreUrl() {
        return realm.getBaseUrl() + "/student-records/centre/";
    }
}
