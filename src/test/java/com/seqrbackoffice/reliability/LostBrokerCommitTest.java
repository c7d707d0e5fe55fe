package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FailOnce;
import com.seqrbackoffice.testing.FlowTestSupport;

/**
 * The ledger commits a message's effect before the broker commits the message's acknowledgement and the events it
 * sends; a broker failover (or a crash) between the two rolls the broker's part back and redelivers the message to a
 * route that finds its change recorded. The lost broker commit is made here by failing the route once, for one
 * order, right after its ledger transaction: the redelivered message must re-send the lost event, once, with nothing
 * recorded twice.
 *
 * <p>After a failover the broker may also hand a message that is still being processed to a second consumer; that
 * delivery finds the change recorded (or waits for its row lock and then finds it), and its acknowledgement leaves
 * nothing to redeliver when the first delivery's broker commit fails. A delivery that finds its change made by another
 * delivery of the same message must therefore send the event again itself.
 */
class LostBrokerCommitTest extends FlowTestSupport {

    // the order whose next broker commit is lost
    private static final FailOnce LOSE_COMMIT_OF = new FailOnce();
    // the order whose fulfilment's next redelivery finds it paid by another delivery
    private static final FailOnce PAY_IN_PARALLEL = new FailOnce();

    @BeforeAll
    static void start() throws Exception {
        startApp(Map.of());
        for (String route : new String[] {"record-polled-change", "cancel-payment"}) {
            AdviceWith.adviceWith(app.context(), route, advice -> advice.weaveByToUri("direct:record-status-change").after()
                    .process(exchange -> {
                        if (LOSE_COMMIT_OF.takeFor(exchange.getVariable("orderId"))) {
                            throw new IllegalStateException("the broker's commit is lost after the ledger's");
                        }
                    }));
        }
        // the redelivery then sees what a parallel delivery sees that read the ledger just before the other one's
        // commit: the order PAID for this message, its message id not yet recorded as processed
        AdviceWith.adviceWith(app.context(), "commit-fulfilment", advice -> advice.weaveByToUri("direct:commit-under-lock")
                .after().process(exchange -> {
                    if (PAY_IN_PARALLEL.takeFor(exchange.getVariable("orderId"))) {
                        forgetProcessed(exchange.getVariable("messageKey", String.class));
                        throw new IllegalStateException("the broker's commit is lost after the ledger's");
                    }
                }));
    }

    @Test
    void aStatusPollWhoseBrokerCommitIsLostAnnouncesTheReservationOnItsRedelivery() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        LOSE_COMMIT_OF.armFor(orderId);

        reservedPayment(terminal, orderId, "300.00");

        assertThat(LOSE_COMMIT_OF.taken()).as("the first commit was lost").isTrue();
        assertOneEventAndOneRecord(orderId, "RESERVED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 300");
    }

    @Test
    void aCancellationWhoseBrokerCommitIsLostAnnouncesTheCancelOnItsRedelivery() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "120.00");
        LOSE_COMMIT_OF.armFor(orderId);

        till.send(queue("payment-cancellations"), """
                {"messageId": "%s", "orderId": "%s", "reason": "customer left"}""".formatted(unique("x"), orderId));

        awaitStatus(orderId, "CANCELED");
        assertThat(LOSE_COMMIT_OF.taken()).as("the first commit was lost").isTrue();
        assertOneEventAndOneRecord(orderId, "CANCELED");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 120", "RELEASE 120");
        assertThat(emulator().counters().cancels(invoiceReference)).as("cancelInvoice calls").isEqualTo(1);
    }

    @Test
    void aFulfilmentDeliveryThatFindsTheOrderPaidByAnotherDeliveryOfItSendsThePaidEvent() {
        String terminal = registeredTerminal();
        String orderId = unique("order");
        String invoiceReference = reservedPayment(terminal, orderId, "300.00");
        PAY_IN_PARALLEL.armFor(orderId);

        till.send(queue("fulfilment"), fulfilment(orderId, "240.00"));

        assertThat(awaitStatus(orderId, "PAID").money("finalAmount")).isEqualTo("240.00 SEK");
        assertThat(PAY_IN_PARALLEL.taken()).as("the first delivery paid it and lost its broker commit").isTrue();
        assertOneEventAndOneRecord(orderId, "PAID");
        assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 300", "CAPTURE 240", "RELEASE 60");
        assertThat(emulator().counters().commits(invoiceReference)).as("commitReservation calls").isEqualTo(1);
    }

    private static void forgetProcessed(String messageKey) {
        try (Connection connection = app.bean("dataSource", DataSource.class).getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from camel_messageprocessed where messageId = ?")) {
            delete.setString(1, messageKey);
            assertThat(delete.executeUpdate()).as("processed-message rows of " + messageKey).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertOneEventAndOneRecord(String orderId, String status) {
        // the event was awaited once; the first delivery's copy was rolled back with its commit
        assertThat(till.drain(queue("payment-events"), "orderId = '" + orderId + "'", Duration.ofSeconds(2)))
                .as("no second %s event", status).isEmpty();
        assertThat(rows("select count(*) as n from payment_status_history where order_id = ? and status = ?", orderId, status)
                .get(0).get("n")).isEqualTo(1L);
    }
}
