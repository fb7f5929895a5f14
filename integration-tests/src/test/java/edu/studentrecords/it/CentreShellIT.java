package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.config.Config;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The centre's frame in headless Chromium against the suite's real Keycloak: what each realm role sees (a supervisor
 * only the pages supervision may use, landing on the first; someone without a centre role a page saying whom to ask),
 * the masthead and breadcrumbs of the admin console, problems in the chosen language at the field with its label, the
 * icon. Screenshots at 1280 and 390 px in both languages go into {@code target/screenshots/centre-shell/}; axe-core
 * checks each.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class CentreShellIT {

    @InjectRealm(ref = "centre-shell")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<CentreShellIT, Campus> WORLD = CampusWorld.of(CentreShellIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            campus.offersEnglishAndChinese();
            return campus;
        });

    private static final List<String> LANGUAGES = List.of("en", "zh-CN");

    @Test
    void theSupervisorLandsOnAPageSupervisionMayUseAndNeverSeesAForbiddenForm() throws Exception {
        Campus campus = WORLD.get();
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        for (String language : LANGUAGES) {
            campus.speaks("sue", language);
            try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre-shell")) {
                browser.open(centreBase());
                browser.signIn("sue", campus.passwords.get("sue"));
                browser.waitForPage(language.equals("en") ? "Reports" : "举报");
                assertThat(browser.driver.getCurrentUrl()).endsWith("/centre/reports");
                assertThat(navigation(browser))
                    .containsExactly("nav-reports", "nav-incidents", "nav-self-check", "nav-audit");
                assertThat(browser.byTestId("breadcrumbs").getText())
                    .contains(language.equals("en") ? "Information management centre" : "信息管理中心");
                assertThat(browser.byTestId("realm-name").getText()).contains(realm.getName());
                assertThat(browser.byTestId("signed-in-as").getText()).isEqualTo("sue");
                browser.screenshot("supervisor-" + language + "-landing");
                inaccessible.addAll(label(language + " supervisor landing", browser.seriousAccessibilityViolations(axe)));

                // An address of a page that is not hers (a bookmark, a link) is her first page, never the form.
                for (String forbidden : List.of("grants", "settings", "corrections", "retention", "backups", "history")) {
                    browser.open(centreBase() + forbidden);
                    browser.waitForPage(language.equals("en") ? "Reports" : "举报");
                    assertThat(browser.driver.getCurrentUrl()).as(forbidden).endsWith("/centre/reports");
                    assertThat(browser.driver.findElements(By.cssSelector("[data-testid='send-grant'], "
                        + "[data-testid='settings-form'], [data-testid='load-error']"))).as(forbidden).isEmpty();
                }
                assertThat(browser.pageText()).doesNotContain("403");

                browser.byTestId("user-menu").click();
                browser.byTestId("sign-out");
                browser.byTestId("language-" + language);
                browser.screenshot("supervisor-" + language + "-user-menu");
                inaccessible.addAll(label(language + " user menu", browser.seriousAccessibilityViolations(axe)));
                browser.byTestId("user-menu").click();

                browser.driver.manage().window().setSize(new Dimension(390, 844));
                browser.open(centreBase() + "self-check");
                browser.waitForPage(language.equals("en") ? "Self-check" : "安全自查");
                assertThat(browser.sidewaysOverflow().pixels()).as("no sideways scrolling on a phone: %s",
                    browser.sidewaysOverflow().elements()).isLessThanOrEqualTo(0);
                browser.screenshot("supervisor-" + language + "-narrow");
                inaccessible.addAll(label(language + " supervisor narrow", browser.seriousAccessibilityViolations(axe)));
            }
        }
        campus.speaks("sue", "en");
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void aStudentAndTheMasterRealmsAdministratorGetAPageSayingWhomToAskInsteadOfRefusals() throws Exception {
        Campus campus = WORLD.get();
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        for (String language : LANGUAGES) {
            campus.speaks("alice", language);
            try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre-shell")) {
                browser.open(centreBase() + "grants");
                browser.signIn("alice", campus.passwords.get("alice"));
                browser.waitForPage(language.equals("en") ? "The centre is for the information management centre"
                    : "本中心供信息管理中心使用");
                assertThat(browser.byTestId("no-access").getText()).contains("alice", "records-admin",
                    "records-supervisor", realm.getName());
                assertThat(browser.driver.findElements(By.cssSelector("[data-testid^='nav-'], [data-testid='load-error'], "
                    + "[data-testid='send-grant']"))).isEmpty();
                assertThat(browser.pageText()).doesNotContain("403");
                browser.screenshot("student-" + language + "-no-access");
                inaccessible.addAll(label(language + " student", browser.seriousAccessibilityViolations(axe)));
                browser.driver.manage().window().setSize(new Dimension(390, 844));
                browser.open(centreBase());
                browser.byTestId("no-access");
                assertThat(browser.sidewaysOverflow().pixels()).as("no sideways scrolling on a phone: %s",
                    browser.sidewaysOverflow().elements()).isLessThanOrEqualTo(0);
                browser.screenshot("student-" + language + "-no-access-narrow");
                inaccessible.addAll(label(language + " student narrow", browser.seriousAccessibilityViolations(axe)));
            }
        }
        campus.speaks("alice", "en");

        // Keycloak's own administrator holds no role of the centre in the master realm either.
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre-shell")) {
            String master = realm.getBaseUrl().replaceAll("/realms/[^/]+$", "/realms/master");
            browser.open(master + "/student-records/centre/?lang=en");
            browser.signIn(Config.getAdminUsername(), Config.getAdminPassword());
            browser.waitForPage("The centre is for the information management centre");
            assertThat(browser.byTestId("no-access").getText()).contains("master");
            assertThat(browser.pageText()).doesNotContain("403");
            browser.screenshot("master-admin-en-no-access");
        }
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void aRefusedSettingIsMarkedAtItsFieldInChineseWithItsLabelAndTheApiAnswersInTheLanguageAsked() throws Exception {
        Campus campus = WORLD.get();
        String admin = campus.signIn(oauth, "ada", PORTAL, ADMIN_SCOPES);
        JsonNode body = campus.api.call("GET", "/settings", admin, "administration").send().json().deepCopy();
        // The end of the working day before its start: refused at selfCheck.workday, nothing written.
        ((ObjectNode) body.path("selfCheck")).put("workday", "20:00-07:00");
        Api.Reply chinese = campus.api.call("PUT", "/settings", admin, "administration")
            .header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").json("application/json", body).send();
        assertThat(chinese.status()).as("%s", chinese.body()).isEqualTo(422);
        assertThat(chinese.json().path("detail").asText()).isEqualTo("1 项不符合规则，未写入任何内容。");
        assertThat(chinese.json().path("title").asText()).isEqualTo("设置无效");
        assertThat(chinese.json().at("/errors/0/field").asText()).isEqualTo("selfCheck.workday");
        assertThat(chinese.json().at("/errors/0/rule").asText()).isEqualTo("pattern");
        assertThat(chinese.json().path("type").asText()).endsWith("/validation");
        for (String other : List.of("en-GB", "fr-FR")) {
            Api.Reply english = campus.api.call("PUT", "/settings", admin, "administration")
                .header("Accept-Language", other).json("application/json", body).send();
            assertThat(english.json().path("detail").asText()).as(other)
                .isEqualTo("1 field(s) break a rule; nothing was written.");
            assertThat(english.json().at("/errors/0/field").asText()).isEqualTo("selfCheck.workday");
        }

        String axe = ConsoleBrowser.axeScript();
        campus.speaks("ada", "zh-CN");
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre-shell")) {
            browser.open(centreBase() + "settings");
            browser.signIn("ada", campus.passwords.get("ada"));
            browser.waitForPage("设置");
            browser.byTestId("settings-form");
            browser.type(By.id("setting-selfCheck-workday"), "20:00-07:00");
            browser.click(By.cssSelector("[data-testid='save-settings']"));
            String error = browser.visible(By.id("setting-selfCheck-workday-error")).getText();
            assertThat(error).isEqualTo("格式如 07:00-20:00，开始时间早于结束时间。");
            assertThat(browser.visible(By.cssSelector("label[for='setting-selfCheck-workday']")).getText())
                .contains("工作时间");
            assertThat(browser.byTestId("settings-message").getText()).contains("设置未保存");
            assertThat(browser.pageText()).doesNotContain("422", "selfCheck.workday", "Invalid", "Like 07:00");
            browser.screenshot("settings-zh-CN-field-error");
            List<String> inaccessible = browser.seriousAccessibilityViolations(axe);
            assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
        } finally {
            campus.speaks("ada", "en");
        }
    }

    @Test
    void theCentreAndTheApiAnswerFaviconIcoWithTheProductsIcon() throws Exception {
        for (String path : List.of("/student-records/centre/favicon.ico", "/student-records/favicon.ico",
            "/student-records/centre/favicon.svg")) {
            HttpResponse<String> icon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(realm.getBaseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(icon.statusCode()).as(path).isEqualTo(200);
            assertThat(icon.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("image/svg+xml");
            assertThat(icon.body()).as(path).contains("<svg");
        }
    }

    private static List<String> navigation(ConsoleBrowser browser) {
        return browser.driver.findElements(By.cssSelector("[data-testid^='nav-']")).stream()
            .map(e -> e.getAttribute("data-testid")).toList();
    }

    private String centreBase() {
        return realm.getBaseUrl() + "/student-records/centre/";
    }

    private static List<String> label(String page, List<String> violations) {
        return violations.stream().map(v -> page + ": " + v).toList();
    }
}
