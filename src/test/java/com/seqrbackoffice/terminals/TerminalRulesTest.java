package com.seqrbackoffice.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.payments.InvalidMessageException;

class TerminalRulesTest {

    private final TerminalRules rules = new TerminalRules();

    @Test
    void aTerminalWithoutOpenPaymentsMayBeUnregistered() {
        assertThat(rules.unregisterRefusal("till-1", List.of())).isNull();
    }

    @Test
    void aTerminalWithOpenPaymentsIsRefusedNamingThem() {
        List<Map<String, Object>> open = IntStream.rangeClosed(1, 7)
                .mapToObj(i -> Map.<String, Object>of("order_id", "order-" + i, "status", i == 1 ? "RESERVED" : "ISSUED"))
                .toList();

        InvalidMessageException refusal = rules.unregisterRefusal("till-1", open);

        assertThat(refusal.getCode()).isEqualTo("TERMINAL_HAS_OPEN_PAYMENTS");
        assertThat(refusal.getMessage()).contains("till-1", "7 open payment(s)", "order-1 RESERVED", "order-5 ISSUED", "...")
                .doesNotContain("order-6");
    }
}
