package edu.studentrecords.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser a test closes comes back to the next test with nothing of the first test's session: no cookie, no
 * local or session storage, no downloaded file, no console message, the window at its first size. Served by a page
 * of its own on a local port (no Keycloak).
 */
class ConsoleBrowserIT {

    private static HttpServer server;
    private static String origin;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            switch (exchange.getRequestURI().getPath()) {
                case "/session" -> {
                    exchange.getResponseHeaders().add("Set-Cookie", "session=first; Path=/; HttpOnly");
                    answer(exchange, "text/html", """
                        <!doctype html><title>session</title>
                        <a id="file" href="/file.txt" download>file</a>
                        <script>
                          localStorage.setItem('kept', 'local');
                          sessionStorage.setItem('kept', 'session');
                          document.cookie = 'script=first; path=/';
                          console.log('a message of the first test');
                        </script>""");
                }
                case "/file.txt" -> {
                    exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"file.txt\"");
                    answer(exchange, "text/plain", "made by the first test");
                }
                default -> answer(exchange, "text/html", "<!doctype html><title>empty</title><p id='empty'>empty</p>");
            }
        });
        server.start();
        origin = "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void theNextTestGetsTheSameBrowserWithNothingOfTheFirstTestsSession() throws Exception {
        WebDriver first;
        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("console-browser")) {
            first = browser.driver;
            browser.open(origin + "/session");
            browser.click(By.id("file"));
            assertThat(ConsoleBrowser.read(browser.downloaded("file.txt"))).isEqualTo("made by the first test");
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            assertThat(browser.driver.manage().getCookies()).hasSize(2);
            assertThat(storage(browser)).containsExactly("local", "session");
        }

        try (ConsoleBrowser browser = ConsoleBrowser.forScreenshots("console-browser")) {
            assertThat(browser.driver).as("the browser the first test closed, not a new one").isSameAs(first);
            assertThat(browser.driver.getWindowHandles()).hasSize(1);
            List<String> messages = browser.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).toList();
            assertThat(messages).noneMatch(m -> m.contains("a message of the first test"));
            browser.open(origin + "/empty");
            browser.visible(By.id("empty"));
            assertThat(browser.driver.manage().getCookies()).isEmpty();
            assertThat(storage(browser)).containsExactly(null, null);
            try (var files = Files.list(browser.downloads)) {
                assertThat(files).isEmpty();
            }
            assertThat(browser.driver.manage().window().getSize()).isEqualTo(new Dimension(1280, 1600));
        }
    }

    private static List<String> storage(ConsoleBrowser browser) {
        Object values = ((JavascriptExecutor) browser.driver).executeScript(
            "return [localStorage.getItem('kept'), sessionStorage.getItem('kept')];");
        return ((List<?>) values).stream().map(v -> (String) v).toList();
    }
}
