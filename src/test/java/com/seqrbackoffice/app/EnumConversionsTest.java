package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.payments.PaymentStatus;
import com.seqrbackoffice.payments.PollOutcome;

/** Each route enum gets a converter of its own, which converts names as Camel's enum converter does. */
class EnumConversionsTest {

    @Test
    void eachRouteEnumIsRegisteredUnderItsOwnPairAndConvertsAsBefore() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            TypeConverterRegistry registry = context.getTypeConverterRegistry();
            int before = registry.size();

            EnumConversions.register(registry);

            assertThat(registry.size()).isEqualTo(before + EnumConversions.ROUTE_ENUMS.size());
            assertThat(registry.lookup(PaymentStatus.class, String.class)).isInstanceOf(EnumConversions.ByName.class);
            assertThat(context.getTypeConverter().convertTo(PaymentStatus.class, "PAID")).isEqualTo(PaymentStatus.PAID);
            assertThat(context.getTypeConverter().convertTo(PollOutcome.class, "poll_again"))
                    .as("in any case, as Camel's enum converter allows").isEqualTo(PollOutcome.POLL_AGAIN);
            assertThat(context.getTypeConverter().convertTo(PollOutcome.class, "pollAgain"))
                    .as("as Camel spells a constant").isEqualTo(PollOutcome.POLL_AGAIN);
            assertThatThrownBy(() -> context.getTypeConverter().mandatoryConvertTo(PaymentStatus.class, "SETTLED"))
                    .hasStackTraceContaining("has no constant named SETTLED");
        }
    }

    @Test
    void aRouteComparisonOfAnOutcomeWithItsNameStillMatches() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            EnumConversions.register(context.getTypeConverterRegistry());
            Exchange exchange = new DefaultExchange(context);
            exchange.setVariable("pollOutcome", PollOutcome.POLL_AGAIN);

            assertThat(context.resolveLanguage("simple").createPredicate("${variable.pollOutcome} == 'POLL_AGAIN'")
                    .matches(exchange)).isTrue();
            assertThat(context.resolveLanguage("simple").createPredicate("${variable.pollOutcome} == 'CHANGED'")
                    .matches(exchange)).isFalse();
        }
    }
}
