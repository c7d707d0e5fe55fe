package com.seqrbackoffice.seqr.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A canned SOAP server for what the emulator cannot show: the HTTP a request went out with, slow or broken answers,
 * connection reuse. Every operation answers an empty {@code return} with the result code chosen by the test.
 */
final class StubSeqrServer implements AutoCloseable {

    record Request(String operation, Map<String, List<String>> headers, String body, int clientPort) {
    }

    private static final Pattern OPERATION = Pattern.compile("<(?:\\w+:)?Body[^>]*>\\s*<(?:\\w+:)?(\\w+)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile IntUnaryOperator resultCodeOfCall = call -> 0;
    private volatile long delayMillis;
    private volatile boolean soapFault;

    StubSeqrServer() throws IOException {
        // Without it the JDK server's response body waits out the client's delayed ACK: 40 ms per call
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        server.createContext("/soap/merchant/cashregister-2", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/soap/merchant/cashregister-2";
    }

    /** Result code of the n-th call (1-based). */
    void answerResultCodes(IntUnaryOperator codeOfCall) {
        resultCodeOfCall = codeOfCall;
    }

    void delayAnswers(long millis) {
        delayMillis = millis;
    }

    void answerSoapFaults() {
        soapFault = true;
    }

    /** The most requests that were being answered at the same time. */
    int mostInFlight() {
        return mostInFlight.get();
    }

    List<Request> requests() {
        return requests;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher matcher = OPERATION.matcher(body);
        String operation = matcher.find() ? matcher.group(1) : "?";
        requests.add(new Request(operation, Map.copyOf(exchange.getRequestHeaders()), body,
                exchange.getRemoteAddress().getPort()));
        int code = resultCodeOfCall.applyAsInt(calls.incrementAndGet());
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
        String payload = soapFault
                ? "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>stub fault</faultstring></soap:Fault>"
                : "<ns2:" + operation + "Response xmlns:ns2=\"http://external.interfaces.ers.seamless.com/\"><return>"
                        + "<resultCode>" + code + "</resultCode><resultDescription>" + SeqrResultCode.nameOf(code)
                        + "</resultDescription></return></ns2:" + operation + "Response>";
        byte[] response = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + payload + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
        exchange.sendResponseHeaders(soapFault ? 500 : 200, response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
