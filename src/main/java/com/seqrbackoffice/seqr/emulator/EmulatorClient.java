package com.seqrbackoffice.seqr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The emulator's customer app and admin API over HTTP ({@code /emulator/...}), for a program that runs the emulator
 * in another process (the benchmark, the process-level tests): what SEQR saw, and what its customers do.
 */
public final class EmulatorClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param baseUrl {@code http://host:port} of the emulator */
    public EmulatorClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code GET /emulator/admin/counters}. */
    public JsonNode counters() {
        return send("GET", "/emulator/admin/counters", null);
    }

    /** {@code GET /emulator/admin/invoices/{invoiceReference}}: one invoice as SEQR holds it. */
    public JsonNode invoice(String invoiceReference) {
        return send("GET", "/emulator/admin/invoices/" + invoiceReference, null);
    }

    /** {@code GET /emulator/app/invoices}: the invoices still waiting for their customer. */
    public JsonNode invoicesWaitingForCustomer() {
        return send("GET", "/emulator/app/invoices", null);
    }

    /** {@code POST /emulator/app/invoices/{invoiceReference}/confirm}: the customer confirms. */
    public JsonNode confirm(String invoiceReference) {
        return send("POST", "/emulator/app/invoices/" + invoiceReference + "/confirm", "");
    }

    /** {@code PUT /emulator/admin/auto-confirm}. */
    public void setAutoConfirm(boolean enabled, Duration delay) {
        send("PUT", "/emulator/admin/auto-confirm", Map.of("enabled", enabled, "delayMillis", delay.toMillis()));
    }

    /** {@code PUT /emulator/admin/latency}: every SOAP call from now on is answered this long after it arrives. */
    public void setLatency(Duration latency) {
        send("PUT", "/emulator/admin/latency", Map.of("millis", latency.toMillis()));
    }

    /** {@code PUT /emulator/admin/faults}: these faults in force, besides those already set for other operations. */
    public void setFaults(List<FaultSpec> faults) {
        send("PUT", "/emulator/admin/faults", faults);
    }

    /** {@code DELETE /emulator/admin/faults}. */
    public void clearFaults() {
        send("DELETE", "/emulator/admin/faults", null);
    }

    /** {@code PUT /emulator/admin/poll-intervals}: forget the polls seen so far and record from now on. */
    public void restartPollIntervals() {
        send("PUT", "/emulator/admin/poll-intervals", "");
    }

    /** {@code POST /emulator/admin/poll-intervals/window}: the intervals since the previous window. */
    public StatusPollIntervals.Window pollIntervalsWindow() {
        return json.convertValue(send("POST", "/emulator/admin/poll-intervals/window", ""),
                StatusPollIntervals.Window.class);
    }

    private JsonNode send(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher content = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : json.writeValueAsString(body));
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").method(method, content).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
