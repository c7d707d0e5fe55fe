package com.seqrbackoffice.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.HeadlessChromium;

/**
 * The back-office page in a real browser (see HeadlessChromium): it shows today's payments per status, the holds
 * soonest deadline first, the last reconciliation and its discrepancies and the dead letters with their reasons;
 * a discrepancy is explained from it; it refreshes itself. The screenshot it takes is docs/backoffice-page.png.
 */
class BackofficePageBrowserTest extends FlowTestSupport {

    private static final Path SCREENSHOT = Path.of("target", "backoffice-page.png");

    @TempDir
    Path profile;

    @BeforeAll
    static void start() {
        HeadlessChromium.assumeInstalled("BackofficePageBrowserTest");
        Map<String, String> settings = new HashMap<>(BackofficeHttpContract.backofficeSettings());
        settings.put("backoffice.page.refresh-seconds", "1");
        startApp(settings);
    }

    @Test
    void thePageShowsTheDayAndADiscrepancyIsExplainedFromIt() throws IOException {
        String terminal = registeredTerminal();
        String paid = unique("order");
        paidPayment(terminal, paid, "500.00", "420.00");
        String later = unique("order");
        reservedPayment(terminal, later, "250.00");
        String sooner = unique("order");
        reservedPayment(terminal, sooner, "300.00", 420);
        String ghost = unique("ghost");
        emulator().seedPaidPayment(seqrTerminalId(terminal), new BigDecimal("12.34"), "SEK", ghost);
        app.producer().sendBody("direct:mark-transaction-periods", Date.from(Instant.parse("2026-03-01T00:05:00Z")));
        assertThat(till.receive(queue("reconciliation"), "scope = 'SHOP'", EVENT_TIMEOUT)).isNotNull();
        assertThat(till.receive(queue("reconciliation"), "scope = 'TERMINAL'", EVENT_TIMEOUT)).isNotNull();
        till.send(queue("fulfilment"), "{\"messageId\": \"" + unique("f") + "\", \"orderId\": \"" + later + "\"}");

        WebDriver browser = HeadlessChromium.start(profile, 1400, 2300);
        try {
            browser.get("http://127.0.0.1:" + app.setting("camel.management.port") + "/backoffice");
            // the page re-renders its tables every second: each look finds its element again
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.ignoring(StaleElementReferenceException.class);

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letters"), "INVALID_MESSAGE"));
            assertThat(text(wait, By.cssSelector("#today-RESERVED b"))).isEqualTo("2");
            assertThat(text(wait, By.cssSelector("#today-PAID b"))).isEqualTo("1");
            List<String> holds = wait.until(driver -> driver.findElements(By.cssSelector("#holds tr td:first-child"))
                    .stream().map(WebElement::getText).toList());
            assertThat(holds).as("holds, soonest commit deadline first").containsExactly(sooner, later);
            assertThat(text(wait, row("holds", sooner))).contains("300.00 SEK", "min");
            assertThat(text(wait, By.id("reconciliations"))).contains("SHOP", "DISCREPANCIES", "TERMINAL " + terminal);
            assertThat(text(wait, row("dead-letters", queue("fulfilment")))).contains("fulfil-order", "INVALID_MESSAGE",
                    "finalAmount");
            By discrepancy = row("discrepancies", "TERMINAL");
            assertThat(text(wait, discrepancy)).contains("MISSING_IN_LEDGER", "PAYMENT", ghost, "12.34 SEK", "OPEN");
            String discrepancyId = wait.until(driver -> driver.findElement(discrepancy).findElement(By.cssSelector("td")).getText());

            wait.until(driver -> {
                driver.findElement(discrepancy).findElement(By.xpath(".//button[normalize-space()='Work']")).click();
                return true;
            });
            new Select(browser.findElement(By.id("work-status"))).selectByVisibleText("EXPLAINED");
            browser.findElement(By.id("work-reason")).sendKeys("a test payment made at SEQR by hand");
            browser.findElement(By.id("work-by")).sendKeys("anna");
            browser.findElement(By.id("work-submit")).click();

            wait.until(ExpectedConditions.textToBe(By.id("message"), "Discrepancy " + discrepancyId + " is now EXPLAINED"));
            assertThat(rows("select changed_by, reason, status from discrepancy_history where discrepancy_id = ?",
                    Long.parseLong(discrepancyId)))
                    .extracting(row -> row.get("status") + " " + row.get("changed_by") + ": " + row.get("reason"))
                    .containsExactly("EXPLAINED anna: a test payment made at SEQR by hand");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.xpath("//tbody[@id='discrepancies']/tr[td[1][normalize-space()='" + discrepancyId + "']]"),
                    "anna: a test payment made at SEQR by hand"));

            // it refreshes itself: a payment taken after the page loaded appears without a reload
            String newest = unique("order");
            reservedPayment(terminal, newest, "99.00");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("holds"), newest));
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#today-RESERVED b"), "3"));

            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                    StandardCopyOption.REPLACE_EXISTING);

            browser.findElement(By.id("lookup-order")).sendKeys(paid);
            browser.findElement(By.cssSelector("#lookup-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lookup-result"), "\"CAPTURE\""));
        } finally {
            browser.quit();
        }
        System.out.printf("back office page: holds soonest first, the discrepancy of %s explained from the page, a new"
                + " hold shown by the page's own refresh; screenshot %s%n", ghost, SCREENSHOT);
    }

    /** The row of the table body {@code tbody} whose text contains {@code text}. */
    private static By row(String tbody, String text) {
        return By.xpath("//tbody[@id='" + tbody + "']/tr[contains(., '" + text + "')]");
    }

    private static String text(WebDriverWait wait, By element) {
        return wait.until(driver -> driver.findElement(element).getText());
    }
}
