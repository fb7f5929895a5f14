package edu.studentrecords.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, with a profile and a download folder of its own:
 * what the browser tests of the account console see and click. Screenshots go to the build's output.
 *
 * <p>Starting Chromium takes seconds on a small machine, so a browser a test has closed waits for the next test of
 * the JVM, emptied of what a person's session leaves: every cookie, the storage of every origin it opened, the tab
 * (and with it the tab's session storage), the files it downloaded, its console's messages and its window's size.
 * What stays is what a person's browser keeps between visits too: its HTTP cache. A browser that cannot be emptied
 * is quit.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How often a wait asks the page again: Selenium's default, half a second, is most of a page's wait. */
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Dimension WINDOW = new Dimension(1280, 1600);
    /** The origin of an http(s) address: scheme, host and port. */
    private static final Pattern ORIGIN = Pattern.compile("^https?://[^/?#]+");
    /** Browsers closed by their tests, emptied, for the next test; quit when the JVM ends. */
    private static final Deque<Chromium> IDLE = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Chromium idle; (idle = IDLE.poll()) != null; ) {
                idle.driver.quit();
            }
        }, "quit-idle-browsers"));
    }

    final WebDriver driver;
    final Path downloads;
    private final Chromium chromium;
    private final Path screenshots;
    private final WebDriverWait wait;

    /** One running Chromium, its download folder, and the origins its pages were opened at (to be emptied). */
    private static final class Chromium {
        final ChromeDriver driver;
        final Path downloads;
        final Set<String> origins = new LinkedHashSet<>();

        Chromium(ChromeDriver driver, Path downloads) {
            this.driver = driver;
            this.downloads = downloads;
        }

        /** Notes the origin of {@code url}, if it is an http(s) address, as one to empty. */
        void noteOrigin(String url) {
            Matcher origin = ORIGIN.matcher(url == null ? "" : url);
            if (origin.find()) {
                origins.add(origin.group());
            }
        }
    }

    private ConsoleBrowser(Chromium chromium, Path screenshots) throws IOException {
        this.chromium = chromium;
        this.driver = chromium.driver;
        this.downloads = chromium.downloads;
        this.screenshots = Files.createDirectories(screenshots);
        this.wait = new WebDriverWait(driver, WAIT, POLL);
    }

    private static Chromium launch(Path workDir) throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (test.sh installs it: apt-get install chromium chromium-driver)")
            .isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromedriver (package chromium-driver)").isExecutable();
        Files.createDirectories(workDir);
        Path downloads = Files.createTempDirectory(workDir, "downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps calling out, and this machine's network refuses it.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic", "--window-size=" + WINDOW.width + "," + WINDOW.height,
            "--user-data-dir=" + Files.createTempDirectory(workDir, "chromium-profile"));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        // The browser's console, for checks that a page breaks no rule of its Content-Security-Policy.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort().build();
        return new Chromium(new ChromeDriver(service, options), downloads);
    }

    /**
     * A browser whose screenshots go into {@code folder} of the build's screenshot folder (property
     * {@code student-records.it.screenshots}), with its profile and downloads under the IT work folder: one a test
     * closed before, emptied, or a new one.
     */
    static ConsoleBrowser forScreenshots(String folder) throws IOException {
        Path work = Path.of(System.getProperty("student-records.it.work-dir", "target/it"));
        Path screenshots = Path.of(System.getProperty("student-records.it.screenshots", "target/screenshots"))
            .resolve(folder);
        Chromium idle = IDLE.poll();
        return new ConsoleBrowser(idle != null ? idle : launch(work), screenshots);
    }

    /** axe-core's script, from the theme build's lockfile-pinned npm tree (property student-records.it.axe-script). */
    static String axeScript() throws IOException {
        return Files.readString(Path.of(System.getProperty("student-records.it.axe-script")));
    }

    void open(String url) {
        chromium.noteOrigin(url);
        driver.navigate().to(url);
    }

    /** Signs in on Keycloak's login form, which the console redirects to. */
    void signIn(String username, String password) {
        WebElement user = visible(By.id("username"));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until {@code condition} holds. */
    <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
        return wait.until(condition::apply);
    }

    WebElement byTestId(String testId) {
        return visible(By.cssSelector("[data-testid='" + testId + "']"));
    }

    void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Waits until the page's level-1 heading is {@code title}: the page and its translations have loaded. */
    void waitForPage(String title) {
        waitForText(By.cssSelector("[data-testid='page-heading']"), title);
    }

    void type(By by, String text) {
        WebElement input = visible(by);
        // React keeps the value in its state: select everything and type over it, as a person would.
        input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"));
        input.sendKeys(org.openqa.selenium.Keys.DELETE);
        input.sendKeys(text);
    }

    void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /**
     * Sets an input's (or a text area's) value as typing would for React, for inputs whose keyboard entry depends on
     * the browser's locale (dates) and for characters a keyboard does not type.
     */
    void setValue(By by, String value) {
        WebElement input = visible(by);
        ((JavascriptExecutor) driver).executeScript("""
            const input = arguments[0];
            const kind = input instanceof HTMLTextAreaElement ? HTMLTextAreaElement : HTMLInputElement;
            Object.getOwnPropertyDescriptor(kind.prototype, 'value').set.call(input, arguments[1]);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            """, input, value);
    }

    /**
     * How the server answers the page's icons: for each {@code link rel="icon"} of the page (or, without one, the
     * {@code /favicon.ico} a browser then asks the server's root for) its address, status and content type.
     */
    List<String> iconAnswers() {
        driver.manage().timeouts().scriptTimeout(WAIT);
        Object answers = ((JavascriptExecutor) driver).executeAsyncScript("""
            const done = arguments[arguments.length - 1];
            const links = [...document.querySelectorAll("link[rel~='icon']")].map(l => l.href);
            const asked = links.length > 0 ? links : [new URL('/favicon.ico', location.origin).href];
            Promise.all(asked.map(url => fetch(url, { credentials: 'omit' })
                .then(r => url + ' ' + r.status + ' ' + (r.headers.get('Content-Type') || ''))
                .catch(e => url + ' failed ' + e)))
              .then(done);
            """);
        return ((List<?>) answers).stream().map(String::valueOf).toList();
    }

    /** Scrolls the page so that {@code element} is at the top of the window. */
    void scrollIntoView(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView();", element);
    }

    /** Scrolls the page back to its heading (pages scroll inside their main area, not the window). */
    void scrollToTop() {
        scrollIntoView(byTestId("page-heading"));
    }

    /**
     * How far the page reaches beyond the window's width, in CSS pixels (0 or less: no sideways scrolling), and the
     * deepest elements that reach beyond it, for the message of a failed check.
     */
    Overflow sidewaysOverflow() {
        Object result = ((JavascriptExecutor) driver).executeScript("""
            const width = document.documentElement.clientWidth;
            const beyond = [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > width + 0.5)
              .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 0.5))
              .slice(0, 8)
              .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '')
                + '.' + [...e.classList].join('.') + ' right=' + Math.round(e.getBoundingClientRect().right));
            return [document.documentElement.scrollWidth - width, beyond.join('; ')];
            """);
        List<?> values = (List<?>) result;
        return new Overflow(((Number) values.get(0)).intValue(), (String) values.get(1));
    }

    /** See {@link #sidewaysOverflow()}. */
    record Overflow(int pixels, String elements) {
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(name + ".png"), png);
    }

    /** The violations of axe-core's rules on the current page whose impact is serious or critical. */
    List<String> seriousAccessibilityViolations(String axeScript) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axeScript);
        driver.manage().timeouts().scriptTimeout(WAIT);
        Object result = js.executeAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then(r => done(JSON.stringify(r.violations)))
              .catch(e => done(JSON.stringify([{ id: 'axe-failed', impact: 'critical', description: String(e), nodes: [] }])));
            """);
        JsonNode violations = Api.JSON.readTree((String) result);
        List<String> serious = new ArrayList<>();
        for (JsonNode v : violations) {
            String impact = v.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = new ArrayList<>();
                v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                serious.add(impact + " " + v.path("id").asText() + ": " + v.path("help").asText() + " " + targets);
            }
        }
        return serious;
    }

    /** Waits for a finished download of {@code name}. */
    Path downloaded(String name) {
        Path file = downloads.resolve(name);
        wait.until(d -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the browser for the next test (see the class's comment), or quits it if it cannot be emptied. */
    @Override
    public void close() {
        try {
            empty(chromium);
        } catch (RuntimeException | IOException e) {
            driver.quit();
            return;
        }
        IDLE.push(chromium);
    }

    private static void empty(Chromium chromium) throws IOException {
        ChromeDriver driver = chromium.driver;
        // The origin of the page last shown too: a test may have been sent to one it did not open itself.
        chromium.noteOrigin(driver.getCurrentUrl());
        // A new tab in place of every old one: a tab's session storage, history and open dialogs go with it.
        String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(fresh)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(fresh);
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        for (String origin : chromium.origins) {
            driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        }
        chromium.origins.clear();
        driver.manage().window().setSize(WINDOW);
        driver.manage().logs().get(LogType.BROWSER);
        try (Stream<Path> files = Files.list(chromium.downloads)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }
}
