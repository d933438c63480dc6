package dev.oddshop.platform.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddshop.launcher.ShopService;
import dev.oddshop.platform.tests.ShopApi.Reply;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.Select;

/**
 * The control room in a real browser (Chromium, headless) on the running platform: the admin
 * token at the door, a scenario started and stopped with its faults shown, a fault switched on and
 * off by hand, a surprise armed, revealed and disarmed. Every fault is off again afterwards, for
 * the other classes on the shared platform.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class ControlRoomIT {

    private TestPlatform platform;

    private Browser browser;

    @BeforeAll
    void platform(TestPlatform platform) {
        this.platform = platform;
    }

    @BeforeEach
    void freshBrowser() {
        this.browser = Browser.open(this.platform.url(ShopService.GATEWAY)).go("/control");
    }

    @AfterEach
    void closeBrowser() {
        this.browser.close();
    }

    @AfterAll
    void everyFaultOffAndNoTokenInAnyLog() throws IOException {
        assertThat(admin("DELETE", "/admin/surprise").status()).isEqualTo(200);
        assertThat(admin("DELETE", "/admin/faults").status()).isEqualTo(200);
        this.platform.assertNoSecretsInLogs();
    }

    @Test
    void aWrongTokenOpensNothing() {
        enterToken("not-the-admin-token");
        assertThat(this.browser.awaitText("#token-error", "refused").isDisplayed())
                .isTrue();
        assertThat(this.browser.find("#control-room").isDisplayed()).isFalse();
        assertThat(this.browser.sessionStorage("oddshop.adminToken")).isEmpty();
        this.browser.assertAccessible("the control room's door");
    }

    @Test
    void aScenarioStartedShowsItsFaultsCountingDownAndStoppedTheyGo() {
        signIn();
        String scenario = "article.scenario[data-scenario='checkout-incident']";
        this.browser.await(driver -> !this.browser.all(scenario).isEmpty());
        this.browser.screenshot("control-room");
        this.browser.assertAccessible("the control room");

        this.browser.find(scenario + " button.start").click();
        String fault =
                "#fault-table tr[data-service='payment-provider-simulator'][data-fault-id='provider-latency-spike']";
        this.browser.await(driver -> !this.browser.all(fault).isEmpty());
        this.browser.awaitText(scenario + " .time-left", "left");
        assertThat(this.browser.find(fault + " .ttl").getText()).isNotBlank();
        assertThat(admin("GET", "/admin/faults")
                        .body()
                        .path("payment-provider-simulator")
                        .findValuesAsString("id"))
                .contains("provider-latency-spike");
        this.browser.screenshot("control-room-scenario-running");

        this.browser.find(scenario + " button.stop").click();
        this.browser.await(driver -> this.browser.all(fault).isEmpty());
        assertThat(admin("GET", "/admin/faults")
                        .body()
                        .path("payment-provider-simulator")
                        .findValuesAsString("id"))
                .doesNotContain("provider-latency-spike");
    }

    @Test
    void theFormOffersOnlyThePointsAndKindsAServiceHasAndSwitchesAFaultOnAndOff() {
        signIn();
        this.browser.await(driver -> this.browser.all("#fault-service option").size() >= 5);
        new Select(this.browser.find("#fault-service")).selectByValue("catalog-service");
        this.browser.await(driver -> this.browser.all("#fault-point option").stream()
                .anyMatch(option -> "catalog.search".equals(option.getAttribute("value"))));
        new Select(this.browser.find("#fault-point")).selectByValue("catalog.search");
        assertThat(new Select(this.browser.find("#fault-kind")).getOptions())
                .extracting(option -> option.getAttribute("value"))
                .contains("LATENCY")
                .doesNotContain("DECLINE", "SLOW_SQL");
        new Select(this.browser.find("#fault-kind")).selectByValue("LATENCY");
        this.browser.find("#fault-id").clear();
        this.browser.find("#fault-id").sendKeys("control-room-test");
        // a share of nothing: the fault is listed and counts down, and no request of another class slows
        this.browser.find("#fault-probability").clear();
        this.browser.find("#fault-probability").sendKeys("0");
        this.browser.find("#fault-submit").click();

        String row = "#fault-table tr[data-service='catalog-service'][data-fault-id='control-room-test']";
        this.browser.await(driver -> !this.browser.all(row).isEmpty());
        this.browser.find(row + " button.disable").click();
        this.browser.await(driver -> this.browser.all(row).isEmpty());
    }

    @Test
    void aSurpriseIsArmedKeptSecretRevealedAndDisarmed() {
        signIn();
        this.browser.find("#surprise-window").clear();
        // within the hour: long after this class has disarmed it
        this.browser.find("#surprise-window").sendKeys("60");
        this.browser.find("#surprise-seed").sendKeys("20261128");
        this.browser.find("#surprise-arm").click();
        this.browser.awaitText("#surprise-status", "20261128");
        Reply armed = admin("GET", "/admin/surprise");
        assertThat(armed.text("state")).isEqualTo("ARMED");
        assertThat(armed.body().path("scenario").isNull()).as("kept secret").isTrue();
        // its faults are on in the services, and the control room does not show them
        this.browser.awaitText("#faults-hidden", "hidden until it is revealed");
        assertThat(this.browser.all("#fault-table tr[data-fault-id]")).isEmpty();

        this.browser.find("#surprise-reveal").click();
        String scenario = admin("POST", "/admin/surprise/reveal").text("scenario");
        assertThat(scenario).isNotBlank();
        this.browser.awaitText("#surprise-answer", "(" + scenario + ")");
        this.browser.await(
                driver -> !this.browser.all("#fault-table tr[data-fault-id]").isEmpty());

        this.browser.find("#surprise-disarm").click();
        this.browser.awaitText("#surprise-status", "Nothing armed");
        assertThat(admin("GET", "/admin/surprise").text("state")).isEqualTo("NONE");
        this.browser.await(
                driver -> this.browser.all("#fault-table tr[data-fault-id]").isEmpty());
    }

    private void signIn() {
        enterToken(TestPlatform.ADMIN_TOKEN);
        this.browser.await(driver -> this.browser.find("#control-room").isDisplayed());
        assertThat(this.browser.currentPath()).isEqualTo("/control");
    }

    /** Once the page's script runs (it enables the button): the form has no other way to send the token. */
    private void enterToken(String token) {
        this.browser.await(driver -> this.browser.find("#token-submit").isEnabled());
        this.browser.find("#token").sendKeys(token);
        this.browser.find("#token-submit").click();
    }

    private Reply admin(String method, String path) {
        return this.platform.api().send(method, path, null, "Authorization", "Bearer " + TestPlatform.ADMIN_TOKEN);
    }
}
