package com.seqrbackoffice.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.emulator.FaultSpec;
import com.seqrbackoffice.seqr.emulator.SeqrEmulator;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.RunningApp;
import com.seqrbackoffice.testing.TestSecrets;
import com.seqrbackoffice.testing.TillClient;

/**
 * A terminal's SEQR password and the instances that keep a copy of it: a REGISTER without a password (a till
 * registering again, a REGISTER delivered again) keeps the password; a REGISTER with a new one reaches a second
 * instance, whose copy is still the old one for terminals.credentials-cache-seconds, without an
 * AUTHENTICATION_FAILED. The second instance shares the first's broker, ledger and emulator and takes payment
 * requests from a queue of its own, so that the test knows which instance made the call. Subclasses run it on H2
 * and on PostgreSQL.
 */
abstract class TerminalPasswordContract extends FlowTestSupport {

    private static final String SECOND_REQUESTS = "second.payment.requests";
    private static RunningApp second;

    /** Starts the second instance on the first one's broker, ledger and emulator. */
    static void startSecondInstance() {
        Properties settings = new Properties();
        settings.setProperty("app.data-dir", app.setting("app.data-dir"));
        // the first instance's ledger and secrets (its own on PostgreSQL, the production shape)
        Set<String> shared = new TreeSet<>(TestSecrets.appSettings("").keySet());
        shared.addAll(List.of("ledger.url", "ledger.user", "ledger.password"));
        for (String key : shared) {
            settings.setProperty(key, app.setting(key));
        }
        settings.setProperty("broker.embedded", "false");
        settings.setProperty("broker.url", app.setting("broker.embedded.acceptor"));
        settings.setProperty("seqr.emulator.enabled", "false");
        settings.setProperty("seqr.url", emulator().soapUrl());
        settings.setProperty("camel.management.port", String.valueOf(RunningApp.freePort()));
        settings.setProperty("quartz.scheduler-name", "second-instance");
        settings.setProperty("queue.payment-requests", SECOND_REQUESTS);
        // the first instance alone carries out terminal commands
        settings.setProperty("queue.terminal-commands", "second.terminal.commands");
        settings.setProperty("seqr.poll.interval-ms", "200");
        second = RunningApp.start(settings);
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aRegisterWithoutAPasswordKeepsTheOneTheTerminalHas() {
        String terminal = registeredTerminal();
        String before = directory(app).credentials(terminal).password();

        till.send(queue("terminal-commands"), """
                {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Till again"}
                """.formatted(unique("c"), terminal));
        assertThat(till.receive(queue("payment-events"), "terminalId = '" + terminal + "' AND type = 'TERMINAL_REGISTERED'",
                EVENT_TIMEOUT)).isNotNull();

        directory(app).forget(terminal);
        assertThat(directory(app).credentials(terminal).password()).as("the terminal's password").isEqualTo(before);
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "10.00"));
        awaitStatus(orderId, "ISSUED");
        System.out.println("Terminal passwords: a second REGISTER without a password kept the terminal's password;"
                + " SEQR takes it");
    }

    @Test
    void aNewPasswordReachesAnInstanceThatKeptTheOldOneWithoutAnAuthenticationFailure() {
        String terminal = registeredTerminal();
        String old = directory(second).credentials(terminal).password();

        till.send(queue("terminal-commands"), """
                {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Till", "password": "New-Pa55word-%s"}
                """.formatted(unique("c"), terminal, unique("x")));
        assertThat(till.receive(queue("payment-events"), "terminalId = '" + terminal + "' AND type = 'TERMINAL_REGISTERED'",
                EVENT_TIMEOUT)).isNotNull();
        assertThat(directory(second).credentials(terminal).password()).as("the second instance's copy, still kept")
                .isEqualTo(old);

        String orderId = unique("order");
        till.send(SECOND_REQUESTS, paymentRequest(terminal, orderId, "25.00"));

        TillClient.Received issued = awaitStatus(orderId, "ISSUED");
        SeqrEmulator seqr = emulator();
        seqr.confirm(issued.field("invoiceReference"));
        awaitStatus(orderId, "RESERVED");
        assertThat(till.drain(queue("payment-events"), "orderId = '" + orderId + "' AND type = 'ERROR'",
                Duration.ofMillis(300))).as("no AUTHENTICATION_FAILED").isEmpty();
        assertThat(directory(second).credentials(terminal).password()).as("the second instance's copy now")
                .isNotEqualTo(old);
        System.out.println("Terminal passwords: a password changed on one instance; the other, holding the old one,"
                + " issued and polled a payment on it with no AUTHENTICATION_FAILED");
    }

    @Test
    void aRegisterDeliveredAgainAfterATimeoutGivesSeqrAndTheLedgerTheSamePassword() throws InterruptedException {
        // the first registerTerminal answers after its receive timeout (1.5 s in tests): the command is delivered
        // again and registers at once, and then the first, late call is carried out at SEQR too
        long late = 2_500;
        emulator().setFault(new FaultSpec("registerTerminal", late, false, null, false, null, 1, null));
        try {
            String terminal = unique("till");
            long sent = System.nanoTime();
            till.send(queue("terminal-commands"), """
                    {"messageId": "%s", "command": "REGISTER", "terminalId": "%s", "name": "Till %s"}
                    """.formatted(unique("c"), terminal, terminal));
            assertThat(till.receive(queue("payment-events"), "terminalId = '" + terminal + "' AND type = 'TERMINAL_REGISTERED'",
                    EVENT_TIMEOUT)).isNotNull();
            Thread.sleep(Math.max(0, late + 1_000 - Duration.ofNanos(System.nanoTime() - sent).toMillis()));

            String orderId = unique("order");
            till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "12.00"));
            awaitStatus(orderId, "ISSUED");
            System.out.println("Terminal passwords: a REGISTER whose first call answered after its timeout was"
                    + " delivered again; SEQR and the ledger hold the same password, the terminal issues invoices");
        } finally {
            emulator().clearFaults();
        }
    }

    private static TerminalDirectory directory(RunningApp instance) {
        return instance.bean("terminalDirectory", TerminalDirectory.class);
    }
}
