package com.seqrbackoffice.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.seqrbackoffice.testing.BackofficeHttp;
import com.seqrbackoffice.testing.BackofficeHttp.Answer;
import com.seqrbackoffice.testing.FlowTestSupport;
import com.seqrbackoffice.testing.TillClient;

/**
 * The back office on the management port, through the real routes and ledger: a payment's whole story, the search,
 * the page's summary, and discrepancies worked to EXPLAINED and SETTLED. Subclasses run it on H2 and PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BackofficeHttpContract extends FlowTestSupport {

    /** Reports ready 1.5 s after the mark, asked for every 300 ms, as in the reconciliation tests. */
    static Map<String, String> backofficeSettings() {
        return Map.of("seqr.emulator.report-delay-ms", "1500", "reporting.first-fetch-delay-ms", "300",
                "reporting.retry-delay-ms", "300", "reporting.max-fetch-attempts", "20");
    }

    static BackofficeHttp http() {
        return BackofficeHttp.of(app);
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void lookupShowsThePaymentItsHistoryEntriesEventsSentAndRefunds() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        List<TillClient.Received> received = new ArrayList<>();
        till.send(queue("payment-requests"), paymentRequest(terminal, orderId, "500.00"));
        received.add(awaitStatus(orderId, "ISSUED"));
        // polls that find it still ISSUED keep no event: the poll path writes nothing more than before
        long eventsKept = eventsKept(orderId);
        long polls = emulator().counters().calls("getPaymentStatus");
        await().atMost(EVENT_TIMEOUT).until(() -> emulator().counters().calls("getPaymentStatus") >= polls + 3);
        assertThat(eventsKept(orderId)).as("events kept while the payment was polled, still ISSUED").isEqualTo(eventsKept);
        emulator().confirm(received.get(0).field("invoiceReference"));
        received.add(awaitStatus(orderId, "RESERVED"));
        assertThat(eventsKept(orderId)).as("events kept once it is RESERVED").isEqualTo(eventsKept + 1);
        till.send(queue("fulfilment"), fulfilment(orderId, "420.00"));
        received.add(awaitStatus(orderId, "PAID"));
        String refundId = unique("refund");
        till.send(queue("refunds"), """
                {"messageId": "%s", "refundId": "%s", "orderId": "%s", "amount": {"value": "20.00", "currency": "SEK"},
                 "reason": "damaged item"}""".formatted(unique("r"), refundId, orderId));
        received.add(awaitStatus(orderId, "REFUNDED"));

        Answer answer = http().get("/payments/" + orderId);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.response().headers().firstValue("Content-Type")).contains("application/json");
        Map<String, Object> payment = (Map<String, Object>) answer.json().get("payment");
        assertThat(payment).containsEntry("orderId", orderId).containsEntry("terminalId", terminal)
                .containsEntry("status", "PAID").containsEntry("reservedAmount", "500.00")
                .containsEntry("finalAmount", "420.00").containsEntry("currency", "SEK");
        assertThat(list(answer, "history")).extracting(row -> row.get("status"))
                .containsExactly("ISSUED", "RESERVED", "PAID");
        assertThat(list(answer, "ledgerEntries")).extracting(row -> row.get("entryType") + " " + row.get("amount"))
                .containsExactly("RESERVATION 500.00", "CAPTURE 420.00", "RELEASE 80.00", "REFUND 20.00");
        assertThat(list(answer, "refunds")).singleElement().satisfies(refund -> assertThat(refund)
                .containsEntry("refundId", refundId).containsEntry("status", "REFUNDED")
                .containsEntry("amount", "20.00").containsEntry("reason", "damaged item"));

        // the events kept are the events the till received, in the order it received them, as it received them
        List<Map<String, Object>> events = list(answer, "events");
        assertThat(events).extracting(event -> event.get("eventId"))
                .containsExactlyElementsOf(received.stream().map(event -> event.field("eventId")).toList());
        assertThat(events).containsExactlyElementsOf(received.stream().map(TillClient.Received::json).toList());

        // the RESERVED event tells the till its deadline: the hold's commit deadline in the ledger
        String captureBefore = received.get(1).field("captureBefore");
        assertThat(captureBefore).as("captureBefore of the RESERVED event").isNotNull();
        assertThat(Instant.parse(captureBefore)).isEqualTo(Instant.parse((String) payment.get("commitDeadline")));
        Object commitDeadline = rows("select commit_deadline from payments where order_id = ?", orderId).get(0)
                .get("commit_deadline");
        assertThat(Instant.parse(captureBefore)).isEqualTo(commitDeadline instanceof Timestamp time ? time.toInstant()
                : ((OffsetDateTime) commitDeadline).toInstant());
        Instant reservedAt = Instant.parse(received.get(1).field("at"));
        assertThat(Instant.parse(captureBefore)).isBetween(reservedAt.plusSeconds(3600 - 5), reservedAt.plusSeconds(3600 + 5));
        assertThat(received).filteredOn(event -> !"RESERVED".equals(event.field("status")))
                .allSatisfy(event -> assertThat(event.json()).doesNotContainKey("captureBefore"));

        Map<String, Object> reconciliation = (Map<String, Object>) answer.json().get("reconciliation");
        assertThat(reconciliation).containsEntry("status", "NOT_YET_RECONCILED");
        System.out.printf("back office: order %s looked up with %d history rows, %d ledger entries, %d events, %d refund%n",
                orderId, list(answer, "history").size(), list(answer, "ledgerEntries").size(), events.size(),
                list(answer, "refunds").size());
    }

    @Test
    @Order(2)
    void anUnknownOrderIsAnswered404WithAJsonBody() {
        Answer answer = http().get("/payments/no-such-order");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json()).containsEntry("error", "UNKNOWN_ORDER")
                .containsEntry("message", "no payment for order no-such-order");
    }

    @Test
    @Order(3)
    void searchFindsPaymentsByTerminalStatusAndTime() {
        String terminal = registeredTerminal();
        String other = registeredTerminal();
        Instant before = Instant.now().minusSeconds(1);
        String reserved = unique("order");
        reservedPayment(terminal, reserved, "10.00");
        String issued = unique("order");
        till.send(queue("payment-requests"), paymentRequest(terminal, issued, "11.00"));
        awaitStatus(issued, "ISSUED");
        String elsewhere = unique("order");
        till.send(queue("payment-requests"), paymentRequest(other, elsewhere, "12.00"));
        awaitStatus(elsewhere, "ISSUED");
        Instant after = Instant.now().plusSeconds(1);

        assertThat(orders("/payments?terminalId=" + terminal)).containsExactly(issued, reserved);
        assertThat(orders("/payments?terminalId=" + terminal + "&status=RESERVED")).containsExactly(reserved);
        assertThat(orders("/payments?status=ISSUED&from=" + before + "&to=" + after)).contains(issued, elsewhere)
                .doesNotContain(reserved);
        assertThat(orders("/payments?terminalId=" + terminal + "&from=" + after)).isEmpty();
        assertThat(orders("/payments?terminalId=" + terminal + "&to=" + before)).isEmpty();
        assertThat(orders("/payments?terminalId=" + terminal + "&limit=1")).containsExactly(issued);

        for (String bad : List.of("status=WAITING", "from=yesterday", "limit=0", "limit=100000",
                "terminalId=" + "x".repeat(65), "from=" + after + "&to=" + before)) {
            Answer refused = http().get("/payments?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json()).as(bad).containsEntry("error", "INVALID_SEARCH").containsKey("message");
        }
    }

    @Test
    @Order(4)
    void paymentsCannotBeChangedThroughTheBackOffice() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        reservedPayment(terminal, orderId, "15.00");
        List<Map<String, Object>> before = rows("select * from payments where order_id = ?", orderId);

        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            assertThat(http().send(method, "/payments/" + orderId).status()).as(method).isEqualTo(405);
            assertThat(http().send(method, "/payments").status()).as(method).isEqualTo(405);
        }

        assertThat(rows("select * from payments where order_id = ?", orderId)).isEqualTo(before);
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 15");
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void discrepanciesAreExplainedOrSettledWithACorrectingEntryAndAHistory() {
        String terminal = registeredTerminal();
        String seqrTerminal = seqrTerminalId(terminal);
        String paid = unique("order");
        paidPayment(terminal, paid, "100.00", "100.00");
        // SEQR took money for an order the ledger holds only reserved, and for one the ledger never heard of
        String held = unique("order");
        reservedPayment(terminal, held, "50.00");
        emulator().seedPaidPayment(seqrTerminal, new BigDecimal("30.00"), "SEK", held);
        String ghost = unique("ghost");
        emulator().seedPaidPayment(seqrTerminal, new BigDecimal("12.34"), "SEK", ghost);

        markPeriods("2026-02-01T00:05:00Z");
        awaitSummary("scope = 'TERMINAL' AND terminalId = '" + terminal + "'");
        awaitSummary("scope = 'SHOP'");

        assertThat(reconciliationOf(paid)).containsEntry("status", "RECONCILED");
        List<Map<String, Object>> heldDiscrepancies = (List<Map<String, Object>>) reconciliationOf(held).get("discrepancies");
        assertThat(heldDiscrepancies).extracting(d -> d.get("scope") + " " + d.get("kind") + " " + d.get("itemType")
                        + " " + d.get("status") + " " + d.get("seqrAmount"))
                .containsExactlyInAnyOrder("SHOP MISSING_IN_LEDGER PAYMENT OPEN 30.00",
                        "TERMINAL MISSING_IN_LEDGER PAYMENT OPEN 30.00");
        long heldAtTill = idOf(heldDiscrepancies, "TERMINAL");
        long heldShopWide = idOf(heldDiscrepancies, "SHOP");
        long ghostAtTill = idOf((List<Map<String, Object>>) reconciliationOf(ghost).get("discrepancies"), "TERMINAL");

        // explained: no money moves, the shop-wide twin moves with it
        Answer explained = change(ghostAtTill, "EXPLAINED", "anna", "a test payment made at SEQR by hand");
        assertThat(explained.status()).isEqualTo(200);
        assertThat(explained.json()).containsEntry("status", "EXPLAINED");
        assertThat((List<Map<String, Object>>) explained.json().get("history")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "EXPLAINED").containsEntry("changedBy", "anna")
                        .containsEntry("reason", "a test payment made at SEQR by hand").doesNotContainKey("correctionEntryId"));
        assertThat(rows("select status from reconciliation_discrepancies where order_id = ?", ghost))
                .extracting(row -> row.get("status")).containsExactly("EXPLAINED", "EXPLAINED");
        // no payment to book a correction on: settling is refused, nothing changes
        Answer noPayment = change(ghostAtTill, "SETTLED", "anna", "booked");
        assertThat(noPayment.status()).isEqualTo(409);
        assertThat(noPayment.json()).containsEntry("error", "NO_PAYMENT_IN_LEDGER");
        assertThat(rows("select status from reconciliation_discrepancies where order_id = ?", ghost))
                .extracting(row -> row.get("status")).containsExactly("EXPLAINED", "EXPLAINED");

        // settled: one correcting entry of SEQR's 30.00 for the item, naming the discrepancy; no entry is edited
        List<Map<String, Object>> entriesBefore = rows("select * from ledger_entries where order_id = ? order by id", held);
        Answer settled = change(heldAtTill, "SETTLED", "bob", "SEQR captured it: commit answer lost");
        assertThat(settled.status()).isEqualTo(200);
        assertThat(settled.json()).containsEntry("status", "SETTLED");
        List<Map<String, Object>> entries = rows("select * from ledger_entries where order_id = ? order by id", held);
        assertThat(entries.subList(0, entriesBefore.size())).isEqualTo(entriesBefore);
        assertThat(entries.subList(entriesBefore.size(), entries.size())).singleElement().satisfies(entry -> {
            assertThat(entry.get("entry_type")).isEqualTo("CORRECTION_IN");
            assertThat((BigDecimal) entry.get("amount")).isEqualByComparingTo("30.00");
            assertThat(((Number) entry.get("discrepancy_id")).longValue()).isEqualTo(heldAtTill);
            assertThat(entry.get("terminal_id")).isEqualTo(terminal);
        });
        long correction = ((Number) entries.get(entries.size() - 1).get("id")).longValue();
        assertThat(rows("select discrepancy_id, status, changed_by, reason, correction_entry_id from discrepancy_history"
                + " where discrepancy_id in (?, ?) order by discrepancy_id", heldShopWide, heldAtTill))
                .extracting(row -> row.get("discrepancy_id") + " " + row.get("status") + " " + row.get("changed_by")
                        + " " + row.get("correction_entry_id"))
                .containsExactlyInAnyOrder(heldShopWide + " SETTLED bob " + correction,
                        heldAtTill + " SETTLED bob " + correction);
        Answer shown = http().get("/discrepancies/" + heldShopWide);
        assertThat(shown.json()).containsEntry("status", "SETTLED");
        assertThat((List<Map<String, Object>>) shown.json().get("history")).singleElement().satisfies(row ->
                assertThat(row).containsEntry("correctionType", "CORRECTION_IN").containsEntry("correctionAmount", "30.00")
                        .containsEntry("reason", "SEQR captured it: commit answer lost"));
        assertThat(ledgerEntries(held)).containsExactly("RESERVATION 50", "CORRECTION_IN 30");

        // settled is final; the twin cannot book the item a second time
        assertThat(change(heldAtTill, "SETTLED", "bob", "again").json()).containsEntry("error", "STATUS_UNCHANGED");
        assertThat(change(heldShopWide, "SETTLED", "bob", "again").json()).containsEntry("error", "STATUS_UNCHANGED");
        Answer reopened = change(heldAtTill, "OPEN", "carl", "was it?");
        assertThat(reopened.status()).isEqualTo(409);
        assertThat(reopened.json()).containsEntry("error", "STATUS_CHANGE_REFUSED");
        assertThat(ledgerEntries(held)).containsExactly("RESERVATION 50", "CORRECTION_IN 30");

        // malformed or unknown
        assertThat(http().post("/discrepancies/" + heldAtTill + "/status", "{\"status\": \"EXPLAINED\", \"by\": \"anna\"}")
                .status()).isEqualTo(400);
        assertThat(http().post("/discrepancies/" + heldAtTill + "/status", "{\"status\": \"FIXED\", \"by\": \"a\", \"reason\": \"b\"}")
                .json()).containsEntry("error", "INVALID_REQUEST");
        assertThat(change(99_999_999, "EXPLAINED", "anna", "x").status()).isEqualTo(404);
        // a form another site's page could post from the user's browser is not taken
        Answer notJson = http().post("/discrepancies/" + ghostAtTill + "/status", "text/plain",
                "{\"status\": \"OPEN\", \"by\": \"mallory\", \"reason\": \"x\"}");
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(rows("select status from reconciliation_discrepancies where id = ?", ghostAtTill))
                .extracting(row -> row.get("status")).containsExactly("EXPLAINED");
        assertThat(http().get("/discrepancies/99999999").json()).containsEntry("error", "UNKNOWN_DISCREPANCY");
        System.out.printf("back office: discrepancy %d EXPLAINED with its twin, %d SETTLED with its twin by one"
                + " CORRECTION_IN entry (%d), settling without a payment refused%n", ghostAtTill, heldAtTill, correction);
    }

    @Test
    @Order(6)
    @SuppressWarnings("unchecked")
    void summaryShowsTodaysPaymentsHoldsSoonestFirstReconciliationsDiscrepanciesAndDeadLetters() {
        String terminal = registeredTerminal();
        String later = unique("order");
        reservedPayment(terminal, later, "20.00");
        String sooner = unique("order");
        reservedPayment(terminal, sooner, "21.00", 600);
        till.send(queue("payment-requests"), "{\"messageId\": \"" + unique("bad") + "\", \"orderId\": 42}");

        // the summary browses the dead-letter queue: it shows the letter once the error policy has put it there
        Map<String, Object> summary = await().atMost(EVENT_TIMEOUT).until(() -> http().get("/backoffice/summary").json(),
                json -> !((List<?>) json.get("deadLetters")).isEmpty());

        long reservedToday = ((Number) ((Map<String, Object>) summary.get("paymentsToday")).get("RESERVED")).longValue();
        assertThat(reservedToday).isEqualTo(((Number) rows("select count(*) as n from payments where status = 'RESERVED'")
                .get(0).get("n")).longValue());
        List<Map<String, Object>> holds = (List<Map<String, Object>>) summary.get("holds");
        List<Object> holdOrders = holds.stream().map(hold -> hold.get("orderId")).toList();
        assertThat(holdOrders).contains(sooner, later);
        assertThat(holdOrders.indexOf(sooner)).as("the hold due in 600 s comes before the one due in 3600 s")
                .isLessThan(holdOrders.indexOf(later));
        assertThat(holds).extracting(hold -> (String) hold.get("commitDeadline")).isSorted();
        Map<String, Object> soonerHold = holds.get(holdOrders.indexOf(sooner));
        assertThat(((Number) soonerHold.get("secondsLeft")).longValue()).isBetween(560L, 600L);
        assertThat(((Number) summary.get("holdCount")).longValue()).isEqualTo(reservedToday);
        assertThat((List<Map<String, Object>>) summary.get("reconciliations"))
                .anySatisfy(row -> assertThat(row).containsEntry("scope", "SHOP").containsKey("outcome"));
        assertThat((List<Map<String, Object>>) summary.get("discrepancies"))
                .anySatisfy(row -> assertThat(row).containsEntry("status", "EXPLAINED").containsEntry("lastChangedBy", "anna")
                        .containsEntry("lastReason", "a test payment made at SEQR by hand"));
        assertThat((List<Map<String, Object>>) summary.get("deadLetters")).anySatisfy(letter -> assertThat(letter)
                .containsEntry("queue", queue("payment-requests")).containsEntry("route", "start-payment")
                .containsEntry("code", "INVALID_MESSAGE").containsKey("reason").containsKey("timestamp"));
    }

    /** The order's events the ledger kept (payment_events). */
    private static long eventsKept(String orderId) {
        return ((Number) rows("select count(*) as kept from payment_events where order_id = ?", orderId).get(0)
                .get("kept")).longValue();
    }

    private static Answer change(long discrepancyId, String status, String by, String reason) {
        return http().post("/discrepancies/" + discrepancyId + "/status",
                "{\"status\": \"%s\", \"by\": \"%s\", \"reason\": \"%s\"}".formatted(status, by, reason));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reconciliationOf(String orderId) {
        Answer answer = http().get("/payments/" + orderId);
        if (answer.status() == 404) {
            // an order the ledger never heard of: its discrepancies are found by the order id alone
            return Map.of("discrepancies", rows("select d.id, tp.scope from reconciliation_discrepancies d"
                    + " join transaction_periods tp on tp.transaction_period_id = d.transaction_period_id"
                    + " where d.order_id = ?", orderId));
        }
        return (Map<String, Object>) answer.json().get("reconciliation");
    }

    private static long idOf(List<Map<String, Object>> discrepancies, String scope) {
        return discrepancies.stream().filter(d -> scope.equals(d.get("scope"))).map(d -> ((Number) d.get("id")).longValue())
                .findFirst().orElseThrow(() -> new AssertionError("no " + scope + " discrepancy in " + discrepancies));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Answer answer, String field) {
        return (List<Map<String, Object>>) answer.json().get(field);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> orders(String path) {
        Answer answer = http().get(path);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) answer.json().get("payments")).stream().map(row -> row.get("orderId")).toList();
    }

    private static void markPeriods(String scheduledFireTime) {
        app.producer().sendBody("direct:mark-transaction-periods", Date.from(Instant.parse(scheduledFireTime)));
    }

    private static void awaitSummary(String selector) {
        assertThat(till.receive(queue("reconciliation"), selector, EVENT_TIMEOUT)).as("reconciliation " + selector).isNotNull();
    }
}
