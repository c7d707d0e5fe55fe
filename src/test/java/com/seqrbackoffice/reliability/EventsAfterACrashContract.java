package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.seqrbackoffice.terminals.TerminalCommand;
import com.seqrbackoffice.testing.CommitWindow;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * Every event survives a crash between the ledger's commit and the broker's: {@link CommitWindow} stops the route
 * exactly there once, and the event still reaches the till (by its event id) with the ledger as it should be. The
 * payment events come out of issue-invoice (ISSUED) and record-status-change (polls, cancellations, the hold sweep),
 * the hold warning out of warn-hold-expiry, the terminal events out of record-terminal-command. On H2
 * (EventsAfterACrashTest) and PostgreSQL (EventsAfterACrashPostgresTest); a subclass calls
 * {@link #startWithCommitWindows}.
 */
abstract class EventsAfterACrashContract extends FlowTestSupport {

    static final CommitWindow AFTER_COMMIT = new CommitWindow();
    static final CommitWindow BEFORE_COMMIT = new CommitWindow();
    private static String terminal;
    private static final List<String> DELIVERED = new CopyOnWriteArrayList<>();

    /** The figures of this class's run (the list is cleared for the next class in the same JVM). */
    @AfterAll
    static void printFigures(TestInfo run) {
        System.out.printf("%s: %d events whose route was stopped between the ledger's commit and the broker's, each"
                + " delivered with its event id and the ledger right: %s%n",
                run.getTestClass().map(Class::getSimpleName).orElse("EventsAfterACrash"), DELIVERED.size(), DELIVERED);
        DELIVERED.clear();
    }

    /** The app with the hold sweep every second, a warning 4 s before a hold's deadline, and the windows in place. */
    static void startWithCommitWindows(boolean onPostgres) {
        Map<String, String> settings = Map.of("payment.hold-sweep.cron", "* * * * * ?", "payment.expiry-warning-seconds", "4");
        if (onPostgres) {
            startAppOnPostgres(settings);
        } else {
            startApp(settings);
        }
        AFTER_COMMIT.install(app, "record-status-change",
                exchange -> exchange.getVariable("orderId") + ":" + exchange.getVariable("newStatus"));
        AFTER_COMMIT.install(app, "issue-invoice", exchange -> exchange.getVariable("orderId") + ":ISSUED");
        AFTER_COMMIT.install(app, "warn-hold-expiry", exchange -> exchange.getVariable("orderId") + ":HOLD_EXPIRY_WARNING");
        AFTER_COMMIT.install(app, "record-terminal-command",
                exchange -> exchange.getVariable("command", TerminalCommand.class).messageId());
        BEFORE_COMMIT.installBeforeCommit(app, "warn-hold-expiry",
                exchange -> exchange.getVariable("orderId") + ":HOLD_EXPIRY_WARNING");
        terminal = registeredTerminal();
    }

    @Test
    void reservedFromAPollIsAnnouncedAfterACrashBehindTheLedgerCommit() {
        String orderId = pollSeesTheCustomer("RESERVED", emulator()::confirm);
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 500");
    }

    @Test
    void failedFromAPollIsAnnouncedAfterACrashBehindTheLedgerCommit() {
        String orderId = pollSeesTheCustomer("FAILED", emulator()::failPayment);
        assertThat(ledgerEntries(orderId)).isEmpty();
    }

    /** A payment whose customer does {@code action} at SEQR; the poll that records {@code status} is stopped once. */
    private static String pollSeesTheCustomer(String status, Consumer<String> action) {
        String orderId = unique("order");
        AFTER_COMMIT.arm(orderId + ":" + status);
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "500.00"));
        action.accept(awaitStatus(orderId, "ISSUED").field("invoiceReference"));

        assertEvent(orderId, status);
        assertFired(AFTER_COMMIT, orderId + ":" + status, status);
        assertHistory(orderId, "ISSUED", status);
        return orderId;
    }

    /**
     * The crash falls between the ISSUED commit and the announcement, and the till's cancellation is taken before the
     * redelivered request, which then finds the payment CANCELED and can only re-send what the ledger kept.
     */
    @Test
    void issuedIsAnnouncedAfterACrashBehindItsLedgerCommitWhenACancellationOvertakesTheRedelivery() {
        String orderId = unique("order");
        CountDownLatch crashOver = new CountDownLatch(1);
        AFTER_COMMIT.armHeld(orderId + ":ISSUED", crashOver);
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "400.00"));
        await().atMost(EVENT_TIMEOUT).until(() -> AFTER_COMMIT.fired(orderId + ":ISSUED"));
        assertThat(rows("select event_id from payment_events where order_id = ?", orderId))
                .as("the ISSUED event, kept in the commit of the ISSUED row").extracting(row -> row.get("event_id"))
                .containsExactly(orderId + ":ISSUED");

        till.send(queue("payment-cancellations"), """
                {"messageId": "%s", "orderId": "%s", "reason": "customer left"}""".formatted(unique("x"), orderId));
        await().atMost(EVENT_TIMEOUT).until(() -> "CANCELED".equals(paymentStatus(orderId)));
        crashOver.countDown();

        // the cancellation's event came first: ISSUED is re-sent after it
        List<String> events = new ArrayList<>();
        for (int event = 0; event < 2; event++) {
            TillClient.Received received = till.receive(queue("payment-events"),
                    "orderId = '" + orderId + "' AND type = 'PAYMENT_STATUS'", EVENT_TIMEOUT);
            assertThat(received).as("status events of " + orderId + " after " + events).isNotNull();
            events.add(received.field("eventId"));
        }
        assertThat(events).containsExactly(orderId + ":CANCELED", orderId + ":ISSUED");
        assertFired(AFTER_COMMIT, orderId + ":ISSUED", "ISSUED");
        assertHistory(orderId, "ISSUED", "CANCELED");
    }

    @Test
    void aCancellationIsAnnouncedAfterACrashBehindTheLedgerCommitAndSeqrIsNotAskedTwice() {
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "300.00");
        AFTER_COMMIT.arm(orderId + ":CANCELED");
        till.send(queue("payment-cancellations"), """
                {"messageId": "%s", "orderId": "%s", "reason": "customer left"}""".formatted(unique("x"), orderId));

        assertThat(assertEvent(orderId, "CANCELED").field("reason")).isEqualTo("customer left");
        assertFired(AFTER_COMMIT, orderId + ":CANCELED", "CANCELED");
        assertHistory(orderId, "ISSUED", "RESERVED", "CANCELED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 300", "RELEASE 300");
        assertThat(emulator().counters().cancels(invoiceReference)).isEqualTo(1);
    }

    @Test
    void theHoldSweepsWarningAndExpiryAreAnnouncedAfterACrashBehindTheirLedgerCommits() {
        String orderId = unique("order");
        AFTER_COMMIT.arm(orderId + ":HOLD_EXPIRY_WARNING");
        AFTER_COMMIT.arm(orderId + ":EXPIRED");
        reservedPaymentHeldFor(orderId, 6);

        TillClient.Received warning = till.receive(queue("payment-events"),
                "orderId = '" + orderId + "' AND type = 'HOLD_EXPIRY_WARNING'", EVENT_TIMEOUT);
        assertThat(warning).as("HOLD_EXPIRY_WARNING after a crash behind its ledger commit").isNotNull();
        assertThat(warning.field("eventId")).isEqualTo(orderId + ":HOLD_EXPIRY_WARNING");
        assertFired(AFTER_COMMIT, orderId + ":HOLD_EXPIRY_WARNING", "HOLD_EXPIRY_WARNING");
        assertEvent(orderId, "EXPIRED");
        assertFired(AFTER_COMMIT, orderId + ":EXPIRED", "EXPIRED");

        assertHistory(orderId, "ISSUED", "RESERVED", "EXPIRED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 200", "RELEASE 200");
        assertThat(rows("select expiry_warned_at from payments where order_id = ?", orderId).get(0).get("expiry_warned_at"))
                .isNotNull();
        assertThat(till.drain(queue("payment-events"), "orderId = '" + orderId + "'", Duration.ofSeconds(2)))
                .as("no second warning or expiry").isEmpty();
    }

    @Test
    void aWarningSentBeforeALedgerCommitThatFailedIsNotSentTwiceWhenTheNextSweepRecordsIt() {
        String orderId = unique("order");
        BEFORE_COMMIT.arm(orderId + ":HOLD_EXPIRY_WARNING");
        reservedPaymentHeldFor(orderId, 8);

        TillClient.Received warning = till.receive(queue("payment-events"),
                "orderId = '" + orderId + "' AND type = 'HOLD_EXPIRY_WARNING'", EVENT_TIMEOUT);
        assertThat(warning).isNotNull();
        assertFired(BEFORE_COMMIT, orderId + ":HOLD_EXPIRY_WARNING", "HOLD_EXPIRY_WARNING");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                rows("select expiry_warned_at from payments where order_id = ?", orderId).get(0).get("expiry_warned_at"))
                .as("warned by the next sweep").isNotNull());
        assertThat(till.drain(queue("payment-events"), "orderId = '" + orderId + "' AND type = 'HOLD_EXPIRY_WARNING'",
                Duration.ofSeconds(2))).as("the next sweep's warning, dropped by the broker").isEmpty();
    }

    @Test
    void terminalEventsAreAnnouncedAfterACrashBehindTheLedgerCommitAndSeqrIsNotAskedTwice() {
        String terminalId = unique("till");
        String seqrId = "S" + unique("id").replace("-", "").substring(0, 10).toUpperCase();
        Map<String, String> commands = new LinkedHashMap<>();
        commands.put("TERMINAL_REGISTERED", """
                {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Till X"}""");
        commands.put("SEQR_ID_ASSIGNED", """
                {"messageId": "%s", "command": "ASSIGN_SEQR_ID", "terminalId": "%s", "seqrId": "%s"}""");
        commands.put("TERMINAL_UNREGISTERED", """
                {"messageId": "%s", "command": "UNREGISTER", "terminalId": "%s"}""");
        Map<String, String> operations = Map.of("TERMINAL_REGISTERED", "registerTerminal",
                "SEQR_ID_ASSIGNED", "assignSeqrId", "TERMINAL_UNREGISTERED", "unregisterTerminal");
        commands.forEach((type, command) -> {
            String messageId = unique("c");
            long callsBefore = emulator().counters().calls(operations.get(type));
            AFTER_COMMIT.arm(messageId);
            till.send(queue("terminal-commands"), command.formatted(messageId, terminalId, seqrId));

            TillClient.Received event = till.receive(queue("payment-events"),
                    "terminalId = '" + terminalId + "' AND type = '" + type + "'", EVENT_TIMEOUT);
            assertThat(event).as(type + " after a crash behind its ledger commit").isNotNull();
            assertThat(event.field("eventId")).isEqualTo(messageId + ":" + type);
            assertFired(AFTER_COMMIT, messageId, type);
            assertThat(emulator().counters().calls(operations.get(type)) - callsBefore).as(operations.get(type) + " calls")
                    .isEqualTo(1);
        });
        assertThat(rows("select status, seqr_id from terminals where terminal_id = ?", terminalId).get(0))
                .containsEntry("status", "UNREGISTERED").containsEntry("seqr_id", null);
    }

    /**
     * The failure at {@code key} happened (a scheduled job's event goes out before its ledger commits, so the
     * failure may come after the event arrived); {@code event} names the event whose delivery was checked, for the figures.
     */
    private static void assertFired(CommitWindow window, String key, String event) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(window.fired(key)).as("failure at " + key).isTrue());
        if (window == AFTER_COMMIT) {
            DELIVERED.add(event);
        }
    }

    private static void reservedPaymentHeldFor(String orderId, int seconds) {
        till.send(queue("payment-requests"), """
                {"messageId": "%s", "terminalId": "%s", "orderId": "%s", "title": "Pump 2",
                 "amount": {"value": "200.00", "currency": "SEK"}, "commitReservationTimeoutSeconds": %d}
                """.formatted(unique("p"), terminal, orderId, seconds));
        emulator().confirm(awaitStatus(orderId, "ISSUED").field("invoiceReference"));
        awaitStatus(orderId, "RESERVED");
    }

    private static TillClient.Received assertEvent(String orderId, String status) {
        TillClient.Received event = awaitStatus(orderId, status);
        assertThat(event.field("eventId")).isEqualTo(orderId + ":" + status);
        return event;
    }

    private static void assertHistory(String orderId, String... statuses) {
        assertThat(rows("select status from payment_status_history where order_id = ? order by id", orderId))
                .extracting(row -> row.get("status")).containsExactly((Object[]) statuses);
        assertThat(paymentStatus(orderId)).isEqualTo(statuses[statuses.length - 1]);
    }
}
