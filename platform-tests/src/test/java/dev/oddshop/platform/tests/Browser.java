package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its chromium-driver through Selenium: the pages as a
 * person's browser runs them. Each page can be checked with axe-core (browser-tests/, from npm)
 * and saved as a screenshot under platform-tests/target/screenshots/.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Runbooks.ROOT.resolve("platform-tests/target/screenshots");

    private static final Path AXE = Runbooks.ROOT.resolve("browser-tests");

    /** The impacts a page must not have; minor and moderate findings are reported, not failed. */
    private static final List<String> BLOCKING = List.of("serious", "critical");

    private static final AtomicInteger TIMEOUTS = new AtomicInteger();

    private final WebDriver driver;

    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A fresh browser (no cookies, no storage) on the shop at {@code base}; skipped here without Chromium. */
    static Browser open(String base) {
        RequiredTools.require("chromium");
        RequiredTools.require("chromedriver");
        ChromeOptions options = new ChromeOptions()
                .setBinary(executable("chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=en-GB")
                // hermetic: a fresh profile's first-run, sync, update and safe-browsing traffic stays off
                .addArguments(
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-default-apps",
                        "--disable-client-side-phishing-detection",
                        "--password-store=basic");
        // the driver Debian installs beside its Chromium: Selenium Manager would download one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(executable("chromedriver")).toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        return new Browser(driver, base);
    }

    private static String executable(String tool) {
        return RequiredTools.find(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not on the PATH"))
                .toString();
    }

    Browser go(String path) {
        this.driver.get(this.base + path);
        return this;
    }

    String currentPath() {
        String url = this.driver.getCurrentUrl();
        return url.startsWith(this.base) ? url.substring(this.base.length()) : url;
    }

    WebElement find(String css) {
        return this.driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return this.driver.findElements(By.cssSelector(css));
    }

    /**
     * Waits (the platform shares two cores with everything else) until {@code condition} holds; a
     * page re-rendered meanwhile is looked at again. On a timeout the page is saved as
     * target/screenshots/timeout-N.png and its text goes into the failure.
     */
    <T> T await(ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(this.driver, Duration.ofSeconds(30))
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition);
        } catch (TimeoutException ex) {
            Path shot = screenshot("timeout-" + TIMEOUTS.incrementAndGet());
            throw new TimeoutException(
                    ex.getMessage() + "\nat " + this.driver.getCurrentUrl() + ", saved as " + shot + ", showing:\n"
                            + script("return document.body.innerText;"),
                    ex);
        }
    }

    /** Waits until the element's text contains {@code text}, and returns the element. */
    WebElement awaitText(String css, String text) {
        await(driver -> {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.getFirst().getText().contains(text);
        });
        return find(css);
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
    }

    /** The page's sessionStorage entry, or empty. */
    Optional<String> sessionStorage(String key) {
        return Optional.ofNullable((String) script("return sessionStorage.getItem(arguments[0]);", key));
    }

    Optional<String> localStorage(String key) {
        return Optional.ofNullable((String) script("return localStorage.getItem(arguments[0]);", key));
    }

    /** Saves the page as seen now, at desktop size, as target/screenshots/{@code name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path taken = ((TakesScreenshot) this.driver)
                    .getScreenshotAs(OutputType.FILE)
                    .toPath();
            return Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** axe-core run inside the page as it is now: no serious or critical violation. */
    void assertAccessible(String page) {
        String axe;
        try {
            NodeTools.install(AXE, "axe-core");
            axe = Files.readString(AXE.resolve("node_modules/axe-core/axe.min.js"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        script(axe);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) ((JavascriptExecutor) this.driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " axe.run(document, {resultTypes: ['violations']})"
                        + ".then(results => done(results.violations.map(v => ({id: v.id, impact: v.impact,"
                        + " help: v.help, targets: v.nodes.map(n => n.target.join(' '))}))))"
                        + ".catch(error => done([{id: 'axe-error', impact: 'critical', help: String(error)}]));");
        assertThat(violations)
                .as(page + ": axe-core's serious and critical violations")
                .filteredOn(violation -> BLOCKING.contains(String.valueOf(violation.get("impact"))))
                .isEmpty();
    }

    @Override
    public void close() {
        this.driver.quit();
    }
}
