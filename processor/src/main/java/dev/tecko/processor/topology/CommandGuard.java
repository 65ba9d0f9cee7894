package dev.tecko.processor.topology;

import dev.tecko.processor.machine.TransitionOutcome;
import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.Check;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Before commands are repartitioned by job id: one without a valid job id as key has no partition to go to (and no job
 * to answer), so it goes to the DLQ from here, naming {@code job-commands}. Every other command is stamped with where it
 * was read, so a DLQ record made after the repartition still names its origin ({@link #restoreOrigin}).
 */
final class CommandGuard implements Processor<String, byte[], String, byte[]> {
    static final String ORIGIN_TOPIC = "tecko.origin.topic";
    static final String ORIGIN_PARTITION = "tecko.origin.partition";
    static final String ORIGIN_OFFSET = "tecko.origin.offset";

    private final ProcessorMetrics metrics;
    private ProcessorContext<String, byte[]> context;

    CommandGuard(ProcessorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || !Check.isId(record.key())) {
            metrics.command(TransitionOutcome.REJECTED);
            throw new InvalidRecordException("job command without a valid job id as key");
        }
        Headers headers = record.headers();
        context.recordMetadata().ifPresent(origin -> {
            headers.remove(ORIGIN_TOPIC).remove(ORIGIN_PARTITION).remove(ORIGIN_OFFSET);
            headers.add(ORIGIN_TOPIC, utf8(origin.topic()));
            headers.add(ORIGIN_PARTITION, utf8(Integer.toString(origin.partition())));
            headers.add(ORIGIN_OFFSET, utf8(Long.toString(origin.offset())));
        });
        context.forward(record.withHeaders(headers));
    }

    /**
     * The DLQ headers of a command dead-lettered after the repartition name the internal topic; this puts back where the
     * command was written ({@code job-commands}, its partition and offset).
     */
    static void restoreOrigin(Headers from, Headers dlqHeaders) {
        restore(from, ORIGIN_TOPIC, dlqHeaders, dev.tecko.schemas.topics.DlqHeaders.TOPIC);
        restore(from, ORIGIN_PARTITION, dlqHeaders, dev.tecko.schemas.topics.DlqHeaders.PARTITION);
        restore(from, ORIGIN_OFFSET, dlqHeaders, dev.tecko.schemas.topics.DlqHeaders.OFFSET);
    }

    private static void restore(Headers from, String origin, Headers to, String name) {
        var header = from == null ? null : from.lastHeader(origin);
        if (header != null) {
            to.remove(name);
            to.add(name, header.value());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
