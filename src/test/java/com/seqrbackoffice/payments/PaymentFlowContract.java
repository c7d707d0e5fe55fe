package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.emulator.FaultSpec;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * The preliminary payment flow end to end: real routes, embedded broker, emulator over HTTP; on the H2 ledger
 * (PaymentFlowTest) and on PostgreSQL (PaymentFlowPostgresTest). A subclass starts the app and registers the till.
 */
abstract class PaymentFlowContract extends FlowTestSupport {

    static String terminal;

    @AfterEach
    void clearFaults() {
        emulator().clearFaults();
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
        assertThat(emulator().invoice(invoiceReference)).get()
                .extracting(invoice -> invoice.status().value()).isEqualTo("PAID");
    }

    @Test
    void finalAmountEqualToTheReservationCapturesAllAndReleasesNothing() {
        String orderId = unique("order");
        reservedPayment(terminal, orderId, "250.00");

        till.send(queue("fulfilment"), fulfilment(orderId, "250.00"));
        awaitStatus(orderId, "PAID");

        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 250", "CAPTURE 250");
    }

    @Test
    void fulfilmentAboveTheReservedAmountIsRefusedBeforeSeqrIsCalled() {
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "500.00");
        long updatesBefore = emulator().counters().calls("updateInvoice");

        till.send(queue("fulfilment"), fulfilment(orderId, "600.00"));

        TillClient.Received error = awaitError(orderId);
        assertThat(error.field("code")).isEqualTo("FINAL_AMOUNT_ABOVE_RESERVED");
        assertThat(error.field("message")).contains("600.00 SEK", "500.00 SEK");
        TillClient.Received deadLetter = till.receive(queue("dead-letter"),
                "deadLetterCode = 'FINAL_AMOUNT_ABOVE_RESERVED'", EVENT_TIMEOUT);
        assertThat(deadLetter).isNotNull();
        assertThat(deadLetter.field("orderId")).isEqualTo(orderId);
        assertThat(deadLetter.properties()).containsEntry("deadLetterQueue", queue("fulfilment"))
                .containsEntry("deadLetterRoute", "fulfil-order");
        assertThat(emulator().counters().calls("updateInvoice")).isEqualTo(updatesBefore);
        assertThat(emulator().counters().commits(invoiceReference)).isZero();
        assertThat(paymentStatus(orderId)).isEqualTo("RESERVED");
    }

    @Test
    void customerWhoDeclinesEndsThePaymentCanceledWithoutLedgerEntries() {
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "80.00"));
        String invoiceReference = awaitStatus(orderId, "ISSUED").field("invoiceReference");

        emulator().decline(invoiceReference);

        awaitStatus(orderId, "CANCELED");
        assertThat(paymentStatus(orderId)).isEqualTo("CANCELED");
        assertThat(ledgerEntries(orderId)).isEmpty();
    }

    @Test
    void cancellationWhileIssuedCancelsTheInvoice() {
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "80.00"));
        String invoiceReference = awaitStatus(orderId, "ISSUED").field("invoiceReference");

        till.send(queue("payment-cancellations"), cancellation(orderId, "customer left"));

        TillClient.Received canceled = awaitStatus(orderId, "CANCELED");
        assertThat(canceled.field("reason")).isEqualTo("customer left");
        assertThat(emulator().counters().cancels(invoiceReference)).isEqualTo(1);
        assertThat(ledgerEntries(orderId)).isEmpty();
    }

    @Test
    void cancellationWhileReservedReleasesTheHold() {
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "300.00");

        till.send(queue("payment-cancellations"), cancellation(orderId, "pump failure"));

        awaitStatus(orderId, "CANCELED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 300", "RELEASE 300");
        assertThat(emulator().invoice(invoiceReference)).get()
                .extracting(invoice -> invoice.status().value()).isEqualTo("CANCELED");
    }

    @Test
    void cancellationOfAPaidPaymentIsRefusedWithAdviceToRefund() {
        String orderId = unique("order");
        reservedPayment(terminal, orderId, "100.00");
        till.send(queue("fulfilment"), fulfilment(orderId, "100.00"));
        awaitStatus(orderId, "PAID");

        till.send(queue("payment-cancellations"), cancellation(orderId, "changed mind"));

        TillClient.Received error = awaitError(orderId);
        assertThat(error.field("code")).isEqualTo("PAYMENT_ALREADY_PAID");
        assertThat(error.field("message")).contains("refund");
        assertThat(paymentStatus(orderId)).isEqualTo("PAID");
    }

    @Test
    void fulfilmentBeforeTheCustomerConfirmedWaitsAndThenCompletes() {
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "500.00"));
        String invoiceReference = awaitStatus(orderId, "ISSUED").field("invoiceReference");

        till.send(queue("fulfilment"), fulfilment(orderId, "450.00"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> "ISSUED".equals(paymentStatus(orderId)));
        emulator().confirm(invoiceReference);

        awaitStatus(orderId, "RESERVED");
        awaitStatus(orderId, "PAID");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 500", "CAPTURE 450", "RELEASE 50");
    }

    @Test
    void duplicatePaymentRequestMakesNoSecondInvoice() {
        String orderId = unique("order");
        String request = paymentRequest(terminal, orderId, "70.00");
        long invoicesBefore = emulator().counters().calls("sendInvoice");

        till.send(queue("payment-requests"), request);
        awaitStatus(orderId, "ISSUED");
        till.send(queue("payment-requests"), request);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> emulator().counters().calls("sendInvoice") == invoicesBefore + 1);
        assertThat(rows("select order_id from payments where order_id = ?", orderId)).hasSize(1);
        assertThat(till.drain(queue("payment-events"), "orderId = '" + orderId + "'", Duration.ofMillis(500)))
                .as("the repeated ISSUED event is dropped by the broker's duplicate detection").isEmpty();
        assertThat(broker().messageCount(queue("payment-requests"))).as("the repeat was consumed, not rolled back").isZero();
    }

    @Test
    void secondRequestForTheSameOrderWithAnotherMessageIdIsRefused() {
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "70.00"));
        awaitStatus(orderId, "ISSUED");

        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "90.00"));

        assertThat(awaitError(orderId).field("code")).isEqualTo("ORDER_ALREADY_HAS_PAYMENT");
    }

    @Test
    void duplicateFulfilmentMakesNoSecondCommit() {
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "500.00");
        String fulfilment = fulfilment(orderId, "420.00");

        till.send(queue("fulfilment"), fulfilment);
        awaitStatus(orderId, "PAID");
        till.send(queue("fulfilment"), fulfilment);
        till.send(queue("fulfilment"), fulfilment(orderId, "420.00"));

        assertThat(awaitError(orderId).field("code")).isEqualTo("ORDER_ALREADY_PAID");
        assertThat(emulator().counters().commits(invoiceReference)).isEqualTo(1);
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 500", "CAPTURE 420", "RELEASE 80");
    }

    @Test
    void copiesOfOneFulfilmentTakenAtOnceMakeOneCommitCall() {
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "500.00");
        String fulfilment = fulfilment(orderId, "300.00");

        for (int copy = 0; copy < 4; copy++) {
            till.send(queue("fulfilment"), fulfilment);
        }

        awaitStatus(orderId, "PAID");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> broker().messageCount(queue("fulfilment")) == 0);
        assertThat(emulator().counters().commits(invoiceReference)).isEqualTo(1);
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 500", "CAPTURE 300", "RELEASE 200");
        // a copy that finds the message processed while the first copy's transaction is still committing re-sends
        // the PAID event (docs/messages.md): the same event id, never an error
        assertThat(till.drain(queue("payment-events"), "orderId = '" + orderId + "'", Duration.ofMillis(500)))
                .as("the copies are absorbed, not refused").allSatisfy(event ->
                        assertThat(event.field("eventId")).isEqualTo(orderId + ":PAID"));
    }

    @Test
    void fulfilmentRefusedBySeqrLeavesTheOrderOpenForACorrectedOne() {
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "500.00");
        emulator().setFault(FaultSpec.resultCode("commitReservation", 11, 1));

        till.send(queue("fulfilment"), fulfilment(orderId, "450.00"));
        assertThat(awaitError(orderId).field("code")).isEqualTo("SEQR_REJECTED_AMOUNT");
        till.send(queue("fulfilment"), fulfilment(orderId, "440.00"));

        awaitStatus(orderId, "PAID");
        assertThat(emulator().counters().accepted().commits().get(invoiceReference)).isEqualTo(1);
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 500", "CAPTURE 440", "RELEASE 60");
    }

    @Test
    void transientSeqrErrorIsRetriedToSuccess() {
        String orderId = unique("order");
        long invoicesBefore = emulator().counters().calls("sendInvoice");
        emulator().setFault(FaultSpec.resultCode("sendInvoice", 94, 1));

        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "60.00"));

        awaitStatus(orderId, "ISSUED");
        assertThat(emulator().counters().calls("sendInvoice")).isEqualTo(invoicesBefore + 2);
    }

    @Test
    void commitWhoseResponseIsLostIsResolvedWithoutASecondCommit() {
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "500.00");
        emulator().setFault(FaultSpec.dropResponse("commitReservation", 3_000, 1));

        till.send(queue("fulfilment"), fulfilment(orderId, "410.00"));

        awaitStatus(orderId, "PAID");
        assertThat(emulator().counters().commits(invoiceReference)).isEqualTo(1);
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 500", "CAPTURE 410", "RELEASE 90");
    }

    @Test
    void fulfilmentAfterTheReservationExpiredIsRefusedAndTheHoldReleased() {
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "500.00")
                .replace("\"commitReservationTimeoutSeconds\": 3600", "\"commitReservationTimeoutSeconds\": 1"));
        String invoiceReference = awaitStatus(orderId, "ISSUED").field("invoiceReference");
        emulator().confirm(invoiceReference);
        awaitStatus(orderId, "RESERVED");
        await().atMost(EVENT_TIMEOUT).until(() -> emulator().invoice(invoiceReference).orElseThrow().status().value()
                .equals("EXPIRED"));

        till.send(queue("fulfilment"), fulfilment(orderId, "400.00"));

        awaitStatus(orderId, "EXPIRED");
        assertThat(awaitError(orderId).field("code")).isEqualTo("PAYMENT_NOT_RESERVED");
        assertThat(paymentStatus(orderId)).isEqualTo("EXPIRED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 500", "RELEASE 500");
        assertThat(emulator().counters().commits(invoiceReference)).isZero();
    }

    @Test
    void fulfilmentOfAnUnknownOrderIsDeadLettered() {
        String orderId = unique("order");

        till.send(queue("fulfilment"), fulfilment(orderId, "10.00"));

        assertThat(awaitError(orderId).field("code")).isEqualTo("UNKNOWN_ORDER");
    }

    private static String cancellation(String orderId, String reason) {
        return """
                {"messageId": "%s", "orderId": "%s", "reason": "%s"}
                """.formatted(unique("x"), orderId, reason);
    }
}
