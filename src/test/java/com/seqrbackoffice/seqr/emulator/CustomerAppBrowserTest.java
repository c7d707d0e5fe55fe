package com.seqrbackoffice.seqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.HeadlessChromium;

/**
 * The emulator's customer app in a real browser (Debian's chromium, headless, through chromedriver): the customer
 * sees the waiting invoice, presses Confirm, and the app records the payment RESERVED (see HeadlessChromium for
 * when it is skipped).
 */
class CustomerAppBrowserTest extends FlowTestSupport {

    @TempDir
    Path profile;

    @BeforeAll
    static void start() {
        HeadlessChromium.assumeInstalled("CustomerAppBrowserTest");
        startApp(Map.of());
    }

    @Test
    void customerConfirmsTheWaitingInvoiceInTheBrowserAndThePaymentIsReserved() throws IOException {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "64.90"));
        String invoiceReference = awaitStatus(orderId, "ISSUED").field("invoiceReference");

        WebDriver browser = HeadlessChromium.start(profile, 1280, 900);
        try {
            browser.get(emulator().baseUrl() + "/emulator/app");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            By row = By.xpath("//tr[td[normalize-space()='" + invoiceReference + "']]");
            WebElement invoice = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
            assertThat(invoice.getText()).contains("Pump 4").contains("64.90 SEK");

            invoice.findElement(By.xpath(".//button[normalize-space()='Confirm']")).click();

            wait.until(ExpectedConditions.textToBe(By.id("message"), invoiceReference + " is now RESERVED"));
        } finally {
            browser.quit();
        }

        awaitStatus(orderId, "RESERVED");
        assertThat(paymentStatus(orderId)).isEqualTo("RESERVED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 64.9");
    }
}
