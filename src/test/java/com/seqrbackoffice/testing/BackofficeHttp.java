package com.seqrbackoffice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

import com.seqrbackoffice.payments.Json;

/** Requests to a test app's management port as a back-office user or script makes them. */
public final class BackofficeHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String base;
    private final String authorization;

    private BackofficeHttp(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static BackofficeHttp of(RunningApp app) {
        return new BackofficeHttp("http://127.0.0.1:" + app.setting("camel.management.port"), null);
    }

    /** The same requests with HTTP Basic credentials. */
    public BackofficeHttp as(String user, String password) {
        return new BackofficeHttp(base, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** An answer: status, body, and the body as JSON (empty when it is not a JSON object). */
    public record Answer(int status, String body, Map<String, Object> json, HttpResponse<String> response) {
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, String json) {
        return post(path, "application/json", json);
    }

    public Answer post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> json;
            try {
                json = Json.MAPPER.readValue(response.body(), new TypeReference<>() { });
            } catch (Exception e) {
                json = Map.of();
            }
            return new Answer(response.statusCode(), response.body(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
