package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Audit and supervision, the supervisor's main screen, in headless Chromium in English and Simplified Chinese: Sue
 * (records-supervisor) narrows the trail to the library's entries, verifies the chain (intact), downloads a verified
 * extract of a record, and sees the reads the library made counted in the chart's table; 1280 and 390 pixels wide,
 * photographed into {@code target/screenshots/audit/}, checked with axe-core. And the counts' endpoint,
 * {@code GET /audit/stats}: what it counts, that it is entered once, and whom it refuses.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class AuditScreensIT {

    /** How often the library reads in the world: each read is one allowed READ of the client library-app. */
    private static final int LIBRARY_READS = 3;

    @InjectRealm(ref = "audit-screens")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<AuditScreensIT, World> WORLD = CampusWorld.of(AuditScreensIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            campus.offersEnglishAndChinese();
            String admin = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
            List<String> records = List.of(
                campus.enrol(admin, GeneratedStudent.number(391, Campus.PHYSICS_CLASS), "alice"),
                campus.enrol(admin, GeneratedStudent.number(392, Campus.PHYSICS_CLASS), "bob"));
            String library = campus.serviceToken(test.oauth, LIBRARY);
            for (int i = 0; i < LIBRARY_READS; i++) {
                Api.Reply read = campus.api.call("GET", "/records/" + records.get(i % 2), library, "library-services")
                    .send();
                assertThat(read.status()).as(read.body()).isEqualTo(200);
            }
            String sue = campus.signIn(test.oauth, "sue", PORTAL, "student.audit");
            assertThat(campus.api.call("POST", "/self-check", sue, "administration").send().status()).isEqualTo(200);
            return new World(campus, records);
        });

    /** The campus and the records the library read (the first twice, the second once). */
    record World(Campus campus, List<String> records) {
    }

    /** What the checks read in one language. */
    record Texts(String tag, String title, String extractDone) {
    }

    static final Texts ENGLISH = new Texts("en", "Audit and supervision", "Extract downloaded: %d entries");
    static final Texts CHINESE = new Texts("zh-CN", "审计与监督", "摘录已下载：%d 条记录");

    @Test
    void theSupervisorFiltersVerifiesCountsAndExtractsInEnglish() throws IOException {
        screens(ENGLISH);
    }

    @Test
    void theSupervisorFiltersVerifiesCountsAndExtractsInChinese() throws IOException {
        screens(CHINESE);
    }

    @Test
    void readsAreCountedPerClientAndPurposeWithOneEntryPerCall() {
        Campus campus = WORLD.get().campus();
        RawRealmStore raw = WORLD.raw();
        String sue = campus.signIn(oauth, "sue", PORTAL, "student.audit");
        Instant to = Instant.now().plus(1, ChronoUnit.MINUTES);
        String window = "from=" + to.minus(2, ChronoUnit.HOURS) + "&to=" + to;

        JsonNode byClient = ok(raw.once(campus.api.call("GET", "/audit/stats?" + window + "&by=client&bucket=hour",
            sue, "administration")));
        assertEntry(raw.newestAuditEntry(), "ALLOW", null);
        JsonNode library = series(byClient, LIBRARY);
        assertThat(library.get("total").asLong()).isEqualTo(LIBRARY_READS);
        assertThat(library.get("refused").asLong()).isZero();
        long summed = 0;
        for (JsonNode count : library.get("counts")) {
            summed += count.asLong();
        }
        assertThat(summed).as("the buckets add up to the total").isEqualTo(LIBRARY_READS);
        assertThat(library.get("counts").size()).isEqualTo(byClient.get("buckets").size());
        assertThat(byClient.get("buckets").size()).as("two hours widened to whole hours").isBetween(2, 3);

        JsonNode byPurpose = ok(raw.once(campus.api.call("GET", "/audit/stats?" + window + "&by=purpose", sue,
            "administration")));
        assertThat(series(byPurpose, "library-services").get("total").asLong()).isEqualTo(LIBRARY_READS);
        assertThat(byPurpose.get("bucket").asText()).isEqualTo("day");
        assertThat(byPurpose.toString()).as("counts only: no record named")
            .doesNotContain(WORLD.get().records().get(0)).doesNotContain(WORLD.get().records().get(1));
    }

    @Test
    void theTrailIsSearchedOnTheServerByClientOperationDecisionAndWindowAndPagedOn() {
        Campus campus = WORLD.get().campus();
        RawRealmStore raw = WORLD.raw();
        String sue = campus.signIn(oauth, "sue", PORTAL, "student.audit");
        // One page of one entry at a time: the library's three reads come one by one, each page saying where to go on.
        List<Long> found = new ArrayList<>();
        Long next = 1L;
        for (int page = 0; page < 10 && next != null; page++) {
            // Codes in any case, as the other filters take them.
            JsonNode reply = ok(raw.once(campus.api.call("GET", "/audit?fromSequence=" + next + "&client=" + LIBRARY
                + "&operation=read&decision=allow&limit=1", sue, "administration")));
            assertEntry(raw.newestAuditEntry(), "AUDIT_READ", "ALLOW", null);
            reply.get("entries").forEach(e -> {
                assertThat(e.get("clientId").asText()).isEqualTo(LIBRARY);
                assertThat(e.get("operation").asText()).isEqualTo("READ");
                assertThat(e.get("decision").asText()).isEqualTo("ALLOW");
                found.add(e.get("sequence").asLong());
            });
            next = reply.get("nextSequence").isNull() ? null : reply.get("nextSequence").asLong();
        }
        assertThat(found).as("every read of the library, in order, once").hasSize(LIBRARY_READS).isSorted()
            .doesNotHaveDuplicates();
        JsonNode refused = ok(raw.once(campus.api.call("GET", "/audit?client=" + LIBRARY + "&decision=DENY", sue,
            "administration")));
        assertThat(refused.get("entries")).as("the library was refused nothing").isEmpty();
        assertThat(refused.get("nextSequence").isNull()).as("the trail was read to its end").isTrue();
        Instant later = Instant.now().plus(1, ChronoUnit.DAYS);
        JsonNode tomorrow = ok(raw.once(campus.api.call("GET", "/audit?client=" + LIBRARY + "&from=" + later
            + "&to=" + later.plus(1, ChronoUnit.HOURS), sue, "administration")));
        assertThat(tomorrow.get("entries")).as("nothing in a window to come").isEmpty();
        // Bad codes, and windows at the ends of time or the wrong way round (a 500 and an entry saying it was answered,
        // before windows were checked).
        for (String bad : List.of("client=%3Cscript%3E", "decision=MAYBE", "operation=" + "X".repeat(300),
            "to=%2B1000000000-12-31T23:59:59Z", "from=-1000000000-01-01T00:00:00Z",
            "from=2026-09-02T00:00:00Z&to=2026-09-01T00:00:00Z", "record=" + UUID.randomUUID() + "&to=%2B99999-01-01T00:00:00Z")) {
            Api.Reply refusal = raw.once(campus.api.call("GET", "/audit?" + bad, sue, "administration"));
            assertThat(refusal.status()).as("%s: %s", bad, refusal.body()).isEqualTo(400);
            assertEntry(raw.newestAuditEntry(), "AUDIT_READ", "DENY", "MALFORMED_REQUEST");
        }
        String sam = campus.signIn(oauth, "sam", PORTAL, Campus.STAFF_SCOPES + " student.audit");
        assertThat(raw.once(campus.api.call("GET", "/audit?client=" + LIBRARY, sam, "teaching")).status())
            .as("staff do not supervise").isEqualTo(403);
    }

    @Test
    void readCountsAreRefusedToStaffAndForBadWindowsAndEnteredAsRefusals() {
        Campus campus = WORLD.get().campus();
        RawRealmStore raw = WORLD.raw();
        String sue = campus.signIn(oauth, "sue", PORTAL, "student.audit");
        String sam = campus.signIn(oauth, "sam", PORTAL, Campus.STAFF_SCOPES + " student.audit");
        Instant to = Instant.now();
        String day = "from=" + to.minus(1, ChronoUnit.DAYS) + "&to=" + to;

        Api.Reply staff = raw.once(campus.api.call("GET", "/audit/stats?" + day, sam, "teaching"));
        assertThat(staff.status()).as(staff.body()).isEqualTo(403);
        assertThat(raw.newestAuditEntry().getString("operation")).isEqualTo("AUDIT_STATS");
        assertThat(raw.newestAuditEntry().getString("decision")).isEqualTo("DENY");
        for (String query : List.of("by=client", "from=" + to.minus(8, ChronoUnit.DAYS) + "&to=" + to + "&bucket=hour",
            "from=" + to.minus(93, ChronoUnit.DAYS) + "&to=" + to, "from=" + to + "&to=" + to.minus(1, ChronoUnit.HOURS),
            day + "&by=person", day + "&bucket=week", "from=yesterday&to=" + to,
            // Instants whose whole buckets leave the range of time the server can count in.
            "from=-1000000000-01-01T00:00:01Z&to=-1000000000-01-01T00:00:02Z&bucket=hour",
            "from=%2B1000000000-12-31T23:00:00Z&to=%2B1000000000-12-31T23:59:59Z")) {
            Api.Reply bad = raw.once(campus.api.call("GET", "/audit/stats?" + query, sue, "administration"));
            assertThat(bad.status()).as("stats?%s: %s", query, bad.body()).isEqualTo(400);
            assertThat(bad.json().get("type").asText()).endsWith("/malformed-request");
            assertEntry(raw.newestAuditEntry(), "DENY", "MALFORMED_REQUEST");
        }
    }

    private static void assertEntry(Document entry, String decision, String reason) {
        assertEntry(entry, "AUDIT_STATS", decision, reason);
    }

    private static void assertEntry(Document entry, String operation, String decision, String reason) {
        assertThat(entry).isNotNull();
        assertThat(entry.getString("operation")).as("%s", entry.toJson()).isEqualTo(operation);
        assertThat(entry.getString("decision")).as("%s", entry.toJson()).isEqualTo(decision);
        assertThat(entry.getString("reason")).as("%s", entry.toJson()).isEqualTo(reason);
    }

    private void screens(Texts texts) throws IOException {
        World w = WORLD.get();
        w.campus().speaks("sue", texts.tag());
        List<String> inaccessible = new ArrayList<>();
        String page = realm.getBaseUrl() + "/student-records/centre/audit";
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("audit")) {
            browser.driver.manage().window().setSize(new Dimension(1280, 1600));
            browser.open(page);
            browser.signIn("sue", w.campus().passwords.get("sue"));
            browser.waitForPage(texts.title());

            // The trail, narrowed to the library: its reads, nothing else.
            browser.visible(By.cssSelector("[data-testid='trail']"));
            browser.setValue(By.id("trail-client"), LIBRARY);
            browser.click(By.cssSelector("[data-testid='trail-apply']"));
            // Read in one script: the rows are drawn again while the page reads on.
            browser.waitUntil(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("""
                const state = document.querySelector("[data-testid='trail-state']");
                const rows = [...document.querySelectorAll("[data-testid='trail'] tbody tr")];
                return state !== null && state.dataset.busy === 'false' && rows.length > 0
                    && rows.every(r => r.dataset.client === arguments[0]);""", LIBRARY)));
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("[data-testid='trail'] tbody tr"));
            assertThat(rows).hasSize(LIBRARY_READS);
            assertThat(rows).allSatisfy(r -> assertThat(r.getAttribute("data-operation")).isEqualTo("READ"));
            new Select(browser.visible(By.id("trail-decision"))).selectByValue("DENY");
            browser.click(By.cssSelector("[data-testid='trail-apply']"));
            browser.byTestId("trail-empty");
            new Select(browser.visible(By.id("trail-decision"))).selectByValue("");
            browser.click(By.cssSelector("[data-testid='trail-apply']"));
            browser.visible(By.cssSelector("[data-testid='trail'] tbody tr"));
            browser.screenshot(texts.tag() + "-1280-trail");
            inaccessible.addAll(browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript()));

            // The chain: verified, intact; a verified extract of the first record the library read.
            tab(browser, "tab-chain");
            browser.click(By.cssSelector("[data-testid='verify-full']"));
            browser.visible(By.cssSelector("[data-testid='verify-result'][data-intact='true']"));
            browser.setValue(By.id("extract-record"), w.records().get(0));
            browser.click(By.cssSelector("[data-testid='take-extract']"));
            browser.byTestId("extract-done");
            Path extract = browser.downloaded("audit-extract.jws");
            String jws = ConsoleBrowser.read(extract).strip();
            assertThat(jws).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
            JsonNode payload = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[1]));
            assertThat(payload.get("recordId").asText()).isEqualTo(w.records().get(0));
            List<JsonNode> extracted = new ArrayList<>();
            payload.get("entries").forEach(extracted::add);
            assertThat(extracted).filteredOn(e -> LIBRARY.equals(e.get("clientId").asText(null))
                && "READ".equals(e.get("operation").asText())).as("the library's reads of the record").hasSize(2);
            assertThat(browser.byTestId("extract-done").getText())
                .contains(String.format(texts.extractDone(), extracted.size()));
            browser.scrollToTop();
            browser.screenshot(texts.tag() + "-1280-chain");
            inaccessible.addAll(browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript()));

            // Reads over time: the chart's counts are the library's reads.
            tab(browser, "tab-reads");
            browser.visible(By.cssSelector("[data-testid='reads-chart'] svg"));
            WebElement libraryReads = browser.byTestId("reads-" + LIBRARY);
            assertThat(libraryReads.findElement(By.cssSelector("[data-testid='allowed']")).getText())
                .isEqualTo(String.valueOf(LIBRARY_READS));
            assertThat(libraryReads.findElement(By.cssSelector("[data-testid='refused']")).getText()).isEqualTo("0");
            browser.screenshot(texts.tag() + "-1280-reads");
            inaccessible.addAll(browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript()));

            // Anomalies: the latest self-check, in words.
            tab(browser, "tab-anomalies");
            browser.byTestId("anomalies");
            browser.screenshot(texts.tag() + "-1280-anomalies");
            inaccessible.addAll(browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript()));

            // As a phone opens it.
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.open(page);
            browser.waitForPage(texts.title());
            browser.visible(By.cssSelector("[data-testid='trail']"));
            browser.screenshot(texts.tag() + "-390-trail");
            assertThat(browser.sidewaysOverflow().pixels()).as("no sideways scrolling: %s",
                browser.sidewaysOverflow().elements()).isLessThanOrEqualTo(0);
            tab(browser, "tab-reads");
            browser.byTestId("reads-" + LIBRARY);
            browser.screenshot(texts.tag() + "-390-reads");
            assertThat(browser.sidewaysOverflow().pixels()).as("no sideways scrolling: %s",
                browser.sidewaysOverflow().elements()).isLessThanOrEqualTo(0);
        }
        w.campus().speaks("sue", "en");
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    /** Opens a tab of the page; on a phone the tab list scrolls sideways, so the tab is scrolled to first. */
    private static void tab(ConsoleBrowser browser, String testId) {
        By tab = By.cssSelector("[data-testid='" + testId + "'] button, button[data-testid='" + testId + "']");
        WebElement button = browser.visible(tab);
        JavascriptExecutor script = (JavascriptExecutor) browser.driver;
        script.executeScript("arguments[0].scrollIntoView({block: 'nearest', inline: 'center'});", button);
        // The tab list scrolls smoothly: wait until nothing (its scroll buttons) covers the tab any more.
        browser.waitUntil(d -> Boolean.TRUE.equals(script.executeScript("""
            const box = arguments[0].getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            return hit !== null && arguments[0].contains(hit);""", button)));
        browser.click(tab);
    }

    private static JsonNode ok(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode series(JsonNode counts, String key) {
        for (JsonNode s : counts.get("series")) {
            if (key.equals(s.get("key").asText(null))) {
                return s;
            }
        }
        throw new AssertionError("no series " + key + " in " + counts);
    }
}
