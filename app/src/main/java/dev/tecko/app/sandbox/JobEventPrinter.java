package dev.tecko.app.sandbox;

import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.topics.Topic;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Prints job events as they happen, one line each, so a person running the sandbox sees the demo job move. */
public final class JobEventPrinter implements AutoCloseable {
    private final KafkaConsumer<String, JobEvent> consumer;
    private final Thread thread;
    private final PrintWriter out;
    private final Predicate<JobEvent> wanted;
    private volatile boolean running = true;

    /** Starts reading from the current end of the topic: only events that happen from now on are printed. */
    public JobEventPrinter(Properties kafka, Topic<String, JobEvent> topic, PrintWriter out, Predicate<JobEvent> wanted) {
        this.out = out;
        this.wanted = wanted;
        var props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::run, "tecko-event-printer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && wanted.test(record.value())) {
                        out.println(describe(record.value()));
                        out.flush();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            out.println("event printer stopped: " + e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Every transition but a batch whose request counts moved while its status stayed: a person watches statuses. */
    public static boolean isWorthShowing(JobEvent event) {
        return event.type() != EventType.BATCH_CHANGED || event.batchStatus() != event.previousBatchStatus();
    }

    static String describe(JobEvent event) {
        var line = new StringBuilder("  event      ").append(event.jobId()).append(' ').append(event.type().name().toLowerCase());
        if (event.batchId() != null) {
            line.append(' ').append(event.batchId());
            if (event.batchStatus() != null) {
                line.append(" → ").append(event.batchStatus().wire());
            }
        }
        if (event.triggerId() != null) {
            line.append(" trigger ").append(event.triggerId());
        }
        if (event.status() != null) {
            line.append("  [job ").append(event.status().wire()).append(']');
        }
        if (event.message() != null) {
            line.append("  ").append(event.message());
        }
        return line.toString();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
