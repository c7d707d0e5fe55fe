package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.CapturedLog;

/**
 * log4j asks {@link BusinessContextData} for each event's keys: those of the exchange whose step writes the line,
 * as far as the route has read them when it writes it.
 */
class BusinessContextDataTest {

    private static CamelContext context;

    @BeforeAll
    static void start() throws Exception {
        context = new DefaultCamelContext();
        context.getCamelContextExtension().addInterceptStrategy(new BusinessMdc());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:poll").routeId("poll")
                        .log("before the order is read")
                        .setVariable("orderId", header("orderId"))
                        .to("direct:record");
                from("direct:record").routeId("record")
                        .log("recorded");
            }
        });
        context.start();
    }

    @AfterAll
    static void stop() throws Exception {
        context.close();
    }

    @Test
    void aLineNamesTheKeysItsExchangeHasAndTheRouteOfItsStep() {
        List<LogEvent> lines;
        try (CapturedLog log = new CapturedLog()) {
            context.createProducerTemplate().sendBodyAndHeaders("direct:poll", "",
                    Map.of("invoiceReference", "inv-7", "terminalId", "till-7", "orderId", "o-7"));
            lines = log.events();
        }

        assertThat(keysOf(lines, "before the order is read"))
                .containsEntry("orderId", "o-7").containsEntry("invoiceReference", "inv-7")
                .containsEntry("terminalId", "till-7").containsEntry("camel.routeId", "poll")
                .containsKey("camel.exchangeId");
        assertThat(keysOf(lines, "recorded")).containsEntry("orderId", "o-7").containsEntry("camel.routeId", "record");
    }

    @Test
    void aLineOfAThreadThatRanNoStepHasNoKeys() throws InterruptedException {
        List<LogEvent> lines;
        try (CapturedLog log = new CapturedLog()) {
            Thread thread = Thread.ofPlatform().start(() -> LogManager.getLogger("outside").info("no route here"));
            thread.join();
            lines = log.events();
        }

        assertThat(keysOf(lines, "no route here")).doesNotContainKeys("orderId", "invoiceReference", "terminalId",
                "camel.routeId", "camel.exchangeId");
    }

    private static Map<String, String> keysOf(List<LogEvent> lines, String message) {
        return lines.stream().filter(line -> line.getLevel() == Level.INFO)
                .filter(line -> line.getMessage().getFormattedMessage().equals(message))
                .findFirst().orElseThrow(() -> new AssertionError("no line " + message))
                .getContextData().toMap();
    }
}
