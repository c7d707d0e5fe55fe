package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import com.seqrbackoffice.testing.FlowTestSupport;

/**
 * With {@code camel.opentelemetry2.enabled=true}, one payment through the real routes to PAID: the spans an
 * in-memory exporter (bound in the registry in place of OTLP) receives, and the tree each of its traces makes.
 */
class TracingTest extends FlowTestSupport {

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey(TraceAttributes.ORDER_ID);
    private static final AttributeKey<String> OP = AttributeKey.stringKey("op");
    private static final AttributeKey<String> COMPONENT = AttributeKey.stringKey("component");
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> INVOICE_REFERENCE = AttributeKey.stringKey(TraceAttributes.INVOICE_REFERENCE);

    @BeforeAll
    static void start() {
        startApp(Map.of(Tracing.ENABLED, "true"), Map.of("testSpans", SPANS));
    }

    @Test
    void aPaymentToPaidIsTracedFromItsQueueThroughEverySeqrCallAndLedgerStatement() {
        String terminalId = registeredTerminal();
        String orderId = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminalId, orderId, "500.00"));
        String invoiceReference = awaitStatus(orderId, "ISSUED").field("invoiceReference");
        // the customer confirms after two polls found the payment ISSUED: the trace goes on from poll to poll
        await().atMost(EVENT_TIMEOUT).until(() -> emulator().counters().calls("getPaymentStatus") >= 2);
        emulator().confirm(invoiceReference);
        awaitStatus(orderId, "RESERVED");
        till.send(queue("fulfilment"), fulfilment(orderId, "420.00"));
        awaitStatus(orderId, "PAID");

        // the batch processor exports every 5 s
        await().atMost(Duration.ofSeconds(30)).until(() -> spansOf(orderId).stream().anyMatch(consumerOf(queue("fulfilment"))));
        List<SpanData> spans = spansOf(orderId);
        System.out.println("The payment's traces, as the exporter received them:\n" + tree(spans));

        // the payment request's trace goes on through the status polls it scheduled (traceparent, a JMS property)
        SpanData request = only(spans, consumerOf(queue("payment-requests")));
        List<SpanData> paymentTrace = trace(spans, request);
        assertThat(request.getParentSpanContext().isValid()).as("a till's message starts a trace").isFalse();
        // each poll a child of the send that scheduled it: the request's, then the previous poll's (the relay that
        // moves a due poll to the polls queue passes its traceparent on)
        assertThat(paymentTrace).filteredOn(consumerOf(queue("status-polls"))).hasSizeGreaterThan(1)
                .allSatisfy(poll -> assertThat(parentOf(poll, paymentTrace).getName())
                        .isEqualTo("queue:" + queue("scheduled-status-polls")));
        assertThat(names(paymentTrace, "sendInvoice", "getPaymentStatus")).containsExactly("sendInvoice", "getPaymentStatus");
        // a statement from a file is named by its resource (routes load sql/<table>/<what-it-does>.sql)
        assertThat(statements(paymentTrace)).anyMatch(sql -> sql.endsWith("sql/payments/insert-issued.sql"))
                .anyMatch(sql -> sql.contains("sql/ledger-entries/insert-"));
        // the order system's fulfilment is a message of its own: a trace of its own
        SpanData fulfilment = only(spans, consumerOf(queue("fulfilment")));
        List<SpanData> fulfilmentTrace = trace(spans, fulfilment);
        assertThat(fulfilment.getTraceId()).isNotEqualTo(request.getTraceId());
        assertThat(names(fulfilmentTrace, "updateInvoice", "commitReservation", "getPaymentStatus"))
                .containsExactly("updateInvoice", "commitReservation", "getPaymentStatus");
        assertThat(statements(fulfilmentTrace)).anyMatch(sql -> sql.contains("sql/ledger-entries/insert-"));
        assertThat(paymentTrace.size() + fulfilmentTrace.size()).isEqualTo(spans.size());

        // one span per SEQR call the emulator answered
        for (String operation : List.of("sendInvoice", "getPaymentStatus", "updateInvoice", "commitReservation")) {
            assertThat(spans).as("spans of %s", operation).filteredOn(span -> span.getName().equals(operation))
                    .hasSize((int) emulator().counters().calls(operation));
        }
        // the order on every message's, SEQR call's and ledger statement's span; the invoice once the route knows it
        assertThat(spans).filteredOn(TracingTest::isDecorated).isNotEmpty().allSatisfy(span ->
                assertThat(span.getAttributes().get(ORDER_ID)).as(span.getName()).isEqualTo(orderId));
        assertThat(spans).filteredOn(span -> "camel-cxf".equals(span.getAttributes().get(COMPONENT))
                        || "EVENT_RECEIVED".equals(span.getAttributes().get(OP)) && isDecorated(span))
                .filteredOn(span -> !span.getName().equals("sendInvoice")).hasSizeGreaterThan(4)
                .allSatisfy(span -> assertThat(span.getAttributes().get(INVOICE_REFERENCE)).as(span.getName())
                        .isEqualTo(invoiceReference));
    }

    /** Every span of the traces that have a span of the order. */
    private static List<SpanData> spansOf(String orderId) {
        Set<String> traces = SPANS.getFinishedSpanItems().stream()
                .filter(span -> orderId.equals(span.getAttributes().get(ORDER_ID)))
                .map(SpanData::getTraceId).collect(Collectors.toSet());
        return SPANS.getFinishedSpanItems().stream().filter(span -> traces.contains(span.getTraceId())).toList();
    }

    /** The span of a message taken from {@code queue} (camel-opentelemetry2 names it by its URI; its kind is INTERNAL). */
    private static Predicate<SpanData> consumerOf(String queue) {
        return span -> "EVENT_RECEIVED".equals(span.getAttributes().get(OP)) && span.getName().equals("queue:" + queue);
    }

    /** A span of a message, a SEQR call or a ledger statement: the components whose spans carry the payment's keys. */
    private static boolean isDecorated(SpanData span) {
        String component = span.getAttributes().get(COMPONENT);
        return List.of("camel-jms", "camel-sql", "camel-cxf").contains(component);
    }

    private static Predicate<SpanData> named(String name) {
        return span -> span.getName().equals(name);
    }

    private static SpanData parentOf(SpanData span, List<SpanData> trace) {
        return only(trace, candidate -> candidate.getSpanId().equals(span.getParentSpanId()));
    }

    private static SpanData only(List<SpanData> spans, Predicate<SpanData> which) {
        List<SpanData> found = spans.stream().filter(which).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<SpanData> trace(List<SpanData> spans, SpanData member) {
        return spans.stream().filter(span -> span.getTraceId().equals(member.getTraceId())).toList();
    }

    /** The names of the spans named one of {@code names}, in the order they started. */
    private static List<String> names(List<SpanData> spans, String... names) {
        return spans.stream().filter(span -> List.of(names).contains(span.getName()))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).map(SpanData::getName).distinct().toList();
    }

    /** The SQL of the ledger statements' spans (camel-sql names them by their endpoint, the statement). */
    private static List<String> statements(List<SpanData> spans) {
        return spans.stream().filter(span -> "camel-sql".equals(span.getAttributes().get(COMPONENT)))
                .map(span -> URLDecoder.decode(span.getAttributes().get(URL_PATH), StandardCharsets.UTF_8)).toList();
    }

    /** Each trace as an indented tree: name, kind, and the payment's attributes. */
    static String tree(List<SpanData> spans) {
        StringBuilder out = new StringBuilder();
        Map<String, List<SpanData>> byTrace = spans.stream().collect(Collectors.groupingBy(SpanData::getTraceId));
        byTrace.values().stream().sorted(Comparator.comparing(trace -> trace.stream().mapToLong(SpanData::getStartEpochNanos).min().orElse(0)))
                .forEach(trace -> {
                    out.append("trace ").append(trace.get(0).getTraceId()).append(" (").append(trace.size()).append(" spans)\n");
                    Set<String> ids = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
                    trace.stream().filter(span -> !ids.contains(span.getParentSpanId()))
                            .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                            .forEach(root -> append(out, root, trace, 1));
                });
        return out.toString();
    }

    private static void append(StringBuilder out, SpanData span, List<SpanData> trace, int depth) {
        out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind()).append("]");
        String order = span.getAttributes().get(ORDER_ID);
        String invoice = span.getAttributes().get(INVOICE_REFERENCE);
        out.append(order != null ? " order" : "").append(invoice != null ? " invoice" : "").append('\n');
        trace.stream().filter(child -> child.getParentSpanId().equals(span.getSpanId()))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .forEach(child -> append(out, child, trace, depth + 1));
    }
}
