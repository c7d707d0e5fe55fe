package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** A body type with no conversion to Map is remembered as such, and what does convert still does. */
class MapConversionMissesTest {

    record Order(String orderId) {
    }

    @Test
    void typeWithoutConversionToMapIsRememberedAndOthersStillConvert() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            MapConversionMisses.register(context.getTypeConverterRegistry());
            assertThat(context.getTypeConverterRegistry().lookup(Map.class, Order.class)).isNull();

            assertThat(context.getTypeConverter().tryConvertTo(Map.class, new Order("o-1"))).isNull();

            assertThat(context.getTypeConverterRegistry().lookup(Map.class, Order.class)).isNotNull();
            assertThat(context.getTypeConverter().tryConvertTo(Map.class, new Order("o-2"))).isNull();
            assertThat(context.getTypeConverter().tryConvertTo(String.class, 42)).isEqualTo("42");
            Map<String, String> map = Map.of("k", "v");
            assertThat(context.getTypeConverter().tryConvertTo(Map.class, map)).isSameAs(map);
        }
    }
}
