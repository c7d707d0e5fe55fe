package com.seqrbackoffice.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.BackofficeHttp;
import com.seqrbackoffice.testing.BackofficeHttp.Answer;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.RunningApp;

/**
 * The management port bound to every address (as in docker-compose.yml): the back office asks for the user and
 * password of the settings on every path and method, health stays open for probes, and the app refuses to start
 * so bound without a password. Without a management server the app starts without the back office.
 */
class BackofficeAuthenticationTest extends FlowTestSupport {

    private static final String USER = "auditor";
    private static final String PASSWORD = "s3cret-for-tests";

    @BeforeAll
    static void start() {
        // Jolokia has no password: the app refuses it on a reachable host
        startApp(Map.of("camel.management.host", "0.0.0.0", "backoffice.http.user", USER,
                "backoffice.http.password", PASSWORD, "camel.management.jolokia-enabled", "false"));
    }

    @Test
    void everyBackOfficeRequestWithoutTheUserAndPasswordIsRefused() {
        BackofficeHttp anonymous = BackofficeHttp.of(app);
        BackofficeHttp wrongPassword = anonymous.as(USER, PASSWORD + "x");
        BackofficeHttp wrongUser = anonymous.as("admin", PASSWORD);
        List<Answer> refused = List.of(anonymous.get("/payments/order-1"), anonymous.get("/payments?status=PAID"),
                anonymous.get("/backoffice"), anonymous.get("/backoffice/summary"), anonymous.get("/discrepancies/1"),
                anonymous.post("/discrepancies/1/status", "{\"status\": \"EXPLAINED\", \"by\": \"x\", \"reason\": \"y\"}"),
                wrongPassword.get("/payments/order-1"), wrongUser.get("/backoffice/summary"));

        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic realm="));
            assertThat(answer.json()).containsEntry("error", "UNAUTHORIZED");
        });
        System.out.printf("back office: %d requests without the right user and password refused with 401%n", refused.size());
    }

    @Test
    void theUserAndPasswordOpenEveryPathWhileHealthStaysOpen() {
        BackofficeHttp auditor = BackofficeHttp.of(app).as(USER, PASSWORD);

        assertThat(auditor.get("/payments/order-1").json()).containsEntry("error", "UNKNOWN_ORDER");
        assertThat(auditor.get("/payments?status=PAID").status()).isEqualTo(200);
        assertThat(auditor.get("/backoffice").body()).contains("<title>seqr-backoffice: back office</title>");
        assertThat(auditor.get("/backoffice/summary").json()).containsKey("holds");
        assertThat(BackofficeHttp.of(app).get("/observe/health").status()).isEqualTo(200);
    }

    @Test
    void theCommandLineUsesTheUserAndPasswordOfTheSettings() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        reservedPayment(terminal, orderId, "33.00");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = BackofficeCli.run(new String[] {"--payment", orderId}, app::setting, print(out));
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"orderId\" : \"" + orderId + "\"", "\"RESERVED\"");

        Function<String, String> noPassword = key -> key.equals("backoffice.http.password") ? "" : app.setting(key);
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(BackofficeCli.run(new String[] {"--payment", orderId}, noPassword, print(refused))).isEqualTo(1);
        assertThat(refused.toString(StandardCharsets.UTF_8)).startsWith("UNAUTHORIZED");
    }

    @Test
    void theAppRefusesToStartOnANonLoopbackAddressWithoutAPassword() {
        Properties settings = RunningApp.isolatedSettings();
        settings.setProperty("camel.management.host", "0.0.0.0");
        settings.setProperty("backoffice.http.password", "");

        assertThatThrownBy(() -> RunningApp.start(settings).close()).hasStackTraceContaining(
                "camel.management.host is 0.0.0.0, which other machines can reach: set backoffice.http.password");
    }

    @Test
    void withoutTheManagementServerTheAppStartsWithoutTheBackOffice() {
        Properties settings = RunningApp.isolatedSettings();
        settings.setProperty("camel.management.enabled", "false");

        try (RunningApp withoutServer = RunningApp.start(settings)) {
            assertThat(withoutServer.context().getRouteController().getRouteStatus("look-up-payment").isStopped()).isTrue();
            assertThat(withoutServer.context().getRouteController().getRouteStatus("start-payment").isStarted()).isTrue();
        }
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
