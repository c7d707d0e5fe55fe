package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/** Status polling: the customer who never answers, and polls that outlive the app. */
class PollingTest extends FlowTestSupport {

    private static String terminal;

    @BeforeAll
    static void start() {
        startAppWithSeparateEmulator(Map.of("payment.confirmation-timeout-seconds", "4"));
        terminal = registeredTerminal();
    }

    @Test
    void customerWhoNeverConfirmsGetsTheInvoiceCanceledWithTheReason() {
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "40.00"));
        String invoiceReference = awaitStatus(orderId, "ISSUED").field("invoiceReference");

        TillClient.Received canceled = awaitStatus(orderId, "CANCELED");

        assertThat(canceled.field("reason")).contains("did not confirm within 4 s");
        assertThat(emulator().counters().cancels(invoiceReference)).isEqualTo(1);
        assertThat(emulator().invoice(invoiceReference)).get()
                .extracting(invoice -> invoice.status().value()).isEqualTo("CANCELED");
        assertThat(rows("select reason from payments where order_id = ?", orderId).get(0).get("reason"))
                .asString().contains("did not confirm");
    }

    @Test
    void pollPendingWhenTheAppStopsResumesAfterRestart() {
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "500.00"));
        String invoiceReference = awaitStatus(orderId, "ISSUED").field("invoiceReference");

        restartApp(() -> emulator().confirm(invoiceReference));

        awaitStatus(orderId, "RESERVED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 500");
        assertThat(emulator().counters().reversals()).isZero();
    }
}
