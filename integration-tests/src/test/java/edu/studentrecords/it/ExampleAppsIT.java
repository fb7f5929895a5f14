package edu.studentrecords.it;

import static edu.studentrecords.it.Campus.ADMIN_SCOPES;
import static edu.studentrecords.it.Campus.HISTORY_CLASS;
import static edu.studentrecords.it.Campus.LIBRARY;
import static edu.studentrecords.it.Campus.PHYSICS_CLASS;
import static edu.studentrecords.it.Campus.PORTAL;
import static edu.studentrecords.it.Campus.STAFF_SCOPES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The example apps of {@code examples/} against a real Keycloak, as their READMEs run them: the teacher app (its own
 * server, started with node, in headless Chromium) signs a teacher in with PKCE, lists the teacher's class and finds
 * a student, opens the profile and contact, refuses an invalid phone number as the API explains it, saves a valid
 * one with If-Match, and on a change made meanwhile by someone else shows the conflict and the record as it is now;
 * the library app checks a student number with its own client-credentials token, and follows its notices of changes.
 */
@KeycloakIntegrationTest(config = StudentRecordsServer.class)
class ExampleAppsIT {

    /** The examples folder of the repository (property {@code student-records.it.examples}, set by the pom). */
    private static final Path EXAMPLES = Path.of(System.getProperty("student-records.it.examples", "../examples"));
    private static final String TEACHER_APP = "teacher-app";

    @InjectRealm(ref = "example-apps")
    ManagedRealm realm;

    @InjectOAuthClient
    OAuthClient oauth;

    @RegisterExtension
    static final CampusWorld<ExampleAppsIT, Classes> WORLD = CampusWorld.of(ExampleAppsIT.class, t -> t.realm,
        t -> t.oauth, ExampleAppsIT::enrol);

    /** The teacher's class (two students), one student of another class, and an administrator's token. */
    record Classes(Campus campus, String adminToken, GeneratedStudent first, String firstRecord,
                   GeneratedStudent second, GeneratedStudent elsewhere) {
    }

    private static Classes enrol(ExampleAppsIT test, Campus campus) {
        String ada = campus.signIn(test.oauth, "ada", PORTAL, ADMIN_SCOPES);
        GeneratedStudent first = GeneratedStudent.number(141, PHYSICS_CLASS);
        GeneratedStudent second = GeneratedStudent.number(142, PHYSICS_CLASS);
        GeneratedStudent elsewhere = GeneratedStudent.number(143, HISTORY_CLASS);
        String firstRecord = campus.enrol(ada, first, "alice");
        campus.enrol(ada, second, "bob");
        campus.enrol(ada, elsewhere, null);
        return new Classes(campus, ada, first, firstRecord, second, elsewhere);
    }

    @Test
    void aTeacherFindsAStudentOfTheClassAndFixesAPhoneNumberWithTheRefusalsShown() throws Exception {
        Classes w = WORLD.get();
        int port = freePort();
        registerTeacherApp(port);
        String server = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        Process app = start(List.of("node", EXAMPLES.resolve("teacher-app/server.mjs").toString(), "--port",
            String.valueOf(port), "--keycloak", server, "--realm", realm.getName(), "--client", TEACHER_APP), null);
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("teacher-app")) {
            waitUntilServing("http://localhost:" + port + "/", app);
            browser.open("http://localhost:" + port + "/");
            browser.byTestId("sign-in").click();
            browser.signIn("sam", w.campus().passwords.get("sam"));
            browser.waitForText(By.cssSelector("[data-testid='who']"), "sam");

            // The class: the two students of the teacher's unit, never the one of another class (search may lag).
            browser.waitUntil(d -> {
                if (d.findElements(By.cssSelector("[data-testid='students'] tr")).size() == 2) {
                    return true;
                }
                d.findElement(By.cssSelector("#search-form button")).click();
                return false;
            });
            assertThat(browser.byTestId("total").getText()).isEqualTo("2 students");
            assertThat(browser.byTestId("students").getText()).contains(w.first().studentNumber(),
                w.second().studentNumber()).doesNotContain(w.elsewhere().studentNumber());
            browser.screenshot("class");

            browser.type(By.cssSelector("[data-testid='search']"), w.first().studentNumber());
            browser.driver.findElement(By.cssSelector("#search-form button")).click();
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid='students'] tr")).size() == 1);
            browser.driver.findElement(By.cssSelector("[data-testid='students'] tr")).click();
            browser.waitForText(By.cssSelector("[data-testid='student-name']"), w.first().name());
            assertThat(browser.byTestId("contact").getText()).contains(w.first().mobilePhone());
            assertThat(browser.driver.getPageSource()).as("a teacher's app reads no identity")
                .doesNotContain(w.first().residentIdNumber());

            browser.type(By.cssSelector("[data-testid='phone']"), "12345");
            browser.byTestId("save-phone").click();
            WebElement problem = browser.byTestId("problem");
            browser.waitUntil(d -> "validation".equals(problem.getAttribute("data-type")));
            assertThat(problem.findElement(By.cssSelector("li")).getAttribute("data-rule")).startsWith("phone.");
            assertThat(problem.getText()).contains("contact.mobilePhone").doesNotContain("12345");
            browser.screenshot("invalid-phone");

            browser.type(By.cssSelector("[data-testid='phone']"), "+8613700000001");
            browser.byTestId("save-phone").click();
            browser.waitForText(By.cssSelector("[data-testid='saved']"), "Saved.");
            assertThat(browser.byTestId("contact").getText()).contains("+8613700000001");
            Api.Reply stored = w.campus().api.call("GET", "/records/" + w.firstRecord(), w.adminToken(),
                "administration").send();
            assertThat(stored.json().at("/contact/mobilePhone").asText()).isEqualTo("+8613700000001");

            // Someone else changes the record while the teacher has it open: the save is refused, nothing is
            // overwritten, and the app shows the record as it now is.
            Api.Reply meanwhile = w.campus().api.call("PATCH", "/records/" + w.firstRecord(), w.adminToken(),
                "administration").header("If-Match", stored.header("ETag")).json(Api.MERGE_PATCH,
                Map.of("contact", Map.of("homeAddress", "9 Observatory Road"))).send();
            assertThat(meanwhile.status()).as(meanwhile.body()).isEqualTo(200);
            browser.type(By.cssSelector("[data-testid='phone']"), "+8613700000002");
            browser.byTestId("save-phone").click();
            browser.waitUntil(d -> "version-mismatch".equals(browser.byTestId("problem").getAttribute("data-type")));
            browser.waitForText(By.cssSelector("[data-testid='contact']"), "9 Observatory Road");
            assertThat(browser.byTestId("phone").getAttribute("value")).as("what the teacher typed is kept")
                .isEqualTo("+8613700000002");
            browser.screenshot("changed-meanwhile");
            Api.Reply after = w.campus().api.call("GET", "/records/" + w.firstRecord(), w.adminToken(),
                "administration").send();
            assertThat(after.json().at("/contact/mobilePhone").asText()).isEqualTo("+8613700000001");
        } finally {
            stop(app);
        }
    }

    @Test
    void theLibraryChecksAStudentNumberWithItsOwnToken() throws Exception {
        Classes w = WORLD.get();
        String server = realm.getBaseUrl().substring(0, realm.getBaseUrl().indexOf("/realms/"));
        List<String> command = List.of("node", EXAMPLES.resolve("library-app/library.mjs").toString(), "--keycloak",
            server, "--realm", realm.getName(), "--client", LIBRARY);
        String secret = w.campus().secrets.get(LIBRARY);

        Result enrolled = run(command, w.first().studentNumber(), secret);
        assertThat(enrolled.exit()).as(enrolled.output()).isZero();
        assertThat(Api.JSON.readTree(enrolled.output()).get("mayBorrow").asBoolean()).isTrue();
        assertThat(Api.JSON.readTree(enrolled.output()).get("groups").toString()).isEqualTo("[\"profile\"]");
        assertThat(enrolled.output()).doesNotContain(w.first().mobilePhone());

        Result unknown = run(command, "NOSUCH0001", secret);
        assertThat(unknown.exit()).as(unknown.output()).isEqualTo(1);
        assertThat(unknown.output()).contains("no such student");

        Result wrongSecret = run(command, w.first().studentNumber(), "not-the-secret");
        assertThat(wrongSecret.exit()).as(wrongSecret.output()).isEqualTo(3);

        // The notices: the library read this student's profile; the centre suspends the student; the library's next
        // look at its notices reads the record again, no longer lends, and acknowledges the notice, once.
        GeneratedStudent suspended = w.elsewhere();
        assertThat(run(command, suspended.studentNumber(), secret).exit()).isZero();
        Api.Reply current = w.campus().api.call("GET", "/records?studentNumber=" + suspended.studentNumber(),
            w.adminToken(), "administration").send();
        Api.Reply patched = w.campus().api.call("PATCH", "/records/" + current.json().get("id").asText(),
                w.adminToken(), "administration")
            .header("If-Match", current.header("ETag"))
            .json(Api.MERGE_PATCH, Map.of("profile", Map.of("status", "SUSPENDED"))).send();
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        Result followed = run(command, "--notices", secret);
        assertThat(followed.exit()).as(followed.output()).isZero();
        List<JsonNode> about = linesAbout(followed.output(), suspended.studentNumber());
        assertThat(about).as(followed.output()).hasSize(1);
        assertThat(about.get(0).get("kind").asText()).isEqualTo("edit");
        assertThat(about.get(0).get("changed").toString()).isEqualTo("[\"profile\"]");
        assertThat(about.get(0).get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(about.get(0).get("mayBorrow").asBoolean()).isFalse();

        Result again = run(command, "--notices", secret);
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(linesAbout(again.output(), suspended.studentNumber())).as("acknowledged notices come back no more")
            .isEmpty();
    }

    /** The lines of the library's --notices output about one student. */
    private static List<JsonNode> linesAbout(String output, String studentNumber) throws IOException {
        List<JsonNode> about = new ArrayList<>();
        for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode notice = Api.JSON.readTree(line);
            if (studentNumber.equals(notice.path("studentNumber").asText())) {
                about.add(notice);
            }
        }
        return about;
    }

    /** The example's client in the test realm, as the demo realm has it, on the port the app runs on. */
    private void registerTeacherApp(int port) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(TEACHER_APP);
        client.setName("Teacher app (example)");
        client.setProtocol("openid-connect");
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setRedirectUris(List.of("http://localhost:" + port + "/"));
        client.setWebOrigins(List.of("http://localhost:" + port));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+",
            "student-records.trust", "internal", "student-records.purposes", "teaching"));
        client.setDefaultClientScopes(List.of("basic", "roles", "profile", "web-origins", "acr"));
        client.setOptionalClientScopes(List.of("student.search", "student.profile.read", "student.contact.read",
            "student.contact.write"));
        try (Response created = realm.admin().clients().create(client)) {
            assertThat(created.getStatus()).as("creating the client %s", TEACHER_APP).isIn(201, 409);
        }
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command, String argument, String secret) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.add(argument);
        Process process = start(full, secret);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("library.mjs did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
            StandardCharsets.UTF_8).strip());
    }

    private static Process start(List<String> command, String librarySecret) throws IOException {
        assertThat(EXAMPLES.resolve(TEACHER_APP)).as("the examples folder").isDirectory();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (librarySecret != null) {
            builder.environment().put("LIBRARY_APP_SECRET", librarySecret);
        } else {
            Path log = Files.createDirectories(Path.of(System.getProperty("student-records.it.work-dir", "target/it")))
                .resolve("teacher-app.log");
            builder.redirectOutput(log.toFile());
        }
        return builder.start();
    }

    private static void waitUntilServing(String url, Process app) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            assertThat(app.isAlive()).as("the teacher app's server runs (node)").isTrue();
            try {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 200) {
                    assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            assertThat(System.nanoTime()).as("the teacher app serves within 30 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(10, TimeUnit.SECONDS)) {
            app.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
