package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.CentreScreens.accessible;
import static edu.studentrecords.it.CentreScreens.noSidewaysScrolling;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Destruction with four eyes on the centre's screens, in headless Chromium, in English and Simplified Chinese: Ada
 * opens a student's record and asks for its destruction with a reason, and finds her own request with Approve
 * disabled; Eli, a second administrator, approves it in his own browser after a confirmation that names the student,
 * downloads the destruction certificate and has the page verify it with the realm's public key (a changed copy
 * fails). The record is then gone for everyone, and the downloaded file verifies offline too. Photographed into
 * {@code target/screenshots/purges/} at 1280 and 390 pixels, checked with axe-core.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class PurgeScreensIT {

    @InjectRealm(ref = "purge-screens")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<PurgeScreensIT, World> WORLD = CampusWorld.of(PurgeScreensIT.class, t -> t.realm,
        t -> t.oauth, (test, campus) -> {
            campus.offersEnglishAndChinese();
            String admin = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
            Map<String, GeneratedStudent> students = Map.of(
                "en", GeneratedStudent.number(351, PHYSICS_CLASS).named("Purged Student English"),
                "zh-CN", GeneratedStudent.number(352, PHYSICS_CLASS).named("销毁测试学生"));
            Map<String, String> records = Map.of(
                "en", campus.enrol(admin, students.get("en"), null),
                "zh-CN", campus.enrol(admin, students.get("zh-CN"), null));
            return new World(campus, admin, students, records);
        });

    /** The campus, Ada's token, and per language the student whose record is destroyed. */
    record World(Campus campus, String adminToken, Map<String, GeneratedStudent> students,
                 Map<String, String> records) {
    }

    /** What the checks read in one language. */
    record Texts(String tag, String records, String purges, String reason) {
    }

    static final Texts ENGLISH = new Texts("en", "Records", "Purges and certificates", "Enrolled twice by mistake");
    static final Texts CHINESE = new Texts("zh-CN", "学生档案", "销毁与证明", "误重复登记");

    @Test
    void adaAsksEliApprovesInHisBrowserAndTheCertificateDownloadsAndVerifiesInEnglish() throws Exception {
        fourEyes(ENGLISH);
    }

    @Test
    void adaAsksEliApprovesInHisBrowserAndTheCertificateDownloadsAndVerifiesInChinese() throws Exception {
        fourEyes(CHINESE);
    }

    private ConsoleBrowser signedIn(String who, Texts texts, int width, String page, String heading)
        throws IOException {
        return CentreScreens.signedIn(WORLD.get().campus(), "purges", who, texts.tag(), width, page, heading);
    }

    private void fourEyes(Texts texts) throws Exception {
        World w = WORLD.get();
        GeneratedStudent student = w.students().get(texts.tag());
        String record = w.records().get(texts.tag());
        By row = By.cssSelector("[data-record='" + record + "']");

        // Ada asks, from the student's record; on the Purges page her own request has no enabled Approve.
        try (ConsoleBrowser ada = signedIn("ada", texts, 1280, "records?record=" + record, texts.records())) {
            // Opened by its address, the record names no student yet: the request, which must name one, waits for
            // the record to be read (it opened naming "this student (—)").
            assertThat(ada.byTestId("request-purge").getAttribute("aria-disabled")).as("before the read")
                .isEqualTo("true");
            ada.click(By.cssSelector("[data-testid='read-record']"));
            ada.waitForText(By.cssSelector("[data-testid='record-title']"), student.studentNumber());
            ada.click(By.cssSelector("[data-testid='request-purge']"));
            ada.waitForText(By.cssSelector("[data-testid='confirm-purge-request']"), student.studentNumber());
            assertThat(ada.visible(By.cssSelector("[data-testid='confirm-purge-request']")).getText())
                .contains(student.name());
            ada.setValue(By.id("purge-reason"), texts.reason());
            ada.screenshot(texts.tag() + "-1280-request");
            accessible(ada, "the request for destruction");
            ada.click(By.cssSelector("[data-testid='confirm-purge-request-confirm']"));
            ada.byTestId("purge-filed");
            ada.click(By.cssSelector("[data-testid='nav-purges'] a, a[data-testid='nav-purges']"));
            ada.waitForPage(texts.purges());
            WebElement approve = ada.visible(row).findElement(By.cssSelector("[data-testid^='approve-purge-']"));
            assertThat(approve.getAttribute("data-mine")).isEqualTo("true");
            assertThat(approve.getAttribute("aria-disabled")).as("the requester's Approve").isEqualTo("true");
            assertThat(ada.visible(row).getText()).contains(texts.reason());
            ada.screenshot(texts.tag() + "-1280-own-request");
            accessible(ada, "the purge requests");
            approve.click();
            assertThat(ada.driver.findElements(By.cssSelector("[data-testid='confirm-approve-purge']")))
                .as("no confirmation opens for the requester").isEmpty();
        }
        assertThat(w.campus().api.call("GET", "/records/" + record, w.adminToken(), "administration").send().status())
            .as("the record stays until a second administrator approves").isEqualTo(200);

        // Eli approves in his own browser, downloads the certificate and the page verifies it.
        JsonNode keys = OfflineSignature.publicKeys(realm.getBaseUrl());
        try (ConsoleBrowser eli = signedIn("eli", texts, 1280, "purges", texts.purges())) {
            WebElement approve = eli.visible(row).findElement(By.cssSelector("[data-testid^='approve-purge-']"));
            assertThat(approve.getAttribute("data-mine")).isEqualTo("false");
            assertThat(approve.getAttribute("aria-disabled")).isIn(null, "false");
            approve.click();
            eli.waitForText(By.cssSelector("[data-testid='approve-student']"), student.name());
            assertThat(eli.byTestId("approve-student").getText()).contains(student.studentNumber(), texts.reason());
            eli.screenshot(texts.tag() + "-1280-approve");
            accessible(eli, "the approval's confirmation");
            eli.click(By.cssSelector("[data-testid='confirm-approve-purge-confirm']"));
            eli.visible(By.cssSelector("[data-testid='certificate']"));
            eli.click(By.cssSelector("[data-testid='download-certificate']"));
            Path file = eli.downloaded("destruction-certificate-" + record + ".json");
            JsonNode saved = Api.JSON.readTree(Files.readString(file));
            assertThat(saved.at("/certificate/recordId").asText()).isEqualTo(record);
            assertThat(saved.at("/certificate/reason").asText()).isEqualTo(texts.reason());
            assertThat(saved.at("/certificate/requestedBy").asText()).isEqualTo(w.campus().userIds.get("ada"));
            assertThat(saved.at("/certificate/approvedBy").asText()).isEqualTo(w.campus().userIds.get("eli"));
            String signed = saved.get("signedCertificate").asText();
            assertThat(OfflineSignature.verifiedPayload(signed, keys)).as("the downloaded certificate, offline")
                .isEqualTo(saved.get("certificate"));

            eli.click(By.cssSelector("[data-testid='verify-this-certificate']"));
            eli.visible(By.cssSelector("[data-testid='certificate-verification'][data-verified='true']"));
            eli.visible(By.id("certificate-file")).sendKeys(file.toAbsolutePath().toString());
            eli.click(By.cssSelector("[data-testid='verify-certificate']"));
            WebElement verified =
                eli.visible(By.cssSelector("[data-testid='file-verification'][data-verified='true']"));
            String kid = Api.JSON.readTree(java.util.Base64.getUrlDecoder().decode(signed.split("\\.")[0]))
                .get("kid").asText();
            assertThat(verified.getText()).contains(kid, texts.reason());
            eli.scrollIntoView(verified);
            eli.screenshot(texts.tag() + "-1280-certificate-verified");
            accessible(eli, "the verified certificate");

            // A copy whose signed part was changed does not verify.
            Path forged = file.resolveSibling("forged-" + texts.tag() + ".json");
            Files.writeString(forged, Api.JSON.writeValueAsString(
                Map.of("signedCertificate", OfflineSignature.tampered(signed))));
            eli.visible(By.id("certificate-file")).sendKeys(forged.toAbsolutePath().toString());
            eli.click(By.cssSelector("[data-testid='verify-certificate']"));
            eli.visible(By.cssSelector("[data-testid='file-verification'][data-verified='false']"));
        }
        assertThat(w.campus().api.call("GET", "/records/" + record, w.adminToken(), "administration").send().status())
            .as("the destroyed record, for everyone").isEqualTo(404);

        // On a phone: the destroyed requests, and the page reaches no further than the screen.
        try (ConsoleBrowser eli = signedIn("eli", texts, 390, "purges", texts.purges())) {
            new org.openqa.selenium.support.ui.Select(eli.visible(By.id("purge-state"))).selectByValue("APPROVED");
            eli.visible(row);
            eli.screenshot(texts.tag() + "-390-destroyed");
            noSidewaysScrolling(eli);
        }
    }
}
