package com.seqrbackoffice.app;

import java.util.Map;

import org.apache.logging.log4j.core.util.ContextDataProvider;

/**
 * Gives log4j the keys of the exchange whose step the logging thread runs ({@link BusinessMdc}) as context data of
 * each event, the fields a log line names: log4j finds it with {@link java.util.ServiceLoader}
 * (META-INF/services) beside its own provider of the thread context (the MDC).
 */
public final class BusinessContextData implements ContextDataProvider {

    @Override
    public Map<String, String> supplyContextData() {
        return BusinessMdc.currentKeys();
    }
}
