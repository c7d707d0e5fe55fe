package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerPoolSizingTest {

    @Test
    void theShippedPoolHoldsEveryConsumerThatWaitsForSeqrWithRoomToSpare() {
        assertThat(LedgerPoolSizing.warning(80, 32)).isEmpty();
        assertThat(LedgerPoolSizing.warning(65, 32)).isEmpty();
    }

    @Test
    void aPoolThatRequestsAndFulfilmentsCanFillIsNamedWithTheSizeItNeeds() {
        assertThat(LedgerPoolSizing.warning(64, 32)).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("ledger.pool-size 64 is not above 2 x broker.max-consumers (64)"));
        assertThat(LedgerPoolSizing.warning(12, 32)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("ledger.pool-size 12", "(64)", "docs/performance.md"));
    }
}
