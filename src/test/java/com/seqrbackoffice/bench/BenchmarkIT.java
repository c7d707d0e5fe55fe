package com.seqrbackoffice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.seqrbackoffice.payments.Json;

/**
 * The benchmark still runs, at a tiny size: every part completes and writes its figures. Not a timed test: the
 * figures of a shared CI machine say nothing, so no speed is asserted.
 */
class BenchmarkIT {

    @Test
    void tinyBenchmarkCompletesAndWritesItsFigures() throws Exception {
        Path out = buildDirectory().resolve("benchmark-it");
        // it checks that every part completes, not how fast: on a crowded CI machine a SEQR call at 100 ms can take
        // longer than the receive timeout, and a payment's 5 calls longer than a second; a raw SOAP part whose every
        // call timed out, or whose window no payment finished in, would measure nothing
        Properties patient = new Properties();
        patient.setProperty("seqr.receive-timeout-ms", "5000");
        Benchmark.Options options = new Benchmark.Options(50, 100, 5, 0, 4, 1, 8, 100, 0, out, true, patient);

        Map<String, Object> figures = Benchmark.run(options);

        assertThat(figures).containsKeys("startup", "rawLimits", "endToEnd", "waiting", "goals");
        assertThat(out.resolve("benchmark.txt")).content().contains("poll interval of one payment");
        JsonNode json = Json.MAPPER.readTree(Files.readString(out.resolve("benchmark.json")));
        assertThat(json.at("/endToEnd/outcomes/PAID").asInt()).isEqualTo(50);
        assertThat(json.at("/waiting/outcomes/RESERVED").asInt()).isEqualTo(100);
        assertThat(json.at("/waiting/pollIntervalMs/count").asInt()).isPositive();
        assertThat(json.at("/waiting/pollsPerSecond").asDouble()).isPositive();
        // the emulator's JVM answered those polls: its CPU is read from its process
        assertThat(json.at("/waiting/seqrCpuMsPerPoll").asDouble()).isPositive();
        assertThat(json.at("/rawLimits/limitCombinedPaymentsPerSecond").asDouble()).isPositive();
        // the collections of this JVM's own collectors, counted over the hold
        JsonNode collections = json.at("/waiting/collectionsDuringHold");
        List<String> collectors = new ArrayList<>();
        collections.fieldNames().forEachRemaining(collectors::add);
        assertThat(collectors).containsExactlyInAnyOrderElementsOf(
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
        collections.forEach(collector -> assertThat(collector.path("count").asLong(-1)).isNotNegative());
        assertThat(out.resolve("benchmark.txt")).content().contains("collections during the hold");
    }

    private static Path buildDirectory() throws Exception {
        return Path.of(BenchmarkIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }
}
