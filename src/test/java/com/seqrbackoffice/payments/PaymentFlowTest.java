package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

class PaymentFlowTest extends FlowTestSupport {

    private static String terminal;

    @BeforeAll
    static void registerTill() {
        terminal = registeredTerminal();
    }

    @Test
    void reservedPaymentIsCommittedForTheLowerFinalAmountAndTheRestReleased() {
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "500.00"));

        TillClient.Received issued = awaitStatus(orderId, "ISSUED");
        String invoiceReference = issued.field("invoiceReference");
        assertThat(issued.field("qrCode")).isEqualTo("HTTP://SEQR.SE/R" + invoiceReference);
        assertThat(issued.properties()).containsEntry("terminalId", terminal).containsEntry("type", "PAYMENT_STATUS");
        assertThat(issued.money("amount")).isEqualTo("500.00 SEK");

        emulator().confirm(invoiceReference);
        awaitStatus(orderId, "RESERVED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 500");

        till.send(queue("fulfilment"), fulfilment(orderId, "420.00"));
        TillClient.Received paid = awaitStatus(orderId, "PAID");
        assertThat(paid.money("finalAmount")).isEqualTo("420.00 SEK");
        assertThat(paid.field("ersReference")).isNotBlank();

        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 500", "CAPTURE 420", "RELEASE 80");
        assertThat(paymentStatus(orderId)).isEqualTo("PAID");
        assertThat(rows("select status from payment_status_history where order_id = ? order by id", orderId))
                .extracting(row -> row.get("status")).containsExactly("ISSUED", "RESERVED", "PAID");
        assertThat(emulator().counters().commits(invoiceReference)).isEqualTo(1);
        assertThat(emulator().invoice(invoiceReference)).get().extracting(invoice -> invoice.status().value()).isEqualTo("PAID");
    }
}
