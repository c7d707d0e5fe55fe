package com.seqrbackoffice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class RouteCoverageTest {

    @Test
    void reportNamesTheRoutesAndStepsNoTestRan() {
        Map<String, Map<String, Long>> counts = new TreeMap<>(Map.of(
                "start-payment", new TreeMap<>(Map.of("route", 5L, "payment-start.camel.yaml:12 bean", 5L,
                        "payment-start.camel.yaml:40 to", 0L)),
                "close-periods", new TreeMap<>(Map.of("route", 0L, "transaction-periods.camel.yaml:8 bean", 0L))));

        assertThat(RouteCoverage.report(counts)).containsExactly(
                "Route coverage of the tests (since the last mvn clean): 1 of 2 routes run; in those, 1 of 2 steps run",
                "Routes no test runs (1):",
                "  close-periods",
                "Steps no test runs, in routes that run (1):",
                "  start-payment  payment-start.camel.yaml:40 to");
    }
}
