package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.HISTORY_CLASS;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The guardians' and the students' consent pages of the account console in headless Chromium, against the suite's real
 * Keycloak and record store: grace (role {@code guardian}, linked to the record of mia, 12) finds mia under "My
 * children", corrects her phone (a bad number is marked at the field and nothing is written), asks for a correction,
 * reports an access from mia's access log and filters the log by who and purpose (herself "you", mia "your child"),
 * gives and withdraws mia's consent and asks the centre a question; henry sees the consents of leo (16) without
 * deciding them, leo decides them himself under "My consents", and mia's own attempt is refused with the reason. The
 * menu shows "My children" only to guardians and the student pages only to students; a record that is not grace's
 * child shows nothing of itself. In English and Simplified Chinese, 1280 and 390 pixels wide,
 * photographed into {@code target/screenshots/guardian-pages/} and checked with axe-core.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class GuardianPagesIT {

    static final String CONSENT_PURPOSES_ATTRIBUTE = "student-records.consent-purposes";
    static final String PHOTOS = "photo-publication";
    static final String RESEARCH = "research-statistics";
    private static final AtomicInteger PHONES = new AtomicInteger(1);

    @InjectRealm(ref = "guardian-pages")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectMailServer
    MailServer mail;

    @RegisterExtension
    static final CampusWorld<GuardianPagesIT, World> WORLD = CampusWorld.of(GuardianPagesIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            RealmRepresentation representation = test.realm.admin().toRepresentation();
            representation.setAccountTheme("student-records");
            Map<String, String> attributes = new HashMap<>(representation.getAttributes() == null ? Map.of()
                : representation.getAttributes());
            attributes.put(CONSENT_PURPOSES_ATTRIBUTE, """
                [{"id":"photo-publication","version":1,"texts":{"en":"Photos of the student on the school's website",\
                "zh-CN":"在学校网站上发布学生的照片"}},
                 {"id":"research-statistics","version":1,"texts":{"en":"Records used without names for research",\
                "zh-CN":"在不具名的情况下将档案用于研究"}}]""");
            representation.setAttributes(attributes);
            test.realm.admin().update(representation);
            campus.offersEnglishAndChinese();
            campus.person("grace", null, "guardian");
            campus.person("henry", null, "guardian");
            campus.person("mia", null, "student");
            campus.person("leo", null, "student");
            String admin = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            GeneratedStudent mia = GeneratedStudent.number(81, PHYSICS_CLASS).bornOn(today.minusYears(12).minusDays(40));
            GeneratedStudent leo = GeneratedStudent.number(82, PHYSICS_CLASS).bornOn(today.minusYears(16).minusDays(40));
            GeneratedStudent bob = GeneratedStudent.number(83, HISTORY_CLASS);
            String miaRecord = campus.enrol(admin, mia, "mia");
            String leoRecord = campus.enrol(admin, leo, "leo");
            String bobRecord = campus.enrol(admin, bob, "bob");
            String approver = campus.signIn(test.oauth, "eli", PORTAL, ADMIN_SCOPES);
            campus.linkGuardian(admin, approver, miaRecord, 0, "grace");
            campus.linkGuardian(admin, approver, leoRecord, 0, "henry");
            return new World(campus, admin, mia, miaRecord, leo, leoRecord, bob, bobRecord);
        });

    /** The campus with the records of mia (12, grace's), leo (16, henry's) and bob (an adult nobody here is linked to). */
    record World(Campus campus, String adminToken, GeneratedStudent mia, String miaRecord, GeneratedStudent leo,
                 String leoRecord, GeneratedStudent bob, String bobRecord) {
    }

    /** What the pages say in one language, from the theme's messages_*.properties. */
    record Texts(String tag, String myChildren, String myConsents, String recordTab, String accessLogTab,
                 String consentsTab, String questionsTab, String saved, String correctionSent, String reportSent,
                 String questionSent, String notLinked, String consentRefused, List<String> whoChoices, String you,
                 String yourChild, String administrator) {
    }

    static final Texts ENGLISH = new Texts("en", "My children", "My consents", "Record", "Who accessed it", "Consents",
        "Questions and reports", "Your changes are saved.", "Your request was sent to the information management centre.",
        "Your report was sent to the information management centre.",
        "Your question was sent to the information management centre.",
        "This record is not one of your children's records.", "Nothing was changed for",
        List.of("Anyone", "You", "Your child", "Other guardians", "School staff", "Other people", "Applications on their own"), "You",
        "Your child", "An administrator of the information management centre");
    static final Texts CHINESE = new Texts("zh-CN", "我的孩子", "我的同意", "档案", "访问记录", "同意事项", "疑问与举报",
        "你的修改已保存。", "你的申请已提交给信息管理中心。", "你的举报已提交给信息管理中心。", "你的疑问已提交给信息管理中心。",
        "此档案不是你孩子的档案。", "未作任何改动",
        List.of("所有人", "你本人", "你的孩子", "其他监护人", "学校工作人员", "其他人", "应用程序自身"), "你本人", "你的孩子",
        "信息管理中心的管理员");

    @Test
    void graceLooksAfterMiaInEnglish() throws IOException {
        walk(ENGLISH);
    }

    @Test
    void graceLooksAfterMiaInSimplifiedChinese() throws IOException {
        walk(CHINESE);
    }

    @Test
    void graceUsesMiasPagesOnAPhoneInEnglishAndChinese() throws IOException {
        World w = WORLD.get();
        for (Texts texts : List.of(ENGLISH, CHINESE)) {
            try (ConsoleBrowser browser = signedIn("grace", texts, 390, "guardian/children")) {
                browser.waitForPage(texts.myChildren());
                browser.byTestId("child-" + w.miaRecord());
                // On a phone the menu starts closed; the header's button opens it, and it offers "My children".
                assertThat(browser.driver.findElement(By.cssSelector("[data-testid='student-menu']"))
                    .getAttribute("data-open")).isEqualTo("false");
                browser.click(By.id("nav-toggle"));
                browser.click(By.cssSelector(".pf-v5-c-page__sidebar a[href$='guardian/children']"));
                browser.waitUntil(d -> "false".equals(d.findElement(By.cssSelector("[data-testid='student-menu']"))
                    .getAttribute("data-open")));
                fitsTheWidth(browser, texts.tag() + "-390-my-children");

                browser.click(By.cssSelector("[data-testid='open-child-" + w.miaRecord() + "']"));
                browser.waitForPage(w.mia().name());
                browser.waitForText(By.cssSelector("[data-testid='profile-studentNumber']"), w.mia().studentNumber());
                fitsTheWidth(browser, texts.tag() + "-390-record");
                List<Tab> tabs = List.of(
                    new Tab("access-log", texts.accessLogTab(), "[data-testid='access-log'] tr[data-testid^='entry-']"),
                    new Tab("consents", texts.consentsTab(), "[data-testid='consent-" + PHOTOS + "']"),
                    new Tab("questions", texts.questionsTab(), "[data-testid='question-form']"));
                for (Tab tab : tabs) {
                    openTab(browser, tab.title());
                    browser.visible(By.cssSelector(tab.shown()));
                    fitsTheWidth(browser, texts.tag() + "-390-" + tab.name());
                    if (tab.name().equals("access-log")) {
                        // The same filters on a phone: who narrows the log to grace's own entries, in her words.
                        select(browser, "log-who", "YOU");
                        assertThat(whoOfFirst(browser, rowsOnlyOf(browser, "YOU"))).contains(texts.you());
                        fitsTheWidth(browser, texts.tag() + "-390-access-log-by-you");
                    }
                }
                assertThat(browser.seriousAccessibilityViolations(ConsoleBrowser.axeScript()))
                    .as("serious or critical axe-core violations at 390 px").isEmpty();
            }
        }
    }

    @Test
    void leoDecidesHisConsentsHenryOnlySeesThemAndMiasOwnAttemptIsRefused() throws IOException {
        World w = WORLD.get();
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        for (Texts texts : List.of(ENGLISH, CHINESE)) {
            boolean give = !"GIVEN".equals(consentStatus("leo", RESEARCH));
            try (ConsoleBrowser browser = signedIn("leo", texts, 1280, "student-record/consents")) {
                browser.waitForPage(texts.myConsents());
                browser.click(By.cssSelector("[data-testid='" + (give ? "give-" : "withdraw-") + RESEARCH + "']"));
                String status = give ? "GIVEN" : "WITHDRAWN";
                browser.visible(By.cssSelector("[data-testid='consent-" + RESEARCH + "'][data-status='" + status + "']"));
                browser.screenshot(texts.tag() + "-leo-my-consents");
                inaccessible.addAll(label("leo's consents", browser.seriousAccessibilityViolations(axe)));
                assertThat(consentStatus("leo", RESEARCH)).isEqualTo(status);

                // Henry sees what leo decided, without a button to decide it himself.
                signOut(browser);
                browser.open(consoleBase() + "guardian/children/" + w.leoRecord() + "/consents");
                browser.signIn("henry", w.campus().passwords.get("henry"));
                browser.visible(By.cssSelector("[data-testid='consent-" + RESEARCH + "'][data-status='" + status + "']"));
                browser.byTestId("consents-decided-elsewhere");
                assertThat(browser.driver.findElements(By.cssSelector("[data-testid^='give-'], [data-testid^='withdraw-']")))
                    .as("henry has no button to decide leo's consents").isEmpty();
                browser.screenshot(texts.tag() + "-henry-sees-leos-consents");
                inaccessible.addAll(label("henry's view of leo's consents", browser.seriousAccessibilityViolations(axe)));
            }

            // Mia is 12: her own attempt is refused, with the reason, and her consent stays as it was.
            String before = consentStatus("mia", PHOTOS);
            try (ConsoleBrowser browser = signedIn("mia", texts, 1280, "student-record/consents")) {
                browser.waitForPage(texts.myConsents());
                browser.click(By.cssSelector("[data-testid='consent-" + PHOTOS + "'] button"));
                browser.waitForText(By.cssSelector("[data-testid='consent-message']"), texts.consentRefused());
                // In words: the status's number is for the network log, not for a twelve-year-old.
                assertThat(browser.byTestId("consent-message").getText()).doesNotContain("403");
                // The refusal and the buttons' end come in one rendering: no other button is offered to be refused.
                assertThat(browser.driver.findElements(By.cssSelector("[data-testid^='give-'], [data-testid^='withdraw-']")))
                    .as("mia has no button left to decide her consents").isEmpty();
                browser.screenshot(texts.tag() + "-mia-cannot-consent");
                inaccessible.addAll(label("mia's refused consent", browser.seriousAccessibilityViolations(axe)));
            }
            assertThat(consentStatus("mia", PHOTOS)).isEqualTo(before);
        }
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void theMenuShowsMyChildrenToGuardiansOnlyAndTheStudentPagesToStudentsOnly() throws IOException {
        // The entries of a closed group are in the menu, hidden until it opens: what is asked is whether they are there.
        try (ConsoleBrowser browser = signedIn("alice", ENGLISH, 1280, "")) {
            browser.waitUntil(d -> !d.findElements(By.cssSelector(".pf-v5-c-page__sidebar a[href$='student-record/consents']"))
                .isEmpty());
            assertThat(browser.driver.findElements(By.cssSelector(".pf-v5-c-page__sidebar a[href$='guardian/children']")))
                .as("a student without the guardian role has no My children").isEmpty();
            browser.screenshot("en-alice-menu");
        }
        try (ConsoleBrowser browser = signedIn("grace", ENGLISH, 1280, "")) {
            browser.waitUntil(d -> !d.findElements(By.cssSelector(".pf-v5-c-page__sidebar a[href$='guardian/children']"))
                .isEmpty());
            assertThat(browser.driver.findElements(By.cssSelector(".pf-v5-c-page__sidebar a[href*='student-record']")))
                .as("a guardian who is not a student has no student pages").isEmpty();
            browser.screenshot("en-grace-menu");
        }
        // Mia sees under "Who can see my record" that her mother's account acts for her.
        try (ConsoleBrowser browser = signedIn("mia", ENGLISH, 390, "student-record/who-can-see")) {
            WebElement grace = browser.visible(By.cssSelector("[data-testid='guardian-grace']"));
            assertThat(grace.getText()).contains("Mother");
            fitsTheWidth(browser, "en-390-mia-who-can-see");
        }
    }

    /**
     * The mailed invitation link opens the console, the guardian signs in and the page accepts it once: the link then
     * waits for a second administrator, after which the child is listed; the same link again is refused.
     */
    @Test
    void anInvitationLinkIsAcceptedOnceByTheGuardianWhoOpensIt() throws Exception {
        World w = WORLD.get();
        Campus campus = w.campus();
        campus.person("gabe", null, "guardian");
        GeneratedStudent nina = GeneratedStudent.number(84, PHYSICS_CLASS)
            .bornOn(LocalDate.now(ZoneOffset.UTC).minusYears(10).minusDays(40));
        String ninaRecord = campus.enrol(w.adminToken(), nina, null);
        int mailed = mail.getReceivedMessages().length;
        Api.Reply invited = campus.api.call("POST", "/records/" + ninaRecord + "/guardian-invitations", w.adminToken(),
            "administration").json("application/json", Map.of("guardianIndex", 0, "email", "gabe@people.example.test"))
            .send();
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(mail.waitForIncomingEmail(30_000, mailed + 1)).as("the invitation is mailed").isTrue();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(https?://\\S+invitation=[A-Za-z0-9_-]{20,})")
            .matcher(MailText.of(mail.getReceivedMessages()[mailed]));
        assertThat(link.find()).as("the mail's link").isTrue();

        campus.speaks("gabe", ENGLISH.tag());
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("guardian-pages")) {
            browser.driver.manage().window().setSize(new Dimension(1280, 1600));
            browser.open(link.group(1));
            browser.signIn("gabe", campus.passwords.get("gabe"));
            browser.waitForText(By.cssSelector("[data-testid='invitation-message']"), "Invitation accepted");
            assertThat(browser.driver.getCurrentUrl()).as("the token leaves the address").doesNotContain("invitation=");
            assertThat(browser.byTestId("no-children").isDisplayed()).as("nothing opens before approval").isTrue();
            browser.screenshot("en-gabe-invitation-accepted");

            JsonNode links = campus.api.call("GET", "/records/" + ninaRecord + "/guardian-links", w.adminToken(),
                "administration").send().json().get("links");
            assertThat(links.findValuesAsText("username")).containsExactly("gabe");
            String approver = campus.signIn(oauth, "eli", PORTAL, ADMIN_SCOPES);
            assertThat(campus.api.call("POST", "/records/" + ninaRecord + "/guardian-links/"
                + links.get(0).get("id").asText() + "/approve", approver, "administration").send().status())
                .isEqualTo(200);
            browser.open(consoleBase() + "guardian/children");
            browser.waitForText(By.cssSelector("[data-testid='children']"), nina.name());

            browser.open(link.group(1));
            browser.waitForText(By.cssSelector("[data-testid='invitation-message']"), "expired or was used already");
            browser.screenshot("en-gabe-invitation-used");
        }
    }

    @Test
    void aRecordThatIsNotHerChildsShowsNothingOfIt() throws IOException {
        World w = WORLD.get();
        try (ConsoleBrowser browser = signedIn("grace", ENGLISH, 1280, "guardian/children/" + w.bobRecord())) {
            for (String tab : List.of("", "/access-log", "/consents", "/reports")) {
                browser.open(consoleBase() + "guardian/children/" + w.bobRecord() + tab);
                browser.waitForText(By.cssSelector("[data-testid='load-error']"), ENGLISH.notLinked());
                String shown = browser.pageText() + browser.driver.getPageSource();
                List<String> bobs = new ArrayList<>(w.bob().confidentialValues());
                bobs.add(w.bob().studentNumber());
                bobs.add(w.bob().name());
                for (String value : bobs) {
                    assertThat(shown).as("guardian/children/{bob}%s must not show bob's data", tab).doesNotContain(value);
                }
            }
            browser.screenshot("en-not-her-child");
        }
    }

    private void walk(Texts texts) throws IOException {
        World w = WORLD.get();
        Campus campus = w.campus();
        String prefix = texts.tag() + "-";
        String axe = ConsoleBrowser.axeScript();
        List<String> inaccessible = new ArrayList<>();
        try (ConsoleBrowser browser = signedIn("grace", texts, 1280, "guardian/children")) {
            // My children: mia, 12, whose mother grace is.
            browser.waitForPage(texts.myChildren());
            WebElement row = browser.byTestId("child-" + w.miaRecord());
            assertThat(row.getText()).contains(w.mia().name(), "12");
            browser.visible(By.cssSelector(".pf-v5-c-page__sidebar a[href$='guardian/children']"));
            browser.screenshot(prefix + "1-my-children");
            inaccessible.addAll(label("my children", browser.seriousAccessibilityViolations(axe)));

            // Mia's record: every group; a bad phone is marked at the field and nothing is written.
            browser.click(By.cssSelector("[data-testid='open-child-" + w.miaRecord() + "']"));
            browser.waitForPage(w.mia().name());
            browser.waitForText(By.cssSelector("[data-testid='profile-studentNumber']"), w.mia().studentNumber());
            assertThat(browser.pageText()).contains(w.mia().residentIdNumber());
            browser.screenshot(prefix + "2-mias-record");
            inaccessible.addAll(label("mia's record", browser.seriousAccessibilityViolations(axe)));
            String before = miasPhone(w);
            browser.type(By.id("contact-mobilePhone"), "12345");
            browser.click(By.cssSelector("[data-testid='save-record']"));
            assertThat(browser.byTestId("error-contact.mobilePhone").getText()).isNotBlank();
            browser.screenshot(prefix + "3-bad-phone");
            inaccessible.addAll(label("mia's record with an error", browser.seriousAccessibilityViolations(axe)));
            assertThat(miasPhone(w)).isEqualTo(before);

            // A good one, saved with the version grace read (If-Match): the store has it.
            String phone = String.format("138%08d", 40_000_000 + PHONES.getAndIncrement() * 7_777 + texts.tag().length());
            browser.type(By.id("contact-mobilePhone"), phone);
            browser.click(By.cssSelector("[data-testid='save-record']"));
            browser.waitForText(By.cssSelector("[data-testid='record-message']"), texts.saved());
            assertThat(miasPhone(w)).isEqualTo(phone);

            // A correction of mia's name: the request waits for the centre.
            new Select(browser.visible(By.id("correction-field"))).selectByValue("profile.name");
            browser.type(By.id("correction-value"), w.mia().name() + " Corrected");
            browser.type(By.id("correction-reason"), "Her name is spelt differently on her birth certificate.");
            browser.click(By.cssSelector("[data-testid='send-correction']"));
            browser.waitForText(By.cssSelector("[data-testid='correction-message']"), texts.correctionSent());
            browser.screenshot(prefix + "4-correction-requested");
            JsonNode corrections = campus.api.call("GET", "/me/corrections",
                campus.signIn(oauth, "mia", PORTAL, "student.self"), null).send().json().path("corrections");
            assertThat(corrections.get(0).path("status").asText()).as("mia's newest correction").isEqualTo("PENDING");

            // Who accessed it: grace's own change is there; she reports an access as misuse.
            openTab(browser, texts.accessLogTab());
            WebElement update = browser.visible(By.cssSelector("[data-testid='access-log'] tr[data-operation='UPDATE']"));
            String sequence = update.getAttribute("data-testid").substring("entry-".length());
            browser.screenshot(prefix + "5-mias-access-log");
            inaccessible.addAll(label("mia's access log", browser.seriousAccessibilityViolations(axe)));
            browser.click(By.cssSelector("[data-testid='report-" + sequence + "']"));
            String complaint = "Who changed my daughter's phone number? (" + texts.tag() + ")";
            browser.type(By.id("report-message"), complaint);
            browser.screenshot(prefix + "6-report-dialog");
            inaccessible.addAll(label("report dialog", browser.seriousAccessibilityViolations(axe)));
            browser.click(By.cssSelector("[data-testid='send-report']"));
            browser.waitForText(By.cssSelector("[data-testid='report-sent']"), texts.reportSent());
            JsonNode report = centreReport(w, complaint);
            assertThat(report.path("kind").asText()).isEqualTo("MISUSE");
            assertThat(report.path("auditEntries").toString()).isEqualTo("[" + sequence + "]");

            // Who and purpose filter on the server, as on the student's own page, in the guardian's words: grace is
            // "You", mia (who read her corrections above) "Your child", the centre by role.
            assertThat(new Select(browser.visible(By.id("log-who"))).getOptions()).extracting(WebElement::getText)
                .containsExactlyElementsOf(texts.whoChoices());
            select(browser, "log-who", "YOU");
            assertThat(whoOfFirst(browser, rowsOnlyOf(browser, "YOU"))).contains(texts.you());
            select(browser, "log-who", "STUDENT");
            assertThat(whoOfFirst(browser, rowsOnlyOf(browser, "STUDENT"))).contains(texts.yourChild());
            browser.screenshot(prefix + "5-mias-access-log-by-mia");
            inaccessible.addAll(label("mia's access log by mia", browser.seriousAccessibilityViolations(axe)));
            select(browser, "log-who", "");
            select(browser, "log-purpose", "administration");
            assertThat(whoOfFirst(browser, rowsOnlyOf(browser, "STAFF"))).contains(texts.administrator());
            browser.screenshot(prefix + "5-mias-access-log-for-administration");
            select(browser, "log-purpose", "");

            // Consents: mia is 12, grace gives and withdraws them; mia's own consents say so.
            openTab(browser, texts.consentsTab());
            boolean give = !"GIVEN".equals(consentStatus("mia", PHOTOS));
            browser.click(By.cssSelector("[data-testid='" + (give ? "give-" : "withdraw-") + PHOTOS + "']"));
            String status = give ? "GIVEN" : "WITHDRAWN";
            browser.visible(By.cssSelector("[data-testid='consent-" + PHOTOS + "'][data-status='" + status + "']"));
            assertThat(consentStatus("mia", PHOTOS)).isEqualTo(status);
            browser.screenshot(prefix + "7-mias-consents");
            inaccessible.addAll(label("mia's consents", browser.seriousAccessibilityViolations(axe)));
            browser.click(By.cssSelector("[data-testid='" + (give ? "withdraw-" : "give-") + PHOTOS + "']"));
            String back = give ? "WITHDRAWN" : "GIVEN";
            browser.visible(By.cssSelector("[data-testid='consent-" + PHOTOS + "'][data-status='" + back + "']"));
            assertThat(consentStatus("mia", PHOTOS)).isEqualTo(back);

            // A question to the centre.
            openTab(browser, texts.questionsTab());
            browser.click(By.id("report-kind-question"));
            String question = "Who at the school may see my daughter's address? (" + texts.tag() + ")";
            browser.type(By.id("question-text"), question);
            browser.click(By.cssSelector("[data-testid='send-question']"));
            browser.waitForText(By.cssSelector("[data-testid='question-message']"), texts.questionSent());
            assertThat(centreReport(w, question).path("kind").asText()).isEqualTo("QUESTION");
            browser.screenshot(prefix + "8-question-sent");
            inaccessible.addAll(label("questions and reports", browser.seriousAccessibilityViolations(axe)));

            // Back to the record by its tab.
            openTab(browser, texts.recordTab());
            browser.waitForText(By.cssSelector("[data-testid='profile-studentNumber']"), w.mia().studentNumber());
        }
        assertThat(inaccessible).as("serious or critical axe-core violations").isEmpty();
    }

    /** The status of a student's consent to {@code purpose}, as the student's own GET /me/consents answers. */
    private String consentStatus(String student, String purpose) {
        Campus campus = WORLD.campus();
        Api.Reply consents = campus.api.call("GET", "/me/consents", campus.signIn(oauth, student, PORTAL, "student.self"),
            null).send();
        assertThat(consents.status()).as("%s's consents: %s", student, consents.body()).isEqualTo(200);
        for (JsonNode consent : consents.json().path("consents")) {
            if (consent.path("purpose").asText().equals(purpose)) {
                return consent.path("status").asText();
            }
        }
        throw new AssertionError(student + "'s consents have no " + purpose + ": " + consents.body());
    }

    /**
     * The report with {@code message} as the centre reads it (GET /reports): about mia's record, sent by grace as a
     * guardian.
     */
    private static JsonNode centreReport(World w, String message) {
        Api.Reply reports = w.campus().api.call("GET", "/reports", w.adminToken(), "administration").send();
        assertThat(reports.status()).as("the centre's reports: %s", reports.body()).isEqualTo(200);
        for (JsonNode report : reports.json().path("reports")) {
            if (report.path("message").asText().equals(message)) {
                assertThat(report.path("recordId").asText()).isEqualTo(w.miaRecord());
                assertThat(report.path("sentBy").asText()).isEqualTo("grace");
                assertThat(report.path("sentByRole").asText()).isEqualTo("GUARDIAN");
                return report;
            }
        }
        throw new AssertionError("the centre has no report \"" + message + "\": " + reports.body());
    }

    private String miasPhone(World w) {
        Api.Reply read = w.campus().api.call("GET", "/records/" + w.miaRecord(), w.adminToken(), "administration").send();
        assertThat(read.status()).as("admin reads mia's record: %s", read.body()).isEqualTo(200);
        return read.json().path("contact").path("mobilePhone").asText();
    }

    /** A browser {@code width} pixels wide, signed in as {@code username} speaking {@code texts}' language, at {@code page}. */
    private ConsoleBrowser signedIn(String username, Texts texts, int width, String page) throws IOException {
        Campus campus = WORLD.get().campus();
        campus.speaks(username, texts.tag());
        ConsoleBrowser browser = ConsoleBrowser.forScreenshots("guardian-pages");
        browser.driver.manage().window().setSize(new Dimension(width, width < 1280 ? 844 : 1600));
        browser.open(consoleBase() + page);
        browser.signIn(username, campus.passwords.get(username));
        return browser;
    }

    /** Ends the browser's session in the realm, so that the next page asks someone else to sign in. */
    private void signOut(ConsoleBrowser browser) {
        browser.open(realm.getBaseUrl() + "/.well-known/openid-configuration");
        browser.driver.manage().deleteAllCookies();
    }

    /** A tab of a child's page: a name for its screenshot, its title, and what it shows once it has loaded. */
    record Tab(String name, String title, String shown) {
    }

    /**
     * Chooses a tab of the child's page by its title, and waits until it is the selected one. On a phone the tabs do
     * not all fit: the list is swiped (scrolled) until the tab is in the middle, as a person would before tapping it.
     */
    private static void openTab(ConsoleBrowser browser, String title) {
        By tab = By.xpath("//button[contains(@class,'pf-v5-c-tabs__link')][normalize-space(.)='" + title + "']");
        // On a phone the tabs scroll (smoothly) under their scroll buttons: bring the tab to the middle and click it
        // once it is no longer covered.
        browser.waitUntil(d -> {
            WebElement button = d.findElement(tab);
            if ("true".equals(button.getAttribute("aria-selected"))) {
                return true;
            }
            ((JavascriptExecutor) d).executeScript(
                "arguments[0].scrollIntoView({block: 'nearest', inline: 'center'});", button);
            try {
                button.click();
            } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
                return false;
            }
            return "true".equals(d.findElement(tab).getAttribute("aria-selected"));
        });
    }

    private static void select(ConsoleBrowser browser, String id, String value) {
        new Select(browser.visible(By.id(id))).selectByValue(value);
    }

    /** The access log's rows once the server has answered with entries of that kind of actor only (at least one). */
    private static List<WebElement> rowsOnlyOf(ConsoleBrowser browser, String kind) {
        return browser.waitUntil(d -> {
            try {
                List<WebElement> rows = d.findElements(By.cssSelector("[data-testid='access-log'] tr[data-testid^='entry-']"));
                return !rows.isEmpty() && rows.stream().allMatch(r -> kind.equals(r.getAttribute("data-actor"))) ? rows : null;
            } catch (StaleElementReferenceException replaced) {
                return null;
            }
        });
    }

    /** What the "who" cell of the first of {@code rows} says. */
    private static String whoOfFirst(ConsoleBrowser browser, List<WebElement> rows) {
        String sequence = rows.get(0).getAttribute("data-testid").substring("entry-".length());
        return browser.byTestId("who-" + sequence).getText();
    }

    /** Photographs the page and checks that it does not scroll sideways. */
    private static void fitsTheWidth(ConsoleBrowser browser, String name) throws IOException {
        browser.screenshot(name);
        ConsoleBrowser.Overflow overflow = browser.sidewaysOverflow();
        assertThat(overflow.pixels()).as("%s scrolls sideways: %s", name, overflow.elements()).isLessThanOrEqualTo(0);
    }

    private String consoleBase() {
        return realm.getBaseUrl() + "/account/";
    }

    private static List<String> label(String page, List<String> violations) {
        return violations.stream().map(v -> page + ": " + v).toList();
    }
}
