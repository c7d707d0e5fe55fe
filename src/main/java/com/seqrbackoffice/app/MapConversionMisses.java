package com.seqrbackoffice.app;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.TypeConverter;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;

/**
 * Remembers that a type has no conversion to {@link Map}, so that asking again costs a map lookup.
 * <p>
 * camel-sql resolves every {@code :#${...}} parameter of a statement by first trying to convert the message body to
 * a Map (twice per parameter), and the routes' bodies (JSON text, SEQR's answers, the app's records) have none.
 * Camel 4.18 caches a missing conversion only for {@code convertTo}, not for {@code tryConvertTo}, which camel-sql
 * uses: each of those lookups scanned every registered converter twice, about 40 % of the CPU of issuing an
 * invoice. Registered as the first fallback converter, this one is consulted only after Camel found no converter
 * to Map for the value's type; it registers the miss for that exact type, which Camel then finds at once.
 */
final class MapConversionMisses extends TypeConverterSupport {

    private final TypeConverterRegistry registry;

    private MapConversionMisses(TypeConverterRegistry registry) {
        this.registry = registry;
    }

    static void register(TypeConverterRegistry registry) {
        registry.addFallbackTypeConverter(new MapConversionMisses(registry), false);
    }

    @Override
    public <T> T convertTo(Class<T> type, Exchange exchange, Object value) throws TypeConversionException {
        // a converter that exists but could not convert this value stays: it may convert the next one
        if (type == Map.class && value != null && registry.lookup(Map.class, value.getClass()) == null) {
            registry.addTypeConverter(Map.class, value.getClass(), Miss.INSTANCE);
        }
        return null;
    }

    /** Answers "no conversion" for the pair it is registered under. */
    private static final class Miss extends TypeConverterSupport {

        static final TypeConverter INSTANCE = new Miss();

        @Override
        @SuppressWarnings("unchecked")
        public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
            return (T) MISS_VALUE;
        }
    }
}
