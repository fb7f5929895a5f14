package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.BUREAU;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientRepresentation;
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
 * The information management centre's screens in headless Chromium against the suite's real Keycloak and record
 * store: administrators sign in through the real login form at {@code /realms/{realm}/student-records/centre/}
 * (client {@code student-records-centre}, created by the realm bootstrap), request a grant with an uploaded agreement
 * and approve it as a second administrator, review a student's correction, resolve a student's misuse report and limit
 * the purposes of staff in the settings; the API is checked after each step. Each of these flows runs in English and
 * in Simplified Chinese with students and references of its own, reads the messages in the language of the one who
 * acts, and finds no English words of them on the Chinese page. Every page is photographed in both languages into
 * {@code target/screenshots/centre/} and checked with axe-core.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class CentreConsoleIT {

    private static final String CENTRE_CLIENT = "student-records-centre";

    /** A realm of its own: its students never meet those other classes enrol in the default realm. */
    @InjectRealm(ref = "centre")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<CentreConsoleIT, World> WORLD = CampusWorld.of(CentreConsoleIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            campus.offersEnglishAndChinese();
            String admin = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
            GeneratedStudent alice = GeneratedStudent.number(61, Campus.PHYSICS_CLASS);
            return new World(campus, admin, alice, campus.enrol(admin, alice, "alice"));
        });

    /** The campus with alice's record, set up once for the class. */
    record World(Campus campus, String adminToken, GeneratedStudent alice, String aliceRecord) {
    }

    /** One page of the centre: its address below centre/ and its heading in each language. */
    record Page(String path, String english, String chinese) {
        String heading(String language) {
            return language.equals("en") ? english : chinese;
        }
    }

    static final List<Page> PAGES = List.of(
        new Page("grants", "Grants", "授权"),
        new Page("corrections", "Corrections", "更正申请"),
        new Page("reports", "Reports", "举报"),
        new Page("settings", "Settings", "设置"),
        new Page("retention", "Retention", "保存期限"),
        new Page("backups", "Backups", "备份"),
        new Page("self-check", "Self-check", "安全自查"));

    @Test
    void theBootstrapCreatesTheCentresPublicPkceClient() {
        List<ClientRepresentation> found = realm.admin().clients().findByClientId(CENTRE_CLIENT);
        assertThat(found).hasSize(1);
        ClientRepresentation client = found.get(0);
        String centre = "/realms/" + realm.getName() + "/student-records/centre/";
        assertThat(client.isPublicClient()).isTrue();
        assertThat(client.isStandardFlowEnabled()).isTrue();
        assertThat(client.isDirectAccessGrantsEnabled()).isFalse();
        assertThat(client.isImplicitFlowEnabled()).isFalse();
        assertThat(client.getRedirectUris()).containsExactly(centre + "*");
        assertThat(client.getBaseUrl()).isEqualTo(centre);
        assertThat(client.getAttributes()).containsEntry("pkce.code.challenge.method", "S256")
            .containsEntry("student-records.trust", "internal")
            .containsEntry("student-records.purposes", "administration");
        List<String> centreScopes = List.of("student.admin", "student.audit", "student.purge", "student.search",
            "student.profile.read", "student.profile.write", "student.identity.read", "student.identity.write");
        assertThat(client.getOptionalClientScopes()).containsAll(centreScopes)
            .doesNotContain("student.contact.read", "student.guardians.read", "student.self");
        assertThat(client.getDefaultClientScopes()).doesNotContainAnyElementsOf(centreScopes);
    }

    @Test
    void theCentreIsServedWithAStrictPolicyAndNothingElseOfTheClassPath() throws Exception {
        String base = centreBase();
        HttpResponse<String> index = get(base);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-store");
        String policy = index.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'",
            "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(index.body()).contains("\"clientId\":\"" + CENTRE_CLIENT + "\"", "\"realm\":\"" + realm.getName() + "\"")
            .doesNotContain("<script>");
        // A page's own address (reloaded or bookmarked) gets the same page.
        assertThat(get(base + "reports").body()).isEqualTo(index.body());
        // The bare path goes to the folder, where relative addresses of the app work.
        HttpResponse<String> bare = get(base.substring(0, base.length() - 1));
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location").orElse("")).endsWith("/student-records/centre/");

        java.util.regex.Matcher script = java.util.regex.Pattern.compile("src=\"([^\"]+\\.js)\"").matcher(index.body());
        assertThat(script.find()).as("the entry script in %s", index.body()).isTrue();
        URI entry = URI.create(base).resolve(script.group(1));
        HttpResponse<String> js = get(entry.toString());
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(js.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");

        for (String attempt : List.of("assets/..%2F.vite%2Fmanifest.json", "assets/%2e%2e/.vite/manifest.json",
            "assets/..%2F..%2Ftheme%2Fstudent-records%2Faccount%2Ftheme.properties", "assets/.vite",
            "assets/%2e%2e%2f%2e%2e%2fMETA-INF%2Fkeycloak-themes.json", "assets/missing-file.js",
            "assets/..%5C.vite%5Cmanifest.json")) {
            HttpResponse<String> refused = get(base + attempt);
            // The HTTP layer itself answers 400 to some of these before the centre sees them; either way nothing is served.
            assertThat(refused.statusCode()).as(attempt).isIn(400, 404);
            assertThat(refused.body()).as(attempt).doesNotContain("\"file\"", "parent=", "themes");
        }
    }

    /** What the four flows read in one language. */
    record Texts(String tag, String grants, String corrections, String reports, String retention, String grantRequested,
                 String ownGrantHint, String ownGrantReason, String pending, String downloaded, String approveTitle,
                 String approved, String active, String correctionApproved, String triaged, String resolved,
                 String medium, String policySaved, String dryRunDone, String liftConfirm) {

        /** The words of these texts (not the one-character severity), which the other language's page must not show. */
        List<String> words() {
            return List.of(grantRequested, ownGrantHint, ownGrantReason, pending, downloaded, approveTitle,
                approved.strip(), active, correctionApproved, triaged, resolved, policySaved, dryRunDone, liftConfirm);
        }

        /** The words of the other language's texts. */
        List<String> foreign() {
            return (chinese() ? ENGLISH : CHINESE).words();
        }

        boolean chinese() {
            return tag.equals("zh-CN");
        }
    }

    static final Texts ENGLISH = new Texts("en", "Grants", "Corrections", "Reports", "Retention",
        "another administrator must approve it", "You asked for it: another administrator approves it.",
        "You asked for this grant, so another administrator must approve it.", "Pending", "downloaded",
        "Approve this grant?", "Approved: ", "Active", "the record is changed", "Triaged", "Resolved", "Medium",
        "Retention policy saved", "Dry run done, nothing changed", "Lift the hold");
    static final Texts CHINESE = new Texts("zh-CN", "授权", "更正申请", "举报", "保存期限", "需另一名管理员批准",
        "由你申请：需另一名管理员批准。", "此授权由你申请，须由另一名管理员批准。", "待批准", "已下载", "批准此授权？",
        "已批准：", "有效", "档案已修改", "已分级", "已处理", "中", "保存期限政策已保存", "试运行完成，未作任何改动",
        "解除保全");

    @Test
    void adaRequestsAGrantWithTheSignedAgreementAndEliApprovesItInEnglish() throws Exception {
        grantRequestAndApproval(ENGLISH, 63);
    }

    @Test
    void adaRequestsAGrantWithTheSignedAgreementAndEliApprovesItInChinese() throws Exception {
        grantRequestAndApproval(CHINESE, 64);
    }

    /**
     * Ada requests a grant for the records of a student enrolled for this run alone, with the signed agreement; her own
     * Approve is disabled and says why; Eli downloads the agreement, confirms and approves; each step's message says
     * what happened, in the language of the one who acts.
     */
    private void grantRequestAndApproval(Texts texts, int studentNumber) throws Exception {
        World w = WORLD.get();
        Campus campus = w.campus();
        String student = freshStudent(w, "grant", texts, studentNumber);
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        // A PDF by its first bytes (the API takes PDF, PNG and JPEG files only), the rest random.
        byte[] agreement = new byte[4096 + new SecureRandom().nextInt(4096)];
        new SecureRandom().nextBytes(agreement);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, agreement, 0, 9);
        Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "agreement-", ".pdf");
        Files.write(file, agreement);
        String reference = "CSB-" + texts.tag() + "-" + System.nanoTime();
        String expiry = LocalDate.now(ZoneOffset.UTC).plusDays(90).toString();
        String bureau = campus.serviceToken(oauth, BUREAU);
        campus.speaks("ada", texts.tag());
        campus.speaks("eli", texts.tag());

        String grantId;
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            browser.open(centreBase() + "grants");
            browser.signIn("ada", campus.passwords.get("ada"));
            browser.waitForPage(texts.grants());
            // The outside body is picked among the realm's external applications, by name.
            browser.waitUntil(d -> !d.findElements(By.cssSelector("#grant-client option[value='" + BUREAU + "']")).isEmpty());
            new Select(browser.visible(By.id("grant-client"))).selectByValue(BUREAU);
            // The purpose is chosen from the realm's purposes, not typed.
            browser.waitUntil(d -> d.findElement(By.id("grant-purpose")).getTagName().equals("select"));
            new Select(browser.visible(By.id("grant-purpose"))).selectByValue("statistics");
            browser.type(By.id("grant-records"), student);
            browser.setValue(By.id("grant-expires"), expiry);
            browser.type(By.id("grant-reference"), reference);
            browser.driver.findElement(By.id("grant-file")).sendKeys(file.toAbsolutePath().toString());
            browser.screenshot("grant-1-request-form-" + texts.tag());
            inaccessible.addAll(label(texts.tag() + " grant form", browser.seriousAccessibilityViolations(axe)));
            browser.click(By.cssSelector("[data-testid='send-grant']"));
            browser.waitForText(By.cssSelector("[data-testid='grant-message']"), texts.grantRequested());
            // The message says what was asked for, and the form is empty for the next request.
            String requested = browser.byTestId("grant-message").getText();
            assertThat(requested).contains(BUREAU, "statistics");
            inWords(texts, requested, BUREAU, "statistics");
            for (String field : List.of("grant-client", "grant-units", "grant-records", "grant-expires", "grant-reference",
                "grant-file")) {
                assertThat(browser.driver.findElement(By.id(field)).getAttribute("value")).as(field).isEmpty();
            }
            grantId = grantByReference(w, reference).path("id").asText();
            String row = "[data-testid='grant-" + grantId + "']";
            browser.byTestId("grant-" + grantId);
            assertThat(browser.visible(By.cssSelector(row)).getAttribute("data-status")).isEqualTo("PENDING");
            assertThat(browser.visible(By.cssSelector(row + " .pf-v5-c-label")).getText()).isEqualTo(texts.pending());
            // The requester by name; their own Approve is disabled, and the row and the button say why.
            browser.waitForText(By.cssSelector("[data-testid='requested-by-" + grantId + "']"), "Ada Tester (ada)");
            WebElement approve = browser.byTestId("approve-" + grantId);
            assertThat(approve.getAttribute("aria-disabled")).isEqualTo("true");
            String hint = browser.byTestId("approve-hint-" + grantId).getText();
            assertThat(hint).isEqualTo(texts.ownGrantHint());
            inWords(texts, hint);
            browser.scrollIntoView(approve);
            new Actions(browser.driver).moveToElement(approve).perform();
            browser.waitForText(By.cssSelector("[role='tooltip']"), texts.ownGrantReason());
            browser.screenshot("grant-2-own-approve-disabled-" + texts.tag());
            inaccessible.addAll(label(texts.tag() + " own grant", browser.seriousAccessibilityViolations(axe)));
            assertThat(browser.pageText()).doesNotContain(texts.foreign());
            grantsFitTheScreen(browser, grantId);
            browser.screenshot("grant-2-requested-" + texts.tag());
        }
        JsonNode pending = grantByReference(w, reference);
        assertThat(pending.path("status").asText()).isEqualTo("PENDING");
        assertThat(pending.path("requestedBy").asText()).isNotBlank();
        // Refused while the grant waits: 403 to a body with no active grant, 404 to one whose grants name others.
        assertThat(campus.api.call("GET", "/records/" + student, bureau, "statistics").send().status())
            .as("the bureau while the grant waits").isIn(403, 404);

        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            browser.open(centreBase() + "grants");
            browser.signIn("eli", campus.passwords.get("eli"));
            browser.waitForPage(texts.grants());
            // The second administrator opens the signed agreement before approving it.
            browser.click(By.cssSelector("[data-testid='agreement-" + grantId + "']"));
            assertThat(Files.readAllBytes(browser.downloaded("agreement-" + grantId + ".pdf"))).isEqualTo(agreement);
            browser.waitForText(By.cssSelector("[data-testid='grant-message']"), texts.downloaded());
            inWords(texts, browser.byTestId("grant-message").getText(), reference, "agreement-" + grantId + ".pdf");
            assertThat(browser.byTestId("approve-" + grantId).getAttribute("aria-disabled")).isNotEqualTo("true");
            browser.click(By.cssSelector("[data-testid='approve-" + grantId + "']"));
            browser.byTestId("confirm-approve-grant-agreement");
            String title = browser.visible(By.cssSelector(".pf-v5-c-modal-box__title")).getText();
            assertThat(title).contains(texts.approveTitle());
            inWords(texts, title);
            String confirmation = browser.byTestId("confirm-approve-grant").getText();
            // The grant by its agreement and outside body, not by its id.
            assertThat(confirmation).contains(reference, BUREAU).doesNotContain(grantId);
            inWords(texts, confirmation, BUREAU, "statistics", reference);
            assertThat(grantByReference(w, reference).path("status").asText()).as("nothing before the confirmation")
                .isEqualTo("PENDING");
            browser.screenshot("grant-3-approve-confirmation-" + texts.tag());
            inaccessible.addAll(label(texts.tag() + " approve confirmation",
                browser.seriousAccessibilityViolations(axe)));
            browser.click(By.cssSelector("[data-testid='confirm-approve-grant-confirm']"));
            browser.waitForText(By.cssSelector("[data-testid='grant-message']"), texts.approved() + BUREAU);
            inWords(texts, browser.byTestId("grant-message").getText(), BUREAU, "statistics");
            browser.waitForText(By.cssSelector("[data-testid='approved-by-" + grantId + "']"), "Eli Tester (eli)");
            String row = "[data-testid='grant-" + grantId + "']";
            browser.waitUntil(d -> "ACTIVE".equals(d.findElement(By.cssSelector(row)).getAttribute("data-status")));
            assertThat(browser.visible(By.cssSelector(row + " .pf-v5-c-label")).getText()).isEqualTo(texts.active());
            browser.click(By.cssSelector("[data-testid='uses-" + grantId + "']"));
            browser.byTestId("uses-table-" + grantId);
            grantsFitTheScreen(browser, grantId);
            assertThat(browser.pageText()).doesNotContain(texts.foreign());
            browser.screenshot("grant-4-approved-by-eli-" + texts.tag());
            inaccessible.addAll(label(texts.tag() + " grants after approval",
                browser.seriousAccessibilityViolations(axe)));
        }

        Api.Reply read = campus.api.call("GET", "/grants/" + grantId, w.adminToken(), "administration").send();
        assertThat(read.status()).as("%s", read.body()).isEqualTo(200);
        JsonNode grant = read.json();
        assertThat(grant.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(grant.path("clientId").asText()).isEqualTo(BUREAU);
        assertThat(grant.path("recordIds").toString()).isEqualTo("[\"" + student + "\"]");
        assertThat(grant.path("approvedBy").asText()).isNotEqualTo(grant.path("requestedBy").asText());
        assertThat(grant.at("/agreement/reference").asText()).isEqualTo(reference);
        assertThat(grant.at("/agreement/sha256").asText()).isEqualTo(sha256(agreement));
        assertThat(grant.at("/agreement/size").asLong()).isEqualTo(agreement.length);
        // The outside body now reads the profile of that student.
        Api.Reply bureauRead = campus.api.call("GET", "/records/" + student, bureau, "statistics").send();
        assertThat(bureauRead.status()).as("the bureau under the approved grant: %s", bureauRead.body()).isEqualTo(200);
        campus.speaks("ada", "en");
        campus.speaks("eli", "en");
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void adaReviewsAlicesCorrectionAndTheRecordChangesInEnglish() throws Exception {
        correctionReview(ENGLISH, 65);
    }

    @Test
    void adaReviewsAlicesCorrectionAndTheRecordChangesInChinese() throws Exception {
        correctionReview(CHINESE, 66);
    }

    private void correctionReview(Texts texts, int studentNumber) throws Exception {
        World w = WORLD.get();
        Campus campus = w.campus();
        String owner = ownerOf("correction", texts);
        String record = freshStudent(w, "correction", texts, studentNumber);
        String alice = campus.signIn(oauth, owner, PORTAL, "student.self");
        String before = adminRead(w, record).at("/profile/name").asText();
        String corrected = before + " Lin";
        Api.Reply requested = campus.api.call("POST", "/me/corrections", alice, null)
            .json("application/json", Map.of("changes", Map.of("profile", Map.of("name", corrected)),
                "reason", "My name on the resident ID card has a second given name."))
            .send();
        assertThat(requested.status()).as("%s", requested.body()).isEqualTo(201);
        String correctionId = requested.json().path("id").asText();
        String axe = ConsoleBrowser.axeScript();
        campus.speaks("ada", texts.tag());

        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            browser.open(centreBase() + "corrections");
            browser.signIn("ada", campus.passwords.get("ada"));
            browser.waitForPage(texts.corrections());
            waitForLoad(browser);
            WebElement card = browser.byTestId("correction-" + correctionId);
            browser.scrollIntoView(card);
            browser.screenshot("correction-1-diff-" + texts.tag());
            assertThat(card.getText()).as("the correction").contains(corrected);
            // The student by name and number, from the values the review holds.
            assertThat(card.findElement(By.tagName("h2")).getText())
                .contains(before, GeneratedStudent.number(studentNumber, Campus.PHYSICS_CLASS).studentNumber());
            String changed = browser.byTestId("changed-profile.name").getText();
            assertThat(changed).contains(before, corrected);
            // Fields by their names and codes by their words: no "name", "gender" or "MALE" on the page.
            List<String> fieldsShown = card.findElements(By.cssSelector("td[data-label]")).stream()
                .filter(cell -> cell.getAttribute("cellIndex").equals("0")).map(WebElement::getText).toList();
            assertThat(fieldsShown).as("the fields of the diff").isNotEmpty()
                .doesNotContain("name", "gender", "status", "studentNumber", "unit", "enrolmentDate");
            assertThat(card.getText()).doesNotContain("MALE", "ENROLLED");
            assertThat(browser.seriousAccessibilityViolations(axe)).as("axe, %s", texts.tag()).isEmpty();
            browser.type(By.id("decision-" + correctionId), "Checked against the resident ID card.");
            browser.click(By.cssSelector("[data-testid='approve-correction-" + correctionId + "']"));
            // The record changes at once: the approval asks once more, naming the student.
            browser.waitForText(By.cssSelector("[data-testid='confirm-approve-correction-" + correctionId + "']"),
                GeneratedStudent.number(studentNumber, Campus.PHYSICS_CLASS).studentNumber());
            browser.screenshot("correction-1b-confirm-" + texts.tag());
            browser.click(By.cssSelector("[data-testid='confirm-approve-correction-" + correctionId + "-confirm']"));
            browser.waitForText(By.cssSelector("[data-testid='correction-message']"), texts.correctionApproved());
            inWords(texts, browser.byTestId("correction-message").getText());
            assertThat(browser.pageText()).doesNotContain(texts.foreign());
            browser.screenshot("correction-2-approved-" + texts.tag());
        }
        campus.speaks("ada", "en");
        assertThat(adminRead(w, record).at("/profile/name").asText()).isEqualTo(corrected);
        JsonNode own = campus.api.call("GET", "/me/corrections/" + correctionId, alice, null).send().json();
        assertThat(own.path("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void adaResolvesAlicesMisuseReportAndAliceReadsTheOutcomeInEnglish() throws Exception {
        reportResolution(ENGLISH, 67);
    }

    @Test
    void adaResolvesAlicesMisuseReportAndAliceReadsTheOutcomeInChinese() throws Exception {
        reportResolution(CHINESE, 68);
    }

    private void reportResolution(Texts texts, int studentNumber) throws Exception {
        World w = WORLD.get();
        Campus campus = w.campus();
        Api.Reply centreList = campus.api.call("GET", "/reports", w.adminToken(), "administration").send();
        assertThat(centreList.status()).as("GET /reports: %s", centreList.body()).isEqualTo(200);
        String owner = ownerOf("report", texts);
        freshStudent(w, "report", texts, studentNumber);
        String alice = campus.signIn(oauth, owner, PORTAL, "student.self");
        String message = "Someone read my record who should not have (" + System.nanoTime() + ").";
        Campus.SentReport sent = campus.reportsNewestAccess(alice, message);
        String reportId = sent.id();
        long sequence = sent.entry();
        String outcome = "The read was a registrar's enrolment check; no misuse. (" + reportId + ")";
        String axe = ConsoleBrowser.axeScript();
        campus.speaks("ada", texts.tag());

        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            browser.open(centreBase() + "reports");
            browser.signIn("ada", campus.passwords.get("ada"));
            browser.waitForPage(texts.reports());
            browser.waitForText(By.cssSelector("[data-testid='report-" + reportId + "']"), message);
            browser.click(By.cssSelector("[data-testid='entries-" + reportId + "']"));
            // The student by name and number, read from the record when asked.
            browser.click(By.cssSelector("[data-testid='show-student-" + reportId + "']"));
            browser.waitForText(By.cssSelector("[data-testid='student-" + reportId + "']"),
                GeneratedStudent.number(studentNumber, Campus.PHYSICS_CLASS).studentNumber());
            browser.scrollIntoView(browser.byTestId("report-" + reportId));
            browser.screenshot("report-1-open-" + texts.tag());
            assertThat(browser.seriousAccessibilityViolations(axe)).as("axe, %s", texts.tag()).isEmpty();
            // The assignee is picked among the centre's people by name, the linked entry from the student's access log.
            browser.waitUntil(d -> !d.findElements(By.cssSelector("#assignee-" + reportId + " option[value='eli']")).isEmpty());
            assertThat(browser.driver.findElement(By.cssSelector("#assignee-" + reportId + " option[value='eli']")).getText())
                .isEqualTo("Eli Tester (eli)");
            new Select(browser.visible(By.id("assignee-" + reportId))).selectByValue("eli");
            browser.click(By.cssSelector("[data-testid='linked-" + reportId + "'] button"));
            browser.click(By.id("linked-" + reportId + "-" + sequence));
            browser.screenshot("report-1b-triage-picked-" + texts.tag());
            assertThat(browser.seriousAccessibilityViolations(axe)).as("axe, %s", texts.tag()).isEmpty();
            browser.click(By.cssSelector("[data-testid='triage-" + reportId + "']"));
            browser.waitForText(By.cssSelector("[data-testid='report-message']"), texts.triaged());
            String triagedMessage = browser.byTestId("report-message").getText();
            assertThat(triagedMessage).contains("Eli Tester (eli)", texts.medium());
            inWords(texts, triagedMessage, "Eli Tester (eli)");
            // Triaged, it still needs the centre: the default list keeps it.
            assertThat(new Select(browser.visible(By.id("report-filter"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("UNRESOLVED");
            browser.waitUntil(d -> "TRIAGED".equals(d.findElement(By.cssSelector("[data-testid='report-" + reportId + "']"))
                .getAttribute("data-status")));
            browser.waitForText(By.cssSelector("[data-testid='triaged-by-" + reportId + "']"), "Ada Tester (ada)");
            browser.type(By.id("outcome-" + reportId), outcome);
            browser.click(By.cssSelector("[data-testid='resolve-" + reportId + "']"));
            browser.click(By.cssSelector("[data-testid='confirm-resolve-report-confirm']"));
            browser.waitForText(By.cssSelector("[data-testid='report-message']"), texts.resolved());
            inWords(texts, browser.byTestId("report-message").getText());
            new Select(browser.visible(By.id("report-filter"))).selectByValue("ALL");
            browser.waitForText(By.cssSelector("[data-testid='outcome-" + reportId + "']"), outcome);
            // Resolved, it keeps what the triage set, the assignee by name.
            assertThat(browser.byTestId("severity-of-" + reportId).getText()).isEqualTo(texts.medium());
            assertThat(browser.byTestId("assignee-of-" + reportId).getText()).isEqualTo("Eli Tester (eli)");
            assertThat(browser.pageText()).doesNotContain(texts.foreign());
            browser.scrollIntoView(browser.byTestId("report-" + reportId));
            browser.screenshot("report-2-resolved-" + texts.tag());
            assertThat(browser.seriousAccessibilityViolations(axe)).as("axe, %s", texts.tag()).isEmpty();
        }
        campus.speaks("ada", "en");
        JsonNode triaged = campus.api.call("GET", "/reports/" + reportId, w.adminToken(), "administration").send().json();
        assertThat(triaged.path("assignee").asText()).isEqualTo("eli");
        assertThat(triaged.path("linkedEntries").toString()).isEqualTo("[" + sequence + "]");
        JsonNode mine = null;
        for (JsonNode r : campus.api.call("GET", "/me/reports", alice, null).send().json().path("reports")) {
            if (r.path("id").asText().equals(reportId)) {
                mine = r;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(mine.path("outcome").asText()).isEqualTo(outcome);
    }

    @Test
    void adaSetsTheRetentionPolicyPlacesAndLiftsALegalHoldAndDryRunsInEnglish() throws Exception {
        retentionAndHold(ENGLISH, 69);
    }

    @Test
    void adaSetsTheRetentionPolicyPlacesAndLiftsALegalHoldAndDryRunsInChinese() throws Exception {
        retentionAndHold(CHINESE, 70);
    }

    private void retentionAndHold(Texts texts, int studentNumber) throws Exception {
        World w = WORLD.get();
        Campus campus = w.campus();
        Api.Reply policy = campus.api.call("GET", "/retention/policy", w.adminToken(), "administration").send();
        assertThat(policy.status()).as("GET /retention/policy: %s", policy.body()).isEqualTo(200);
        String record = freshStudent(w, "hold", texts, studentNumber);
        // Longer than the policy in force, so that it applies at once (a shorter one waits for a second administrator).
        int days = policy.json().path("destroyAfterDays").asInt() + 1 + new SecureRandom().nextInt(100);
        String reason = "Court order " + System.nanoTime();
        String axe = ConsoleBrowser.axeScript();
        campus.speaks("ada", texts.tag());

        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            browser.open(centreBase() + "retention");
            browser.signIn("ada", campus.passwords.get("ada"));
            browser.waitForPage(texts.retention());
            browser.type(By.id("destroy-after"), Integer.toString(days));
            browser.click(By.cssSelector("[data-testid='save-policy']"));
            browser.waitForText(By.cssSelector("[data-testid='retention-message']"), texts.policySaved());
            inWords(texts, browser.byTestId("retention-message").getText());
            assertThat(campus.api.call("GET", "/retention/policy", w.adminToken(), "administration").send().json()
                .path("destroyAfterDays").asInt()).isEqualTo(days);

            browser.type(By.id("hold-record"), record);
            browser.type(By.id("hold-reason"), reason);
            browser.click(By.cssSelector("[data-testid='place-hold']"));
            browser.waitForText(By.cssSelector("[data-testid='holds']"), reason);
            JsonNode hold = null;
            for (JsonNode h : campus.api.call("GET", "/legal-holds", w.adminToken(), "administration").send().json()
                .path("legalHolds")) {
                if (h.path("reason").asText().equals(reason)) {
                    hold = h;
                }
            }
            assertThat(hold).as("the hold placed in the screens").isNotNull();
            browser.waitForText(By.cssSelector("[data-testid='placed-by-" + hold.path("id").asText() + "']"),
                "Ada Tester (ada)");
            assertThat(hold.path("recordId").asText()).isEqualTo(record);
            assertThat(hold.path("liftedAt").isNull()).isTrue();

            // A hold on no record is refused, in words of the page's language: no status number, no address.
            browser.type(By.id("hold-record"), "no-such-record");
            browser.type(By.id("hold-reason"), reason);
            browser.click(By.cssSelector("[data-testid='place-hold']"));
            String refused = browser.visible(By.cssSelector(".pf-m-danger[data-testid='retention-message']")).getText();
            assertThat(refused).as("the refusal of a hold on no record").isNotBlank()
                .doesNotContainPattern("\\b[1-5]\\d\\d\\b").doesNotContain("/records", "legal-holds");
            inWords(texts, refused, "no-such-record");

            browser.click(By.cssSelector("[data-testid='dry-run']"));
            browser.byTestId("runs");
            // What the dry run did, not the button's label.
            browser.waitForText(By.cssSelector("[data-testid='retention-message']"), texts.dryRunDone());
            inWords(texts, browser.visible(By.cssSelector(".pf-m-success[data-testid='retention-message']")).getText());
            JsonNode runs = campus.api.call("GET", "/retention/runs", w.adminToken(), "administration").send().json();
            assertThat(runs.path("runs").get(0).path("dryRun").asBoolean()).isTrue();
            assertThat(browser.pageText()).doesNotContain(texts.foreign());
            browser.screenshot("retention-1-policy-hold-dry-run-" + texts.tag());
            assertThat(browser.seriousAccessibilityViolations(axe)).as("axe, %s", texts.tag()).isEmpty();

            String holdId = hold.path("id").asText();
            browser.click(By.cssSelector("[data-testid='lift-" + holdId + "']"));
            // Lifting lets the record be destroyed: the admin console's confirmation, naming the hold, first.
            browser.waitForText(By.cssSelector("[data-testid='confirm-lift']"), texts.liftConfirm());
            String confirmation = browser.byTestId("confirm-lift").getText();
            assertThat(confirmation).contains(reason);
            inWords(texts, confirmation, reason);
            browser.screenshot("retention-2-lift-confirmation-" + texts.tag());
            assertThat(browser.seriousAccessibilityViolations(axe)).as("axe, %s", texts.tag()).isEmpty();
            browser.click(By.cssSelector("[data-testid='confirm-lift-confirm']"));
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid='lift-" + holdId + "']")).isEmpty());
            browser.screenshot("retention-3-hold-lifted-" + texts.tag());
            JsonNode lifted = null;
            for (JsonNode h : campus.api.call("GET", "/legal-holds", w.adminToken(), "administration").send().json()
                .path("legalHolds")) {
                if (h.path("id").asText().equals(holdId)) {
                    lifted = h;
                }
            }
            assertThat(lifted).isNotNull();
            assertThat(lifted.path("liftedAt").isNull()).isFalse();
        }
        campus.speaks("ada", "en");
    }

    /** The student who owns the record {@link #freshStudent} enrols for {@code flow} in {@code texts}' language. */
    private static String ownerOf(String flow, Texts texts) {
        return "alice-" + flow + "-" + texts.tag().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A student of the physics class enrolled for one flow in one language, owned by a person of their own: no run
     * sees another's records, grants, corrections or reports. Returns the record's id.
     */
    private static String freshStudent(World w, String flow, Texts texts, int number) {
        String owner = ownerOf(flow, texts);
        w.campus().person(owner, null, "student");
        return w.campus().enrol(w.adminToken(), GeneratedStudent.number(number, Campus.PHYSICS_CLASS), owner);
    }

    /**
     * A message of the page in the words of {@code texts}' language: on the Chinese page, once the data it names (ids,
     * names, references) are taken out, no Latin word is left.
     */
    private static void inWords(Texts texts, String message, String... data) {
        if (!texts.chinese()) {
            return;
        }
        String words = message;
        for (String value : data) {
            words = words.replace(value, "");
        }
        assertThat(words).as("the Chinese message without its data: %s", message).doesNotContainPattern("[A-Za-z]{2,}");
    }

    @Test
    void adaLimitsStaffToTheirPurposesOnTheSettingsPageAndARefusalIsShownAtItsRole() throws Exception {
        World w = WORLD.get();
        Campus campus = w.campus();
        Api.Reply before = campus.api.call("GET", "/settings", w.adminToken(), "administration").send();
        assertThat(before.status()).as("GET /settings: %s", before.body()).isEqualTo(200);
        assertThat(before.json().at("/purposesByRole/records-staff").toString())
            .isEqualTo("[\"teaching\",\"student-services\"]");
        String sam = campus.signIn(oauth, "sam", PORTAL, Campus.STAFF_SCOPES);
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        try {
            for (String language : List.of("en", "zh-CN")) {
                campus.speaks("ada", language);
                try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
                    browser.open(centreBase() + "settings");
                    browser.signIn("ada", campus.passwords.get("ada"));
                    browser.waitForPage(PAGES.get(3).heading(language));
                    waitForLoad(browser);
                    if (language.equals("en")) {
                        // Staff no longer teach with records: teaching out, administration in.
                        browser.click(By.cssSelector("[data-testid='role-records-staff-purposes-chip-teaching'] button"));
                        browser.type(By.id("role-records-staff-purposes"), "admin");
                        browser.byTestId("role-records-staff-purposes-option-administration");
                        browser.screenshot("settings-purposes-by-role-en-choosing");
                        browser.click(By.cssSelector("[data-testid='role-records-staff-purposes-option-administration']"));
                        browser.byTestId("role-records-staff-purposes-chip-administration");
                        browser.click(By.cssSelector("[data-testid='save-settings']"));
                        browser.waitForText(By.cssSelector("[data-testid='settings-message']"), "Settings saved");
                        JsonNode saved = campus.api.call("GET", "/settings", w.adminToken(), "administration").send().json();
                        assertThat(saved.at("/purposesByRole/records-staff").toString())
                            .isEqualTo("[\"student-services\",\"administration\"]");
                        Api.Reply teaching = campus.api.call("GET", "/records/" + w.aliceRecord(), sam, "teaching").send();
                        assertThat(teaching.status()).as("teaching, no longer a purpose of staff: %s", teaching.body())
                            .isEqualTo(403);
                        assertThat(teaching.json().path("reason").asText()).isEqualTo("PURPOSE_NOT_ALLOWED_FOR_ROLE");
                        assertThat(campus.api.call("GET", "/records/" + w.aliceRecord(), sam, "administration").send()
                            .status()).as("administration, now a purpose of staff").isEqualTo(200);
                    }
                    supervisionLimitedToNothingIsRefusedAtItsField(browser, campus, w);
                    browser.scrollToTop();
                    browser.screenshot("settings-purposes-by-role-" + language);
                    inaccessible.addAll(label(language + " settings", browser.seriousAccessibilityViolations(axe)));
                    if (language.equals("en")) {
                        // Administration taken out of the realm while staff still name it: marked at once, refused at
                        // staff's purposes when saved.
                        browser.type(By.id("setting-purposes"), "teaching, student-services, library-services, statistics");
                        browser.byTestId("role-records-staff-stray");
                        browser.click(By.cssSelector("[data-testid='save-settings']"));
                        browser.waitForText(By.cssSelector("[data-testid='role-records-staff-error']"),
                            "“administration” is not one of the realm's purposes");
                        browser.scrollIntoView(browser.byTestId("role-records-admin"));
                        browser.screenshot("settings-purposes-by-role-en-taken-out-of-the-realm");
                        assertThat(campus.api.call("GET", "/settings", w.adminToken(), "administration").send().json()
                            .path("purposes").toString()).as("nothing written").contains("administration");
                    }

                    browser.driver.manage().window().setSize(new Dimension(390, 844));
                    browser.open(centreBase() + "settings");
                    browser.waitForPage(PAGES.get(3).heading(language));
                    waitForLoad(browser);
                    supervisionLimitedToNothingIsRefusedAtItsField(browser, campus, w);
                    browser.scrollIntoView(browser.byTestId("role-records-staff"));
                    browser.screenshot("settings-purposes-by-role-" + language + "-narrow");
                    ConsoleBrowser.Overflow overflow = browser.sidewaysOverflow();
                    assertThat(overflow.pixels()).as("no sideways scrolling on a phone: %s", overflow.elements())
                        .isLessThanOrEqualTo(0);
                    inaccessible.addAll(label(language + " narrow settings", browser.seriousAccessibilityViolations(axe)));
                }
            }
        } finally {
            campus.speaks("ada", "en");
            Api.Reply restored = campus.api.call("PUT", "/settings", w.adminToken(), "administration")
                .json("application/json", before.body()).send();
            assertThat(restored.status()).as("the settings put back: %s", restored.body()).isEqualTo(200);
        }
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void everyPageInEnglishAndChineseIsAccessibleAndWorksOnANarrowScreen() throws Exception {
        Campus campus = WORLD.campus();
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        for (String language : List.of("en", "zh-CN")) {
            campus.speaks("ada", language);
            try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
                browser.open(centreBase());
                browser.signIn("ada", campus.passwords.get("ada"));
                int n = 1;
                for (Page page : PAGES) {
                    browser.click(By.cssSelector("[data-testid='nav-" + page.path() + "'] a, a[data-testid='nav-"
                        + page.path() + "'], [data-testid='nav-" + page.path() + "']"));
                    browser.waitForPage(page.heading(language));
                    waitForLoad(browser);
                    browser.screenshot(language + "-" + n++ + "-" + page.path());
                    inaccessible.addAll(label(language + " " + page.path(), browser.seriousAccessibilityViolations(axe)));
                }
                assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
                browser.driver.manage().window().setSize(new Dimension(390, 844));
                browser.open(centreBase() + "grants");
                browser.waitForPage(PAGES.get(0).heading(language));
                waitForLoad(browser);
                Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
                browser.screenshot(language + "-narrow-grants");
                inaccessible.addAll(label(language + " narrow grants", browser.seriousAccessibilityViolations(axe)));
            }
        }
        campus.speaks("ada", "en");
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void theSupervisorSignsInButGetsOnlyWhatHerRoleAllows() throws Exception {
        World w = WORLD.get();
        Campus campus = w.campus();
        String message = "Is this read of my record right? (" + System.nanoTime() + ")";
        String reportId = campus.reportsNewestAccess(campus.signIn(oauth, "alice", PORTAL, "student.self"), message).id();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        campus.speaks("sue", "en");
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            // Grants are not hers: the address leads to the first page supervision may use (CentreShellIT).
            browser.open(centreBase() + "grants");
            browser.signIn("sue", campus.passwords.get("sue"));
            browser.waitForPage("Reports");
            // A report she may resolve (POST /reports/{id}/resolve is hers) but not triage, nor read the record for the
            // student's name (both the administrators'): the card shows the resolution only.
            String card = "[data-testid='report-" + reportId + "']";
            browser.waitForText(By.cssSelector(card), message);
            browser.byTestId("resolve-" + reportId);
            assertThat(browser.driver.findElements(By.cssSelector(card + " [data-testid='triage-" + reportId + "'], "
                + card + " [data-testid='show-student-" + reportId + "'], " + card + " [data-testid='linked-" + reportId
                + "'], " + card + " #severity-" + reportId + ", " + card + " #assignee-" + reportId)))
                .as("the triage form and the record's read, not hers").isEmpty();
            browser.screenshot("supervisor-report");
            // Incidents: she reads them; opening one, its steps and the notification are the administrators'.
            browser.open(centreBase() + "incidents");
            browser.waitForPage("Incidents");
            assertThat(browser.driver.findElements(By.cssSelector("[data-testid='open-incident'], #incident-description")))
                .as("the form to open an incident").isEmpty();
            browser.open(centreBase() + "self-check");
            browser.waitForPage("Self-check");
            browser.click(By.cssSelector("[data-testid='run-self-check']"));
            // Running the check is hers: the run's report is shown, and it is the realm's latest.
            browser.byTestId("self-check-report");
            browser.screenshot("supervisor-self-check");
        }
        String auditor = campus.signIn(oauth, "sue", PORTAL, "student.audit");
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).untilAsserted(() -> {
            Api.Reply latest = campus.api.call("GET", "/self-check", auditor, "administration").send();
            assertThat(latest.status()).as("GET /self-check: %s", latest.body()).isEqualTo(200);
            assertThat(Instant.parse(latest.json().path("ranAt").asText())).as("the latest run")
                .isAfterOrEqualTo(started);
        });
    }

    @Test
    void aBackupShowsEveryCollectionItCopiedAndSaysWhatItStarted() throws Exception {
        World w = WORLD.get();
        Campus campus = w.campus();
        campus.speaks("ada", "en");
        Api.Reply before = campus.api.call("GET", "/backups", w.adminToken(), "administration").send();
        assertThat(before.status()).as("GET /backups: %s", before.body()).isEqualTo(200);
        List<String> earlier = before.json().path("backups").findValuesAsText("id");
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("centre")) {
            browser.open(centreBase() + "backups");
            browser.signIn("ada", campus.passwords.get("ada"));
            browser.waitForPage("Backups");
            waitForLoad(browser);
            browser.click(By.cssSelector("[data-testid='start-backup']"));
            browser.waitForText(By.cssSelector("[data-testid='backup-message']"), "Backup started");
            JsonNode[] done = new JsonNode[1];
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).untilAsserted(() -> {
                done[0] = null;
                for (JsonNode b : campus.api.call("GET", "/backups", w.adminToken(), "administration").send().json()
                    .path("backups")) {
                    if (!earlier.contains(b.path("id").asText()) && b.path("status").asText().equals("DONE")) {
                        done[0] = b;
                    }
                }
                assertThat(done[0]).as("the backup started on the page, done").isNotNull();
            });
            String id = done[0].path("id").asText();
            List<String> collections = new ArrayList<>();
            done[0].at("/manifest/collections").fieldNames().forEachRemaining(collections::add);
            assertThat(collections).as("the manifest's collections").hasSizeGreaterThan(1);
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid='backup-collections-" + id
                + "'] tbody tr")).size() == collections.size());
            List<String> shown = browser.driver.findElements(By.cssSelector("[data-testid='backup-collections-" + id
                + "'] tbody tr")).stream().map(row -> row.getAttribute("data-collection")).toList();
            assertThat(shown).as("every collection, not only the last").containsExactlyElementsOf(collections);
            browser.screenshot("backup-every-collection");
            assertThat(browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript())).isEmpty();
        }
    }

    /**
     * The grants table at the browser's 1280 pixels: no sideways scrolling, inside its box or of the page, and the
     * actions of the row within the window.
     */
    private static void grantsFitTheScreen(ConsoleBrowser browser, String grantId) {
        browser.driver.manage().window().setSize(new Dimension(1280, 1600));
        Object scroll = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
            "const box = document.querySelector(\"[data-testid='grants-scroll']\");"
                + "return box.scrollWidth - box.clientWidth;");
        assertThat(((Number) scroll).intValue()).as("the grants table scrolls sideways").isLessThanOrEqualTo(0);
        ConsoleBrowser.Overflow overflow = browser.sidewaysOverflow();
        assertThat(overflow.pixels()).as("the page scrolls sideways: %s", overflow.elements()).isLessThanOrEqualTo(0);
        Object right = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
            "return document.querySelector(\"[data-testid='uses-" + grantId + "']\").getBoundingClientRect().right"
                + " - document.documentElement.clientWidth;");
        assertThat(((Number) right).doubleValue()).as("the row's actions within the window").isLessThanOrEqualTo(0);
    }

    /** Supervision limited to no purpose: the server refuses, the page says so at supervision's purposes. */
    private static void supervisionLimitedToNothingIsRefusedAtItsField(ConsoleBrowser browser, Campus campus, World w) {
        browser.click(By.cssSelector("label[for='role-records-supervisor-limited']"));
        browser.byTestId("role-records-supervisor-purposes-toggle");
        browser.click(By.cssSelector("[data-testid='save-settings']"));
        browser.byTestId("role-records-supervisor-error");
        assertThat(browser.byTestId("settings-message").getText()).isNotBlank();
        assertThat(campus.api.call("GET", "/settings", w.adminToken(), "administration").send().json()
            .path("purposesByRole").has("records-supervisor")).as("nothing written").isFalse();
    }

    private String centreBase() {
        return realm.getBaseUrl() + "/student-records/centre/";
    }

    /** Waits until no spinner is left: the page's data, or its problem, is shown. */
    private static void waitForLoad(ConsoleBrowser browser) {
        browser.waitUntil(d -> d.findElements(By.cssSelector(".pf-v5-c-spinner")).isEmpty());
    }

    private JsonNode grantByReference(World w, String reference) {
        Api.Reply list = w.campus().api.call("GET", "/grants", w.adminToken(), "administration").send();
        assertThat(list.status()).as("%s", list.body()).isEqualTo(200);
        for (JsonNode g : list.json().path("grants")) {
            if (g.at("/agreement/reference").asText().equals(reference)) {
                return g;
            }
        }
        throw new AssertionError("no grant with agreement " + reference + " in " + list.body());
    }

    private JsonNode adminRead(World w, String record) {
        Api.Reply read = w.campus().api.call("GET", "/records/" + record, w.adminToken(), "administration").send();
        assertThat(read.status()).as("admin reads the record: %s", read.body()).isEqualTo(200);
        return read.json();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<String> label(String page, List<String> violations) {
        return violations.stream().map(v -> page + ": " + v).toList();
    }
}
