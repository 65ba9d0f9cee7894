package dev.tecko.dispatcher.runtime;

import dev.tecko.dispatcher.delivery.DeliveryProgressSink;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes delivery progress to {@code delivery-status}, fire and forget, on a producer of its own outside the session's
 * transaction: progress is advisory (the result on {@code trigger-results} ends a trigger), it must show while the
 * delivery goes on, not when its result commits, and a session that is replaced must not take it along. Called from
 * the worker threads (a {@link KafkaProducer} is thread-safe); never throws, and blocks at most {@link #MAX_BLOCK}.
 */
final class ProgressPublisher implements DeliveryProgressSink, AutoCloseable {
    /** The longest a send may hold a delivering thread (waiting for metadata or buffer space). */
    static final Duration MAX_BLOCK = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ProgressPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final Topic<String, DeliveryProgress> topic;
    private final DispatchMetrics metrics;

    ProgressPublisher(Producer<byte[], byte[]> producer, Topic<String, DeliveryProgress> topic, DispatchMetrics metrics) {
        this.producer = producer;
        this.topic = topic;
        this.metrics = metrics;
    }

    /** Its own idempotent producer, from the cluster settings {@code kafka} (never the session's transactional id). */
    static Producer<byte[], byte[]> producer(Properties kafka, String clientId) {
        return new KafkaProducer<>(config(kafka, clientId), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static Properties config(Properties kafka, String clientId) {
        var props = new Properties();
        props.putAll(kafka);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // shown while it happens: a report waits a few ms for company at most
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
        return props;
    }

    @Override
    public void publish(DeliveryProgress progress) {
        try {
            byte[] key = progress.jobId().getBytes(StandardCharsets.UTF_8);
            byte[] value = topic.valueSerde().serializer().serialize(topic.name(), progress);
            producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> {
                if (error == null) {
                    metrics.progressReported(true);
                } else {
                    failed(progress, error);
                }
            });
        } catch (RuntimeException e) {
            // a closed producer, no metadata within MAX_BLOCK, a full buffer: the report is lost, the delivery goes on
            failed(progress, e);
        }
    }

    private void failed(DeliveryProgress progress, Exception error) {
        metrics.progressReported(false);
        // a broker's or the client's own error (timeout, authorization) names no credential and says what is wrong; anything
        // else (serializing) may quote the report, whose text a target wrote, so only its kind is logged
        log.warn("delivery progress of trigger {} not published to {}: {}", progress.triggerId(), topic.name(),
                error instanceof ApiException ? error.toString() : error.getClass().getName());
    }

    /** Sends what is buffered for up to {@code timeout}; what is left then is dropped. */
    void close(Duration timeout) {
        try {
            producer.close(timeout);
        } catch (RuntimeException e) {
            log.warn("closing the delivery progress producer failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
