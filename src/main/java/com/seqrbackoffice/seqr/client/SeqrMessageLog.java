package com.seqrbackoffice.seqr.client;

import org.apache.cxf.ext.logging.event.LogEvent;
import org.apache.cxf.ext.logging.event.LogEventSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each SOAP message CXF's LoggingFeature captured (passwords already masked by it) as one line under this
 * class's logger, so {@code seqr.log-messages=true} shows messages without lowering the level of all of
 * {@code org.apache.cxf}, which the application keeps at WARN.
 */
final class SeqrMessageLog implements LogEventSender {

    private static final Logger LOG = LoggerFactory.getLogger(SeqrMessageLog.class);

    @Override
    public void send(LogEvent event) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String payload = event.getPayload() == null ? "" : event.getPayload().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        LOG.info("{} {} {}{} {}{}", event.getType(), event.getOperationName(), event.getAddress(),
                event.getResponseCode() == null ? "" : " HTTP " + event.getResponseCode(), payload,
                event.isTruncated() ? " (truncated)" : "");
    }
}
