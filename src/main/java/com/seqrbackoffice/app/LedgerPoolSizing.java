package com.seqrbackoffice.app;

import java.util.Optional;

/**
 * Whether the ledger pool can serve the consumers that hold a connection for a whole SEQR round trip: a payment
 * request (sendInvoice under its terminal's row lock) and a fulfilment (three calls under its payment's) each keep
 * one, up to {@code broker.max-consumers} of each. Below that, polls and status changes wait for a connection,
 * give up after its timeout and come late enough for SEQR to reverse payments (TwoInstancesIT ran on 12 of them).
 */
final class LedgerPoolSizing {

    private LedgerPoolSizing() {
    }

    /** The warning the start logs, or empty when the pool holds every such consumer and one more. */
    static Optional<String> warning(int poolSize, int maxConsumers) {
        int holders = 2 * maxConsumers;
        if (poolSize > holders) {
            return Optional.empty();
        }
        return Optional.of(("ledger.pool-size %d is not above 2 x broker.max-consumers (%d): payment requests and"
                + " fulfilments hold a connection across their SEQR calls, and polls would wait for one; see"
                + " docs/performance.md, Sizing").formatted(poolSize, holders));
    }
}
