package com.seqrbackoffice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.testing.FlowTestSupport;

/**
 * SEQR unreachable for 30 s (its port closed, its state kept, as in a network outage) while payments are at every
 * stage: requests wait on broker redelivery with back-off, polls keep polling, commits wait; when SEQR is back every
 * payment completes, each committed once. The back-off is the production one, so no message is dead-lettered.
 */
class SeqrOutageTest extends FlowTestSupport {

    private static final int PER_STAGE = 4;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private static final List<String> terminals = new ArrayList<>();

    @BeforeAll
    static void start() {
        startAppWithSeparateEmulator(Map.of("broker.redelivery-delay-ms", "500", "broker.max-redelivery-delay-ms", "8000"));
        for (int i = 0; i < 3 * PER_STAGE; i++) {
            terminals.add(registeredTerminal());
        }
    }

    @Test
    void everyPaymentCompletesAfterSeqrWasUnreachableFor30Seconds() throws InterruptedException {
        List<String> reserved = new ArrayList<>();
        List<String> issued = new ArrayList<>();
        List<String> requested = new ArrayList<>();
        Map<String, String> invoices = new java.util.HashMap<>();
        for (int i = 0; i < PER_STAGE; i++) {
            String orderId = unique("reserved");
            invoices.put(orderId, reservedPayment(terminals.get(i), orderId, "100.00"));
            reserved.add(orderId);
        }
        for (int i = 0; i < PER_STAGE; i++) {
            String orderId = unique("issued");
            till.send(queue("payment-requests"), paymentRequest(terminals.get(PER_STAGE + i), orderId, "100.00"));
            invoices.put(orderId, awaitStatus(orderId, "ISSUED").field("invoiceReference"));
            issued.add(orderId);
        }
        long deadLettersBefore = broker().messageCount(queue("dead-letter"));

        emulator().goOffline();
        long outageStart = System.nanoTime();
        for (String orderId : reserved) {
            till.send(queue("fulfilment"), fulfilment(orderId, "90.00"));
        }
        for (int i = 0; i < PER_STAGE; i++) {
            String orderId = unique("requested");
            till.send(queue("payment-requests"), paymentRequest(terminals.get(2 * PER_STAGE + i), orderId, "100.00"));
            requested.add(orderId);
        }
        Thread.sleep(OUTAGE.toMillis());
        assertThat(reserved).allSatisfy(orderId -> assertThat(paymentStatus(orderId)).isEqualTo("RESERVED"));
        assertThat(requested).allSatisfy(orderId -> assertThat(paymentStatus(orderId)).isNull());
        emulator().comeBackOnline();
        long back = System.nanoTime();

        for (String orderId : requested) {
            invoices.put(orderId, awaitStatus(orderId, "ISSUED").field("invoiceReference"));
        }
        for (String orderId : concat(issued, requested)) {
            emulator().confirm(invoices.get(orderId));
        }
        for (String orderId : concat(issued, requested)) {
            awaitStatus(orderId, "RESERVED");
            till.send(queue("fulfilment"), fulfilment(orderId, "90.00"));
        }
        List<String> all = concat(reserved, concat(issued, requested));
        for (String orderId : all) {
            awaitStatus(orderId, "PAID");
        }
        long recoveredMillis = Duration.ofNanos(System.nanoTime() - back).toMillis();

        for (String orderId : all) {
            assertThat(emulator().counters().accepted().commits().get(invoices.get(orderId))).as("commits of " + orderId).isEqualTo(1);
            assertThat(ledgerEntries(orderId)).containsExactly("RESERVATION 100", "CAPTURE 90", "RELEASE 10");
        }
        assertThat(broker().messageCount(queue("dead-letter"))).as("nothing dead-lettered").isEqualTo(deadLettersBefore);
        assertThat(emulator().counters().reversals()).as("no payment reversed by SEQR").isZero();
        System.out.printf("SEQR outage: unreachable for %d s with %d payments in flight (%d awaiting commit, %d awaiting"
                        + " the customer, %d new requests); all %d PAID, each committed once, 0 dead letters;"
                        + " the last completed %.1f s after SEQR was back%n",
                Duration.ofNanos(back - outageStart).toSeconds(), all.size(), reserved.size(), issued.size(),
                requested.size(), all.size(), recoveredMillis / 1000.0);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
