package com.seqrbackoffice.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.RunningApp;

/** The back office on the default H2 ledger, and its command line against the running app. */
class BackofficeHttpTest extends BackofficeHttpContract {

    @BeforeAll
    static void start() {
        startApp(backofficeSettings());
    }

    @Test
    void theCommandLinePrintsAPaymentAndASearchAsTheHttpCallsAnswerThem() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        reservedPayment(terminal, orderId, "44.00");

        Output payment = run("--payment", orderId);
        assertThat(payment.exit()).isZero();
        assertThat(payment.text()).contains("\"orderId\" : \"" + orderId + "\"", "\"entryType\" : \"RESERVATION\"",
                "\"captureBefore\"");

        Output search = run("--payments", "terminalId=" + terminal, "status=RESERVED");
        assertThat(search.exit()).isZero();
        assertThat(search.text().lines().toList()).hasSize(2)
                .first().asString().contains(orderId, terminal, "RESERVED", "44.00 SEK");
        assertThat(search.text()).contains("1 payment(s)");

        Output unknown = run("--payment", "no-such-order");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.text()).startsWith("UNKNOWN_ORDER: no payment for order no-such-order");
        assertThat(run("--payments", "status=WAITING").text()).startsWith("INVALID_SEARCH");
        assertThat(run("--payments", "colour=red").exit()).isEqualTo(1);
        assertThat(run("--payment").exit()).isEqualTo(1);
    }

    @Test
    void theCommandLineSaysSoWhenTheAppDoesNotAnswer() {
        String closedPort = String.valueOf(RunningApp.freePort());
        Function<String, String> settings = key -> key.equals("camel.management.port") ? closedPort : app.setting(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(BackofficeCli.run(new String[] {"--payment", "order-1"}, settings, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .as("exit code when the app does not answer").isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("does not answer", closedPort);
    }

    private record Output(int exit, String text) {
    }

    private static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = BackofficeCli.run(args, app::setting, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Output(exit, out.toString(StandardCharsets.UTF_8));
    }
}
