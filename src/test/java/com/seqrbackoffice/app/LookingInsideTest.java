package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import com.seqrbackoffice.payments.Json;
import com.seqrbackoffice.testing.RunningApp;

/**
 * What Hawtio, the camel CLI and jconsole see of a running app: Camel's and the embedded broker's MBeans over JMX,
 * the same over Jolokia on the management port, and Camel's developer console in the dev profile only.
 */
class LookingInsideTest {

    @Test
    void routesInflightExchangesAndTheBrokerAreSeenOverJmxAndJolokia() throws Exception {
        try (RunningApp app = RunningApp.start(RunningApp.isolatedSettings())) {
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> routes = jmx.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null);
            assertThat(routes).extracting(name -> name.getKeyProperty("name")).contains("\"start-payment\"", "\"poll-payment-status\"");
            ObjectName startPayment = routes.stream().filter(name -> name.getKeyProperty("name").equals("\"start-payment\""))
                    .findFirst().orElseThrow();
            assertThat(((Number) jmx.getAttribute(startPayment, "ExchangesInflight")).intValue()).isZero();
            assertThat(jmx.queryNames(new ObjectName("org.apache.activemq.artemis:component=addresses,address=\""
                    + app.setting("queue.payment-requests") + "\",*"), null)).as("the broker's payment-requests address").isNotEmpty();

            JsonNode route = jolokia(app, """
                    {"type": "read", "mbean": "%s", "attribute": ["ExchangesInflight", "ExchangesTotal", "State"]}
                    """.formatted(startPayment.toString().replace("\"", "\\\"")));
            assertThat(route.path("status").asInt()).as("%s", route).isEqualTo(200);
            assertThat(route.path("value").path("State").asText()).isEqualTo("Started");
            assertThat(route.path("value").path("ExchangesInflight").asInt()).isZero();
            JsonNode queues = jolokia(app, """
                    {"type": "search", "mbean": "org.apache.activemq.artemis:component=addresses,subcomponent=queues,*"}
                    """);
            assertThat(queues.path("value").toString()).contains("queue=\\\"" + app.setting("queue.payment-requests") + "\\\"");

            assertThat(get(app, "/q/dev").statusCode()).as("developer console outside the dev profile").isEqualTo(404);
        }
    }

    @Test
    void theDevProfileServesCamelsDeveloperConsole() throws Exception {
        Properties settings = RunningApp.isolatedSettings();
        settings.setProperty("app.profile", "dev");
        try (RunningApp app = RunningApp.start(settings)) {
            HttpResponse<String> routes = get(app, "/q/dev/route");

            assertThat(routes.statusCode()).as(routes.body()).isEqualTo(200);
            assertThat(routes.body()).contains("start-payment", "poll-payment-status");
        }
    }

    /** A Jolokia request as Hawtio sends it: JSON posted to /observe/jolokia. */
    private static JsonNode jolokia(RunningApp app, String request) throws Exception {
        HttpResponse<String> response = send(app, HttpRequest.newBuilder(uri(app, "/observe/jolokia"))
                .POST(HttpRequest.BodyPublishers.ofString(request)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static HttpResponse<String> get(RunningApp app, String path) throws Exception {
        return send(app, HttpRequest.newBuilder(uri(app, path)));
    }

    private static HttpResponse<String> send(RunningApp app, HttpRequest.Builder request) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static URI uri(RunningApp app, String path) {
        return URI.create("http://127.0.0.1:" + app.setting("camel.management.port") + path);
    }
}
