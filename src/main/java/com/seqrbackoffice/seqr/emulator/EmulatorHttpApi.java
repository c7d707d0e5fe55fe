package com.seqrbackoffice.seqr.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer app and the admin API under {@code /emulator} (CONTRACTS.md, "SEQR emulator HTTP"): plain
 * servlet dispatch with JSON in and out. The admin API answers 404 unless {@code seqr.emulator.admin-enabled}
 * turns it on: it has no authentication and changes what SEQR answers.
 */
final class EmulatorHttpApi extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern CUSTOMER_ACTION = Pattern.compile("/app/invoices/([^/]+)/(confirm|decline)");
    private static final Pattern ADMIN_INVOICE = Pattern.compile("/admin/invoices/([^/]+)");
    private static final String JSON = "application/json";

    private final transient SeqrEmulator emulator;
    private final transient ObjectMapper json = new ObjectMapper();
    private final transient byte[] appPage;
    private final boolean adminApi;

    EmulatorHttpApi(SeqrEmulator emulator, boolean adminApi) {
        this.emulator = emulator;
        this.adminApi = adminApi;
        try (InputStream page = EmulatorHttpApi.class.getResourceAsStream("customer-app.html")) {
            if (page == null) {
                throw new IllegalStateException("customer-app.html is missing from the classpath");
            }
            this.appPage = page.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read customer-app.html", e);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String method = request.getMethod();
        try {
            route(method, path, request, response);
        } catch (CustomerActionException e) {
            error(response, e.unknownInvoice() ? 404 : 409, e.getMessage());
        } catch (IllegalArgumentException | JsonProcessingException e) {
            error(response, 400, e.getMessage());
        } catch (Refusal e) {
            error(response, 400, e.code().name() + ": " + e.getMessage());
        }
    }

    private void route(String method, String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Matcher action = CUSTOMER_ACTION.matcher(path);
        Matcher adminInvoice = ADMIN_INVOICE.matcher(path);
        if (path.startsWith("/admin/") && !adminApi) {
            error(response, 404, "the emulator's admin API is off (seqr.emulator.admin-enabled=false)");
        } else if (path.equals("/app") && method.equals("GET")) {
            response.setContentType("text/html;charset=utf-8");
            response.getOutputStream().write(appPage);
        } else if (path.equals("/app/invoices") && method.equals("GET")) {
            send(response, 200, emulator.invoicesWaitingForCustomer());
        } else if (action.matches() && method.equals("POST")) {
            String reference = action.group(1);
            send(response, 200, action.group(2).equals("confirm") ? emulator.confirm(reference)
                    : emulator.decline(reference));
        } else if (path.equals("/admin/counters") && method.equals("GET")) {
            send(response, 200, emulator.counters());
        } else if (path.equals("/admin/faults")) {
            faults(method, request, response);
        } else if (path.equals("/admin/auto-confirm") && (method.equals("PUT") || method.equals("GET"))) {
            if (method.equals("PUT")) {
                JsonNode body = body(request);
                emulator.setAutoConfirm(body.path("enabled").asBoolean(false),
                        Duration.ofMillis(body.path("delayMillis").asLong(0)));
            }
            send(response, 200, Map.of("enabled", emulator.autoConfirmEnabled(),
                    "delayMillis", emulator.autoConfirmDelay().toMillis()));
        } else if (path.equals("/admin/payments") && method.equals("POST")) {
            JsonNode body = body(request);
            JsonNode amount = body.path("amount");
            if (!body.hasNonNull("terminalId") || !amount.hasNonNull("value") || !amount.hasNonNull("currency")) {
                throw new IllegalArgumentException("terminalId and amount {value, currency} are required");
            }
            send(response, 201, emulator.seedPaidPayment(body.get("terminalId").asText(),
                    new BigDecimal(amount.get("value").asText()), amount.get("currency").asText(),
                    body.hasNonNull("clientInvoiceId") ? body.get("clientInvoiceId").asText() : null));
        } else if (adminInvoice.matches() && method.equals("GET")) {
            var invoice = emulator.invoice(adminInvoice.group(1));
            if (invoice.isPresent()) {
                send(response, 200, invoice.get());
            } else {
                error(response, 404, "no invoice " + adminInvoice.group(1));
            }
        } else {
            error(response, 404, method + " /emulator" + path + " is not part of the emulator's API");
        }
    }

    private void faults(String method, HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (method) {
            case "GET" -> send(response, 200, emulator.faults());
            case "PUT" -> {
                JsonNode body = body(request);
                List<FaultSpec> specs = new ArrayList<>();
                for (JsonNode node : body.isArray() ? body : List.of(body)) {
                    specs.add(json.treeToValue(node, FaultSpec.class));
                }
                specs.forEach(emulator::setFault);
                send(response, 200, emulator.faults());
            }
            case "DELETE" -> {
                String operation = request.getParameter("operation");
                if (operation == null) {
                    emulator.clearFaults();
                } else {
                    emulator.clearFault(operation);
                }
                send(response, 200, emulator.faults());
            }
            default -> error(response, 405, method + " is not allowed on /emulator/admin/faults");
        }
    }

    private JsonNode body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            JsonNode node = json.readTree(in);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("a JSON body is required");
            }
            return node;
        }
    }

    private void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), body);
    }

    private void error(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, Map.of("error", message == null ? "error" : message));
    }
}
