package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.BUREAU;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/**
 * The centre's "Applications and scopes" and "Archives, holds and paper copies" screens in headless Chromium against
 * the suite's real Keycloak: ada asks to turn the statistics bureau internal, her own Approve is disabled, eli approves
 * it in Chinese after a confirmation and the bureau reads a record from its next request; ada finds a record by its
 * student number, places a legal hold, registers a paper copy and lifts the hold after a confirmation. The API is
 * checked after each step; each screen is photographed at 1280 and 390 px in English and Chinese into
 * {@code target/screenshots/centre/} and checked with axe-core.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class CentreApplicationsIT {

    private static final String ADMINISTRATION = "administration";

    @InjectRealm(ref = "centre-applications")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<CentreApplicationsIT, World> WORLD = CampusWorld.of(CentreApplicationsIT.class,
        t -> t.realm, t -> t.oauth, (test, campus) -> {
            campus.offersEnglishAndChinese();
            String admin = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
            GeneratedStudent alice = GeneratedStudent.number(362, PHYSICS_CLASS);
            return new World(campus, admin, alice, campus.enrol(admin, alice, "alice"));
        });

    /** The campus with alice's record, set up once for the class. */
    record World(Campus campus, String adminToken, GeneratedStudent alice, String aliceRecord) {
    }

    @Test
    void adaAsksToTurnTheBureauInternalAndEliApprovesItInChinese() throws Exception {
        World w = WORLD.get();
        Campus campus = w.campus();
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        String row = "[data-testid='app-" + BUREAU + "']";
        campus.speaks("ada", "en");
        campus.speaks("eli", "zh-CN");
        assertThat(campus.api.call("GET", "/records/" + w.aliceRecord(), campus.serviceToken(oauth, BUREAU),
            "statistics").send().status()).as("an outside body without a grant").isEqualTo(403);

        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            browser.open(centreBase() + "applications");
            browser.signIn("ada", campus.passwords.get("ada"));
            browser.waitForPage("Applications and scopes");
            browser.byTestId("applications");
            browser.type(By.cssSelector("[data-testid='apps-search'] input"), "statistics");
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid='applications'] tbody tr")).size() == 1);
            assertThat(browser.visible(By.cssSelector(row)).getAttribute("data-trust")).isEqualTo("external");
            browser.click(By.cssSelector("[data-testid='edit-" + BUREAU + "']"));
            browser.byTestId("app-form");
            browser.click(By.cssSelector("label[for='app-trust-internal']"));
            browser.type(By.id("app-units"), "physics/2024");
            browser.click(By.cssSelector("[data-testid='app-units-option-" + PHYSICS_CLASS + "']"));
            browser.byTestId("app-units-chip-" + PHYSICS_CLASS);
            // Escape closes the units' menu, which would otherwise lie over the fields below.
            browser.driver.findElement(By.id("app-units")).sendKeys(Keys.ESCAPE);
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid^='app-units-option-']")).isEmpty());
            browser.byTestId("app-widens");
            browser.screenshot("applications-1-ask-to-turn-internal");
            inaccessible.addAll(label("applications form", browser.seriousAccessibilityViolations(axe)));
            browser.click(By.cssSelector("[data-testid='app-save']"));
            browser.byTestId("app-requested");
            browser.waitUntil(d -> "true".equals(d.findElement(By.cssSelector(row)).getAttribute("data-pending")));
            assertThat(browser.byTestId("approve-change-" + BUREAU).getAttribute("data-mine"))
                .as("ada may not approve her own change").isEqualTo("true");
            browser.screenshot("applications-2-awaiting-approval");
        }
        JsonNode waiting = bureau(w);
        assertThat(waiting.path("trust").asText()).as("not before approval").isEqualTo("external");
        assertThat(waiting.at("/pendingChange/trust").asText()).isEqualTo("internal");
        assertThat(waiting.at("/pendingChange/units/0").asText()).isEqualTo(PHYSICS_CLASS);
        assertThat(waiting.at("/pendingChange/requestedBy/username").asText()).isEqualTo("ada");

        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            browser.open(centreBase() + "applications");
            browser.signIn("eli", campus.passwords.get("eli"));
            browser.waitForPage("应用与权限范围");
            assertThat(browser.byTestId("approve-change-" + BUREAU).getAttribute("data-mine")).isEqualTo("false");
            browser.click(By.cssSelector("[data-testid='approve-change-" + BUREAU + "']"));
            assertThat(browser.byTestId("confirm-change").getText()).contains("ada", "改为内部");
            browser.screenshot("applications-3-zh-confirm-approval");
            inaccessible.addAll(label("zh approval", browser.seriousAccessibilityViolations(axe)));
            browser.click(By.cssSelector("[data-testid='confirm-change-confirm']"));
            browser.byTestId("app-approved");
            browser.waitUntil(d -> "internal".equals(d.findElement(By.cssSelector(row)).getAttribute("data-trust")));
            browser.screenshot("applications-4-zh-approved");
            inaccessible.addAll(label("zh applications", browser.seriousAccessibilityViolations(axe)));
            narrow(browser, "应用与权限范围", "applications-5-zh-narrow", inaccessible, axe);
        }
        assertThat(bureau(w).path("trust").asText()).isEqualTo("internal");
        Api.Reply read = campus.api.call("GET", "/records/" + w.aliceRecord(), campus.serviceToken(oauth, BUREAU),
            "statistics").send();
        assertThat(read.status()).as("the bureau's next request: %s", read.body()).isEqualTo(200);

        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            browser.open(centreBase() + "applications");
            browser.signIn("ada", campus.passwords.get("ada"));
            narrow(browser, "Applications and scopes", "applications-6-en-narrow", inaccessible, axe);
        }
        Api.Reply external = campus.api.call("PUT", "/applications/" + BUREAU, w.adminToken(), ADMINISTRATION)
            .json("application/json", Map.of("trust", "external", "purposes", List.of("statistics"),
                "defaultScopes", List.of("student.profile.read"))).send();
        assertThat(external.status()).as(external.body()).isEqualTo(200);
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void adaPlacesAHoldRegistersAPaperCopyAndLiftsTheHold() throws Exception {
        World w = WORLD.get();
        Campus campus = w.campus();
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        String reason = "Court order " + System.nanoTime();
        String location = "Registry cabinet " + System.nanoTime();
        String destroyBy = LocalDate.now(ZoneOffset.UTC).plusYears(2).toString();
        campus.speaks("ada", "en");

        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            browser.open(centreBase() + "archives");
            browser.signIn("ada", campus.passwords.get("ada"));
            browser.waitForPage("Archives, holds and paper copies");
            browser.type(By.cssSelector("[data-testid='arc-number']"), w.alice().studentNumber());
            browser.click(By.cssSelector("[data-testid='arc-find']"));
            browser.waitForText(By.id("arc-record-title"), w.alice().name());
            browser.byTestId("arc-no-archive");
            browser.type(By.id("arc-hold-reason"), reason);
            browser.click(By.cssSelector("[data-testid='arc-place-hold']"));
            browser.byTestId("hold-placed");
            browser.waitForText(By.cssSelector("[data-testid='record-holds']"), reason);
            browser.type(By.id("arc-copy-location"), location);
            browser.type(By.id("arc-copy-custodian"), "Registrar");
            browser.setValue(By.id("arc-copy-destroy"), destroyBy);
            browser.click(By.cssSelector("[data-testid='arc-register-copy']"));
            browser.byTestId("copy-registered");
            browser.waitForText(By.cssSelector("[data-testid='paper-copies']"), location);
            browser.screenshot("archives-1-hold-and-paper-copy");
            inaccessible.addAll(label("archives", browser.seriousAccessibilityViolations(axe)));

            JsonNode hold = holdWithReason(w, reason);
            assertThat(hold.path("recordId").asText()).isEqualTo(w.aliceRecord());
            assertThat(hold.path("liftedAt").isNull()).isTrue();
            JsonNode copies = campus.api.call("GET", "/records/" + w.aliceRecord() + "/paper-copies", w.adminToken(),
                ADMINISTRATION).send().json().path("paperCopies");
            assertThat(copies.findValuesAsText("location")).containsExactly(location);
            assertThat(copies.findValuesAsText("destroyBy")).containsExactly(destroyBy);

            String holdId = hold.path("id").asText();
            browser.click(By.cssSelector("[data-testid='all-holds'] [data-testid='lift-" + holdId + "']"));
            browser.byTestId("confirm-lift");
            browser.screenshot("archives-2-confirm-lift");
            inaccessible.addAll(label("lift confirmation", browser.seriousAccessibilityViolations(axe)));
            browser.click(By.cssSelector("[data-testid='confirm-lift-confirm']"));
            browser.byTestId("hold-lifted");
            browser.waitUntil(d -> "true".equals(d.findElement(By.cssSelector("[data-testid='all-holds'] "
                + "[data-testid='hold-" + holdId + "']")).getAttribute("data-lifted")));
            assertThat(holdWithReason(w, reason).path("liftedAt").isNull()).as("lifted").isFalse();
            narrow(browser, "Archives, holds and paper copies", "archives-3-en-narrow", inaccessible, axe);
        }
        campus.speaks("ada", "zh-CN");
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            browser.open(centreBase() + "archives");
            browser.signIn("ada", campus.passwords.get("ada"));
            browser.waitForPage("档案、保全与纸质副本");
            browser.click(By.cssSelector("[data-testid='all-holds'] button[data-testid^='open-']"));
            browser.waitForText(By.id("arc-record-title"), w.alice().name());
            browser.waitForText(By.cssSelector("[data-testid='paper-copies']"), location);
            browser.screenshot("archives-4-zh");
            inaccessible.addAll(label("zh archives", browser.seriousAccessibilityViolations(axe)));
            narrow(browser, "档案、保全与纸质副本", "archives-5-zh-narrow", inaccessible, axe);
        } finally {
            campus.speaks("ada", "en");
        }
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    /**
     * The current page at 390 px: nothing of the page's content reaches beyond the window (no sideways scrolling for
     * it), photographed, checked with axe-core.
     */
    private static void narrow(ConsoleBrowser browser, String heading, String name, List<String> inaccessible,
                               String axe) throws Exception {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.waitForPage(heading);
        browser.waitUntil(d -> d.findElements(By.cssSelector(".pf-v5-c-spinner")).isEmpty());
        Object beyond = ((JavascriptExecutor) browser.driver).executeScript("""
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll('#centre-main *')]
              .filter(e => e.getBoundingClientRect().right > width + 0.5)
              .map(e => e.tagName.toLowerCase() + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '')
                + ' right=' + Math.round(e.getBoundingClientRect().right));
            """);
        assertThat((List<?>) beyond).as("the page's content reaches beyond a phone's width").isEmpty();
        browser.screenshot(name);
        inaccessible.addAll(label(name, browser.seriousAccessibilityViolations(axe)));
        browser.driver.manage().window().setSize(new Dimension(1280, 1600));
    }

    private JsonNode bureau(World w) {
        Api.Reply list = w.campus().api.call("GET", "/applications", w.adminToken(), ADMINISTRATION).send();
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (JsonNode application : list.json().path("applications")) {
            if (BUREAU.equals(application.path("clientId").asText())) {
                return application;
            }
        }
        throw new AssertionError("no bureau in " + list.body());
    }

    private JsonNode holdWithReason(World w, String reason) {
        for (JsonNode h : w.campus().api.call("GET", "/legal-holds", w.adminToken(), ADMINISTRATION).send().json()
            .path("legalHolds")) {
            if (h.path("reason").asText().equals(reason)) {
                return h;
            }
        }
        throw new AssertionError("no hold " + reason);
    }

    private String centreBase() {
        return realm.getBaseUrl() + "/student-records/centre/";
    }

    private static List<String> label(String page, List<String> violations) {
        return violations.stream().map(v -> page + ": " + v).toList();
    }
}
