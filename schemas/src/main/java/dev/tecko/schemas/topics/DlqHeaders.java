package dev.tecko.schemas.topics;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The DLQ record headers. The names are the ones Kafka Streams' native DLQ writes (KIP-1034), so one consumer reads
 * the DLQ records of every runtime the same way.
 */
public final class DlqHeaders {
    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    private DlqHeaders() {
    }

    /** Adds the headers for a record of {@code topic/partition@offset} that failed with {@code error}. */
    public static Headers describe(Headers headers, String topic, int partition, long offset, Throwable error) {
        headers.add(EXCEPTION, utf8(error.getClass().getName()));
        headers.add(MESSAGE, utf8(String.valueOf(error.getMessage())));
        var trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        headers.add(STACKTRACE, utf8(trace.toString()));
        headers.add(TOPIC, utf8(topic));
        headers.add(PARTITION, utf8(Integer.toString(partition)));
        headers.add(OFFSET, utf8(Long.toString(offset)));
        return headers;
    }

    public static String read(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
