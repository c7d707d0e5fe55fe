package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** log.format chooses the layout of src/main/resources/log4j2.xml: a JSON object per line with the MDC fields. */
class LogFormatTest {

    @Test
    void jsonFormatWritesOneObjectPerLineWithTheBusinessKeysAsFields() throws Exception {
        String line = logOneLine("json");

        Map<String, Object> event = new ObjectMapper().readValue(line, new TypeReference<Map<String, Object>>() { });
        assertThat(event).containsEntry("message", "Order o-1: RESERVED")
                .containsEntry("log.level", "INFO")
                .containsEntry("orderId", "o-1")
                .containsEntry("invoiceReference", "inv-9")
                .containsEntry("terminalId", "till-3");
    }

    @Test
    void textFormatNamesTheBusinessKeysInTheLine() throws Exception {
        String line = logOneLine("text");

        assertThat(line).contains("order=o-1 invoice=inv-9 terminal=till-3 - Order o-1: RESERVED");
    }

    /**
     * Reconfigures log4j with the format, formats one event with the MDC set by the root logger's appender, and
     * restores the configuration. (The console appender writes to the process's stdout, not to System.out.)
     */
    private static String logOneLine(String format) {
        String previous = System.getProperty("log.format");
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        try {
            System.setProperty("log.format", format);
            logging.reconfigure();
            Map<String, Appender> appenders = logging.getConfiguration().getRootLogger().getAppenders();
            assertThat(appenders).as("root appenders with log.format=" + format).containsOnlyKeys(format);
            StringMap mdc = new SortedArrayStringMap();
            mdc.putValue("orderId", "o-1");
            mdc.putValue("invoiceReference", "inv-9");
            mdc.putValue("terminalId", "till-3");
            LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("route.test").setLevel(Level.INFO)
                    .setMessage(new SimpleMessage("Order o-1: RESERVED")).setContextData(mdc).build();
            return new String(appenders.get(format).getLayout().toByteArray(event), StandardCharsets.UTF_8).strip();
        } finally {
            if (previous == null) {
                System.clearProperty("log.format");
            } else {
                System.setProperty("log.format", previous);
            }
            logging.reconfigure();
        }
    }
}
