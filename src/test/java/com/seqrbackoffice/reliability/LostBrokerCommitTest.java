package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FlowTestSupport;

/**
 * The ledger commits a message's effect before the broker commits the message's acknowledgement and the events it
 * sends; a broker failover (or a crash) between the two rolls the broker's part back and redelivers the message to a
 * route that finds its change recorded. The lost broker commit is made here by failing the route once, for one
 * order, right after its ledger transaction: the redelivered message must re-send the lost event, once, with nothing
 * recorded twice.
 */
class LostBrokerCommitTest extends FlowTestSupport {

    // the order whose next broker commit is lost; null: none
    private static final AtomicReference<String> LOSE_COMMIT_OF = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        startApp(Map.of());
        for (String route : new String[] {"record-polled-change", "cancel-payment"}) {
            AdviceWith.adviceWith(app.context(), route, advice -> advice.weaveByToUri("direct:record-status-change").after()
                    .process(exchange -> {
                        String lost = LOSE_COMMIT_OF.get();
                        if (lost != null && lost.equals(exchange.getVariable("orderId")) && LOSE_COMMIT_OF.compareAndSet(lost, null)) {
                            throw new IllegalStateException("the broker's commit is lost after the ledger's");
                        }
                    }));
        }
    }

    @Test
    void aStatusPollWhoseBrokerCommitIsLostAnnouncesTheReservationOnItsRedelivery() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        LOSE_COMMIT_OF.set(orderId);

        reservedPayment(terminal, orderId, "300.00");

        assertThat(LOSE_COMMIT_OF.get()).as("the first commit was lost").isNull();
        assertOneEventAndOneRecord(orderId, "RESERVED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 300");
    }

    @Test
    void aCancellationWhoseBrokerCommitIsLostAnnouncesTheCancelOnItsRedelivery() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "120.00");
        LOSE_COMMIT_OF.set(orderId);

        till.send(queue("payment-cancellations"), """
                {"messageId": "%s", "orderId": "%s", "reason": "customer left"}""".formatted(unique("x"), orderId));

        awaitStatus(orderId, "CANCELED");
        assertThat(LOSE_COMMIT_OF.get()).as("the first commit was lost").isNull();
        assertOneEventAndOneRecord(orderId, "CANCELED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 120", "RELEASE 120");
        assertThat(emulator().counters().cancels(invoiceReference)).as("cancelInvoice calls").isEqualTo(1);
    }

    private static void assertOneEventAndOneRecord(String orderId, String status) {
        // the event was awaited once; the first delivery's copy was rolled back with its commit
        assertThat(till.drain(queue("payment-events"), "orderId = '" + orderId + "'", Duration.ofSeconds(2)))
                .as("no second %s event", status).isEmpty();
        assertThat(rows("select count(*) as n from payment_status_history where order_id = ? and status = ?", orderId, status)
                .get(0).get("n")).isEqualTo(1L);
    }
}
