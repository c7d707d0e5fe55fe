package com.seqrbackoffice.backoffice;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import com.seqrbackoffice.payments.Json;

/**
 * The back office's payment lookup and search for people on the host, against the running app's management port
 * (the same answers as {@code GET /payments}): {@code --payment <orderId>} prints the payment's JSON;
 * {@code --payments [terminalId=...] [status=...] [from=...] [to=...] [limit=...]} prints one line per payment.
 * Exit codes: 0 done, 1 refused (unknown order, malformed search), 3 the app cannot be reached ({@link
 * com.seqrbackoffice.app.CommandLine} answers a malformed command line with 2 before this runs).
 */
public final class BackofficeCli {

    private static final Set<String> SEARCH_KEYS = Set.of("terminalId", "status", "from", "to", "limit");
    /** Exit code when the app does not answer (2 is a malformed command line: {@code CommandLine}). */
    static final int UNREACHABLE = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private BackofficeCli() {
    }

    /**
     * {@code args[0]} is {@code --payment} or {@code --payments}; {@code settings} resolve camel.management.host,
     * camel.management.port, backoffice.http.user and backoffice.http.password as the app does.
     */
    public static int run(String[] args, Function<String, String> settings, PrintStream out) {
        URI uri;
        try {
            uri = base(settings).resolve(requestPath(args));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 1;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        String password = settings.apply("backoffice.http.password");
        if (password != null && !password.isEmpty()) {
            String user = settings.apply("backoffice.http.user");
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpTimeoutException e) {
            out.println("The app does not answer at " + uri + " (is it running? camel.management.host and port)");
            return UNREACHABLE;
        } catch (IOException e) {
            out.println("The app does not answer at " + uri + ": " + e.getMessage());
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
        JsonNode body = read(response.body());
        if (response.statusCode() != 200 || body == null) {
            out.println(body != null && body.has("message") ? body.get("error").asText() + ": " + body.get("message").asText()
                    : "HTTP " + response.statusCode() + " from " + uri);
            return response.statusCode() >= 500 ? UNREACHABLE : 1;
        }
        if ("--payment".equals(args[0])) {
            out.println(body.toPrettyString());
        } else {
            printPayments(body, out);
        }
        return 0;
    }

    private static URI base(Function<String, String> settings) {
        String host = settings.apply("camel.management.host");
        try {
            // bound to every address: this machine's loopback is one of them
            if (host == null || InetAddress.getByName(host).isAnyLocalAddress()) {
                host = "127.0.0.1";
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("camel.management.host " + host + " is not a known host");
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + settings.apply("camel.management.port") + "/");
    }

    /** The back office's path and query for these arguments; IllegalArgumentException says what is malformed. */
    public static String requestPath(String[] args) {
        if ("--payment".equals(args[0])) {
            if (args.length != 2 || args[1].isBlank()) {
                throw new IllegalArgumentException("Use --payment <orderId>");
            }
            return "payments/" + URLEncoder.encode(args[1], StandardCharsets.UTF_8).replace("+", "%20");
        }
        List<String> query = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            if (pair.length != 2 || !SEARCH_KEYS.contains(pair[0])) {
                throw new IllegalArgumentException("Use --payments [terminalId=...] [status=...] [from=...] [to=...]"
                        + " [limit=...] (times ISO 8601, e.g. from=2026-11-27T00:00:00Z), not " + args[i]);
            }
            query.add(pair[0] + "=" + URLEncoder.encode(pair[1], StandardCharsets.UTF_8));
        }
        return "payments" + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    private static void printPayments(JsonNode result, PrintStream out) {
        for (JsonNode payment : result.get("payments")) {
            out.println(String.join("\t", text(payment, "createdAt"), text(payment, "orderId"), text(payment, "terminalId"),
                    text(payment, "status"), text(payment, "reservedAmount") + " " + text(payment, "currency"),
                    text(payment, "finalAmount")));
        }
        out.println(result.get("count").asInt() + " payment(s)");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "-" : value.asText();
    }

    private static JsonNode read(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
