package com.seqrbackoffice.testing;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.seqrbackoffice.payments.Json;

/**
 * The SEQR emulator alone in its own JVM ({@code EmulatorMain} from the packaged jar), so that SEQR's state —
 * invoices, commits, counters — outlives every app instance a test kills. Its admin HTTP API tells what SEQR saw.
 */
public final class EmulatorProcess implements AutoCloseable {

    private final ManagedProcess process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmulatorProcess(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the emulator on a free port with these {@code seqr.emulator.*} (or other) settings. */
    public static EmulatorProcess start(String test, Map<String, String> settings) throws InterruptedException {
        int port = RunningApp.freePort();
        List<String> command = new ArrayList<>(List.of(ManagedProcess.java(), "-Xmx512m",
                "-Dseqr.emulator.host=127.0.0.1", "-Dseqr.emulator.port=" + port,
                // the tests read what SEQR saw through the admin API
                "-Dseqr.emulator.admin-enabled=true"));
        // the reseller user of the apps' TestSecrets, unless the test names its own
        Map<String, String> all = new TreeMap<>(TestSecrets.emulatorSettings());
        all.putAll(settings);
        all.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", ProcessTopology.jar() + ":" + ProcessTopology.jar().resolveSibling("lib") + "/*",
                "com.seqrbackoffice.seqr.emulator.EmulatorMain"));
        ManagedProcess process = new ManagedProcess("emulator", command, Map.of(), ProcessTopology.logFile(test, "emulator"));
        process.start();
        process.awaitLine("SEQR emulator ready on port", Duration.ofSeconds(90));
        return new EmulatorProcess(process, port);
    }

    /** The SOAP URL the app instances are given as {@code seqr.url}. */
    public String soapUrl() {
        return "http://127.0.0.1:" + port + "/soap/merchant/cashregister-2";
    }

    /** GET /emulator/admin/counters. */
    public JsonNode counters() {
        return get("/emulator/admin/counters");
    }

    /** GET /emulator/admin/invoices/{ref}: one invoice as SEQR holds it. */
    public JsonNode invoice(String invoiceReference) {
        return get("/emulator/admin/invoices/" + invoiceReference);
    }

    /** Invoices whose commit SEQR accepted, with how many times it accepted one (never more than 1 if all is well). */
    public Map<String, Integer> acceptedCommits() {
        return Json.MAPPER.convertValue(counters().path("accepted").path("commits"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Integer>>() { });
    }

    /** commitReservation calls per invoice, refused ones included. */
    public Map<String, Integer> commitCalls() {
        return Json.MAPPER.convertValue(counters().path("commits"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Integer>>() { });
    }

    /** What SEQR holds as paid: the sum of paidAmount over the given invoices that are PAID and not reversed. */
    public BigDecimal paidTotal(Iterable<String> invoiceReferences) {
        BigDecimal total = BigDecimal.ZERO;
        for (String reference : invoiceReferences) {
            JsonNode invoice = invoice(reference);
            if ("PAID".equals(invoice.path("status").asText()) && !invoice.path("reversed").asBoolean()) {
                total = total.add(new BigDecimal(invoice.path("paidAmount").path("value").asText()));
            }
        }
        return total;
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.stop(Duration.ofSeconds(15));
    }
}
