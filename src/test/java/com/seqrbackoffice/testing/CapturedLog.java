package com.seqrbackoffice.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The log events of this JVM from its opening to its close, as the root logger passes them on. */
public final class CapturedLog implements AutoCloseable {

    private final List<LogEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final AbstractAppender appender = new AbstractAppender("captured-log", null, null, true,
            Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }
    };

    public CapturedLog() {
        appender.start();
        root().addAppender(appender);
    }

    public List<LogEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The messages logged at this level whose text contains the fragment. */
    public List<String> messages(Level level, String fragment) {
        return events().stream().filter(event -> event.getLevel() == level)
                .map(event -> event.getMessage().getFormattedMessage())
                .filter(message -> message.contains(fragment)).toList();
    }

    @Override
    public void close() {
        root().removeAppender(appender);
        appender.stop();
    }

    private static Logger root() {
        return (Logger) LogManager.getRootLogger();
    }
}
