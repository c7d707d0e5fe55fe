package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.seqrbackoffice.testing.AppProcess;
import com.seqrbackoffice.testing.RunningApp;
import com.seqrbackoffice.testing.TestSecrets;

/** The ledger as a database server of its own: /observe/health follows it going away and coming back. */
class LedgerReadinessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path databaseDir;

    @Test
    void notReadyWhileTheDatabaseServerIsStoppedAndReadyWhenItReturns() throws Exception {
        int port = RunningApp.freePort();
        Server database = startDatabase(port);
        Properties settings = RunningApp.isolatedSettings();
        settings.setProperty("ledger.url", "jdbc:h2:tcp://127.0.0.1:" + port
                + "/ledger;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        // a database server is the production shape: no shipped secret
        settings.putAll(TestSecrets.appSettings(AppProcess.newPasswordKey()));
        settings.setProperty("ledger.password", "ledger-test-only");
        try (RunningApp app = RunningApp.start(settings)) {
            String health = "http://127.0.0.1:" + app.setting("camel.management.port") + "/observe/health";
            assertThat(get(health).statusCode()).isEqualTo(200);

            database.stop();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                HttpResponse<String> answer = get(health);
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.body()).contains("{\"name\":\"ledger\",\"status\":\"DOWN\"");
            });

            database = startDatabase(port);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> answer = get(health);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            });
        } finally {
            database.stop();
        }
    }

    private Server startDatabase(int port) throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", databaseDir.toString(),
                "-ifNotExists").start();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
