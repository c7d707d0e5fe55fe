package com.seqrbackoffice.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.payments.StatusPollCheck.IssuedPayment;

class StatusPollCheckTest {

    private static final Integer VERSION = 3;
    private static final Instant DEADLINE = Instant.parse("2026-03-01T10:02:00.123456Z");
    private static final Map<String, IssuedPayment> LEDGER = Map.of(
            "order-1", new IssuedPayment("till-1", "1001", DEADLINE),
            "order-2", new IssuedPayment("till-2", "1002", DEADLINE),
            "order-3", new IssuedPayment("till-3", "1003", DEADLINE));

    private final List<String> reads = new ArrayList<>();
    private final StatusPollCheck check = new StatusPollCheck(orderId -> {
        reads.add(orderId);
        return Optional.ofNullable(LEDGER.get(orderId));
    }, 2);

    @Test
    void aPollWithItsPaymentsOwnFieldsPasses() {
        assertThatCode(() -> check.verify("order-1", "till-1", "1001", VERSION, DEADLINE.toEpochMilli())).doesNotThrowAnyException();
    }

    @Test
    void aDeadlineOneMillisecondOffPassesSinceTheLedgerRoundsToTheMicrosecond() {
        assertThatCode(() -> check.verify("order-1", "till-1", "1001", VERSION, DEADLINE.toEpochMilli() + 1)).doesNotThrowAnyException();
    }

    @Test
    void aPollForAnOrderWithoutPaymentIsRefused() {
        assertRefused("order-9", "till-1", "1001", DEADLINE.toEpochMilli(), "order-9, which has no payment");
    }

    @Test
    void aPollWithAnotherTerminalIsRefused() {
        assertRefused("order-1", "till-2", "1001", DEADLINE.toEpochMilli(), "terminal till-2, the payment's is till-1");
    }

    @Test
    void aPollWithAnotherPaymentsInvoiceIsRefused() {
        assertRefused("order-1", "till-1", "1002", DEADLINE.toEpochMilli(), "invoice 1002, the payment's is 1001");
    }

    @Test
    void aPollWithAnEarlierDeadlineIsRefused() {
        assertRefused("order-1", "till-1", "1001", DEADLINE.toEpochMilli() - 2, "confirm deadline");
    }

    @Test
    void aPaymentIsReadOnceForAllItsPollsAndAForgedPollOfItNeedsNoRead() {
        for (int poll = 0; poll < 100; poll++) {
            check.verify("order-1", "till-1", "1001", VERSION, DEADLINE.toEpochMilli());
        }
        assertRefused("order-1", "till-9", "1001", DEADLINE.toEpochMilli(), "terminal till-9");

        assertThat(reads).containsExactly("order-1");
    }

    @Test
    void theLeastRecentlyPolledPaymentIsForgottenBeyondTheCapacity() {
        check.verify("order-1", "till-1", "1001", VERSION, DEADLINE.toEpochMilli());
        check.verify("order-2", "till-2", "1002", VERSION, DEADLINE.toEpochMilli());
        check.verify("order-1", "till-1", "1001", VERSION, DEADLINE.toEpochMilli());
        check.verify("order-3", "till-3", "1003", VERSION, DEADLINE.toEpochMilli());
        check.verify("order-1", "till-1", "1001", VERSION, DEADLINE.toEpochMilli());
        check.verify("order-2", "till-2", "1002", VERSION, DEADLINE.toEpochMilli());

        // capacity 2: order-2 was the least recently polled when order-3 came
        assertThat(reads).containsExactly("order-1", "order-2", "order-3", "order-2");
    }

    @Test
    void aPollLackingFieldsIsRefusedAsMalformedNamingThemBeforeTheLedgerIsRead() {
        assertThatThrownBy(() -> check.verify("order-1", null, "1001", null, DEADLINE.toEpochMilli()))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.getCode()).isEqualTo("MALFORMED_MESSAGE"))
                .hasMessage("the status poll lacks terminalId, seqrVersion");
        assertThatThrownBy(() -> check.verify(null, "till-1", "1001", VERSION, null))
                .hasMessage("the status poll lacks orderId, confirmDeadline");

        assertThat(reads).isEmpty();
    }

    private void assertRefused(String orderId, String terminalId, String invoice, long deadline, String reason) {
        assertThatThrownBy(() -> check.verify(orderId, terminalId, invoice, VERSION, deadline))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.getCode()).isEqualTo("FORGED_STATUS_POLL"))
                .hasMessageContaining(reason);
    }
}
