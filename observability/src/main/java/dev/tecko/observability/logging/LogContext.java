package dev.tecko.observability.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The MDC keys every runtime logs its work under, and a scope that sets them for one piece of work and puts back what
 * was there before (workers run many jobs one after the other; a value left behind would mislabel the next job's lines).
 * <pre>{@code try (var scope = LogContext.job(jobId).batch(batchId)) { ... } }</pre>
 */
public final class LogContext implements AutoCloseable {
    public static final String JOB_ID = "jobId";
    public static final String BATCH_ID = "batchId";
    public static final String TRIGGER_ID = "triggerId";

    /** The values the keys had before this scope set them (null = absent). */
    private final Map<String, String> previous = new LinkedHashMap<>();

    private LogContext() {
    }

    public static LogContext job(String jobId) {
        return new LogContext().put(JOB_ID, jobId);
    }

    public LogContext batch(String batchId) {
        return put(BATCH_ID, batchId);
    }

    public LogContext trigger(String triggerId) {
        return put(TRIGGER_ID, triggerId);
    }

    private LogContext put(String key, String value) {
        previous.putIfAbsent(key, MDC.get(key));
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
        return this;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
