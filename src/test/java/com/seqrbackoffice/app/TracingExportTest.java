package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import com.seqrbackoffice.testing.RunningApp;

/**
 * With tracing on and nothing else bound, spans go to {@code tracing.otlp-endpoint} as OTLP/HTTP protobuf, sent
 * with the JDK's HTTP client: here a collector of the test's own on a free port, which records what it is sent.
 */
class TracingExportTest {

    private record Request(String path, String contentType, String body) {
    }

    @Test
    void spansGoToTheOtlpEndpointAsProtobufOverHttp() throws Exception {
        BlockingQueue<Request> received = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            // protobuf keeps strings as their UTF-8 bytes: ISO-8859-1 maps each byte to one char, so they can be found
            received.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        Properties settings = RunningApp.isolatedSettings();
        settings.setProperty(Tracing.ENABLED, "true");
        settings.setProperty("tracing.otlp-endpoint", "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
        settings.setProperty("tracing.service-name", "backoffice-under-test");
        String terminalId = "till-export-test";
        try (RunningApp app = RunningApp.start(settings)) {
            app.producer().sendBody("jms:queue:" + app.setting("queue.terminal-commands"), """
                    {"messageId": "export-test-1", "command": "REGISTER", "terminalId": "%s", "name": "Till"}
                    """.formatted(terminalId));

            Request export = nextExportWith("registerTerminal", received, Duration.ofSeconds(30));
            assertThat(export.path()).isEqualTo("/v1/traces");
            assertThat(export.contentType()).isEqualTo("application/x-protobuf");
            assertThat(export.body()).contains("backoffice-under-test", "queue:" + app.setting("queue.terminal-commands"),
                    TraceAttributes.TERMINAL_ID, terminalId);
        } finally {
            collector.stop(0);
        }
    }

    private static Request nextExportWith(String text, BlockingQueue<Request> received, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Request request = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (request != null && request.body().contains(text)) {
                return request;
            }
            if (request != null) {
                seen.add(request.path());
            }
        }
        throw new AssertionError("no export with " + text + " within " + timeout + "; requests: " + seen);
    }
}
