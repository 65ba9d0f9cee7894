package dev.tecko.observability.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the JVM while open, at the level given (DEBUG for a secret scan: the lines nobody reads in
 * production are the ones that leak). For secret scans: {@link #lines()} holds each event's message, MDC values and
 * whole exception chain, i.e. everything an encoder could write.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level before;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Level level) {
        before = root.getLevel();
        appender.start();
        root.addAppender(appender);
        root.setLevel(level);
    }

    public static LogCapture atDebug() {
        return new LogCapture(Level.DEBUG);
    }

    public List<ILoggingEvent> events() {
        synchronized (appender) {
            // AppenderBase.doAppend holds this lock; other threads keep logging meanwhile
            return List.copyOf(appender.list);
        }
    }

    /** One line per event: the formatted message, the MDC's values and every message and frame of its exceptions. */
    public List<String> lines() {
        return events().stream().map(LogCapture::render).toList();
    }

    private static String render(ILoggingEvent event) {
        var line = new StringBuilder(event.getFormattedMessage());
        event.getMDCPropertyMap().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return line.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(before);
    }
}
