package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.client.SeqrResultCode;
import com.seqrbackoffice.seqr.emulator.FaultSpec;
import com.seqrbackoffice.terminals.TerminalDirectory;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * No payment without a way forward: a payment whose status poll was lost, a hold whose terminal is no longer
 * registered, a fulfilment whose customer never confirms, a terminal unregistered under open payments, and old
 * stuck holds ahead of newer ones in the sweep. The hold sweep runs every second, invoices must be confirmed within
 * 4 s, an ISSUED payment 1 s past that has lost its poll, a fulfilment waits 1 s at most, and the sweep takes 2
 * payments at a time. Subclasses run it on H2 and on PostgreSQL.
 */
abstract class NoPaymentLeftBehindContract extends FlowTestSupport {

    static Map<String, String> sweepSettings() {
        return Map.of(
                "payment.hold-sweep.cron", "* * * * * ?",
                "payment.hold-sweep.batch-size", "2",
                "payment.confirmation-timeout-seconds", "4",
                "payment.lost-poll-grace-seconds", "1",
                "payment.fulfilment-max-wait-seconds", "1");
    }

    @AfterEach
    void clearFaults() {
        emulator().clearFaults();
    }

    @Test
    void anIssuedPaymentWhosePollWasDeadLetteredIsFoundAndCanceledAtSeqr() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        emulator().setFault(FaultSpec.resultCode("getPaymentStatus", SeqrResultCode.ACCESS_DENIED.code(), 1));

        String invoiceReference = issuedPayment(terminal, orderId, "75.00");
        TillClient.Received deadPoll = till.receive(queue("dead-letter"), "deadLetterCode = 'SEQR_ACCESS_DENIED'",
                EVENT_TIMEOUT);
        assertThat(deadPoll).as("the status poll, dead-lettered with its reason").isNotNull();
        assertThat(deadPoll.properties()).containsEntry("deadLetterRoute", "poll-payment-status");

        TillClient.Received canceled = awaitStatus(orderId, "CANCELED");
        assertThat(canceled.field("reason")).as("canceled by the sweep, not by a poll")
                .contains("did not confirm by");
        assertThat(emulator().invoice(invoiceReference)).get()
                .extracting(invoice -> invoice.status().value()).isEqualTo("CANCELED");
        assertThat(emulator().counters().accepted().cancels().get(invoiceReference)).isEqualTo(1);
        assertThat(ledgerEntries(orderId)).isEmpty();
        System.out.println("Open payments: an ISSUED payment whose poll was dead-lettered (21 ACCESS_DENIED) found by the"
                + " sweep after its confirmation deadline, canceled at SEQR once, CANCELED in the ledger");
    }

    @Test
    void anIssuedPaymentOnATerminalNoLongerRegisteredIsEndedInTheLedger() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        issuedPayment(terminal, orderId, "15.00");
        forgetTerminal(terminal);
        assertThat(till.receive(queue("dead-letter"), "deadLetterCode = 'UNKNOWN_TERMINAL'", EVENT_TIMEOUT))
                .as("its status poll, dead-lettered: the terminal has no credentials").isNotNull();

        TillClient.Received canceled = awaitStatus(orderId, "CANCELED");

        assertThat(canceled.field("reason")).contains("SEQR cannot be asked", "terminal " + terminal + " is not registered");
        assertThat(ledgerEntries(orderId)).isEmpty();
        System.out.println("Open payments: an ISSUED payment on a terminal no longer registered (its poll dead-lettered)"
                + " CANCELED in the ledger by the sweep");
    }

    @Test
    void aHoldWhoseTerminalWasUnregisteredIsReleasedAtItsDeadline() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        reservedPayment(terminal, orderId, "100.00", 3);
        forgetTerminal(terminal);

        TillClient.Received expired = awaitStatus(orderId, "EXPIRED");

        assertThat(expired.field("reason")).contains("deadline", "SEQR cannot be asked",
                "terminal " + terminal + " is not registered");
        assertThat(ledgerEntriesOnceCommitted(orderId, 2)).containsExactly("RESERVATION 100", "RELEASE 100");
        System.out.println("Open payments: a hold on a terminal no longer registered released at its deadline"
                + " (EXPIRED, RELEASE 100) without SEQR");
    }

    @Test
    void oldStuckHoldsDoNotKeepTheSweepFromNewerOnes() {
        String terminal = registeredTerminal();
        List<String> stuck = List.of(unique("stuck"), unique("stuck"));
        for (String orderId : stuck) {
            reservedPayment(terminal, orderId, "10.00");
        }
        // past their deadline in the ledger, still reserved at SEQR (3600 s): the sweep asks about them every time
        execute("update payments set commit_deadline = TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00'"
                + " where order_id in (?, ?)", stuck.get(0), stuck.get(1));
        String newer = unique("order");
        reservedPayment(terminal, newer, "20.00", 2);

        awaitStatus(newer, "EXPIRED");

        assertThat(ledgerEntriesOnceCommitted(newer, 2)).containsExactly("RESERVATION 20", "RELEASE 20");
        assertThat(stuck).allSatisfy(orderId -> assertThat(paymentStatus(orderId)).isEqualTo("RESERVED"));
        assertThat(rows("select swept_at from payments where order_id in (?, ?)", stuck.get(0), stuck.get(1)))
                .allSatisfy(row -> assertThat(row.get("swept_at")).isNotNull());
        // end them, so that the sweep's status checks of them leave the other tests' faults alone
        stuck.forEach(NoPaymentLeftBehindContract::cancel);
        System.out.println("Open payments: 2 stuck holds first in deadline order, batch of 2: a newer hold still"
                + " EXPIRED and released by the sweep");
    }

    @Test
    void aFulfilmentWaitingForItsReservationGivesUpAfterItsBound() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        issuedPayment(terminal, orderId, "50.00");

        till.send(queue("fulfilment"), fulfilment(orderId, "40.00"));

        TillClient.Received error = awaitError(orderId);
        assertThat(error.field("code")).isEqualTo("RESERVATION_NOT_CONFIRMED");
        assertThat(error.field("message")).contains("ISSUED", "waited");
        assertThat(till.receive(queue("dead-letter"), "deadLetterCode = 'RESERVATION_NOT_CONFIRMED'", EVENT_TIMEOUT))
                .as("the fulfilment, dead-lettered with its reason").isNotNull();
        assertThat(ledgerEntries(orderId)).isEmpty();
        cancel(orderId);
        System.out.println("Open payments: a fulfilment whose customer never confirmed refused after its 1 s bound"
                + " (RESERVATION_NOT_CONFIRMED, dead-lettered), not re-queued for ever");
    }

    @Test
    void unregisterOfATerminalWithOpenPaymentsIsRefusedWithAReason() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        issuedPayment(terminal, orderId, "30.00");
        long unregisterCalls = emulator().counters().calls("unregisterTerminal");

        till.send(queue("terminal-commands"), unregister(terminal));

        TillClient.Received error = till.receive(queue("payment-events"),
                "terminalId = '" + terminal + "' AND type = 'ERROR'", EVENT_TIMEOUT);
        assertThat(error).as("ERROR event for the refused UNREGISTER").isNotNull();
        assertThat(error.field("code")).isEqualTo("TERMINAL_HAS_OPEN_PAYMENTS");
        assertThat(error.field("message")).contains(orderId);
        assertThat(emulator().counters().calls("unregisterTerminal")).isEqualTo(unregisterCalls);
        assertThat(rows("select status from terminals where terminal_id = ?", terminal))
                .extracting(row -> row.get("status")).containsExactly("REGISTERED");

        cancel(orderId);
        till.send(queue("terminal-commands"), unregister(terminal));
        assertThat(till.receive(queue("payment-events"), "terminalId = '" + terminal + "' AND type = 'TERMINAL_UNREGISTERED'",
                EVENT_TIMEOUT)).as("UNREGISTER once its payments ended").isNotNull();
        System.out.println("Open payments: UNREGISTER of a terminal with an ISSUED payment refused"
                + " (TERMINAL_HAS_OPEN_PAYMENTS naming the order), no SEQR call; accepted once the payment ended");
    }

    @Test
    void aPollLeftOverFromACanceledPaymentOnAnUnregisteredTerminalIsDroppedWithoutAnError() throws Exception {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        issuedPayment(terminal, orderId, "12.00");
        // the till cancels and unregisters while the payment's next status poll is still queued
        app.context().getRouteController().stopRoute("poll-payment-status");
        NotifyBuilder polled = new NotifyBuilder(app.context()).fromRoute("poll-payment-status")
                .filter(exchange -> orderId.equals(exchange.getProperty("orderId"))).whenDone(1).create();
        try {
            cancel(orderId);
            till.send(queue("terminal-commands"), unregister(terminal));
            assertThat(till.receive(queue("payment-events"), "terminalId = '" + terminal
                    + "' AND type = 'TERMINAL_UNREGISTERED'", EVENT_TIMEOUT)).isNotNull();
        } finally {
            app.context().getRouteController().startRoute("poll-payment-status");
        }

        assertThat(polled.matches(EVENT_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("the left-over poll taken").isTrue();
        assertThat(till.drain(queue("payment-events"), "orderId = '" + orderId + "' AND type = 'ERROR'",
                Duration.ofMillis(500))).as("no ERROR event about the canceled order").isEmpty();
        assertThat(till.drain(queue("dead-letter"), "orderId = '" + orderId + "'", Duration.ofMillis(500)))
                .as("no dead letter").isEmpty();
        assertThat(paymentStatus(orderId)).isEqualTo("CANCELED");
        System.out.println("Open payments: a poll left over from a payment canceled before its terminal was unregistered"
                + " dropped: no ERROR event, no dead letter");
    }

    /** As UNREGISTER left a terminal before it refused one with open payments: no credentials in the ledger. */
    private static void forgetTerminal(String terminal) {
        execute("update terminals set status = 'UNREGISTERED', password_ciphertext = null where terminal_id = ?", terminal);
        app.bean("terminalDirectory", TerminalDirectory.class).forget(terminal);
    }

    private static void cancel(String orderId) {
        till.send(queue("payment-cancellations"), """
                {"messageId": "%s", "orderId": "%s", "reason": "test over"}""".formatted(unique("x"), orderId));
        awaitStatus(orderId, "CANCELED");
    }

    private static String unregister(String terminal) {
        return """
                {"messageId": "%s", "command": "UNREGISTER", "terminalId": "%s"}""".formatted(unique("c"), terminal);
    }

    private static void execute(String sql, Object... parameters) {
        try (var connection = app.bean("dataSource", javax.sql.DataSource.class).getConnection();
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
