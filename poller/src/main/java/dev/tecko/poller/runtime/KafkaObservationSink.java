package dev.tecko.poller.runtime;

import dev.tecko.observability.logging.LogContext;
import dev.tecko.observability.metrics.KafkaClientBinders;
import dev.tecko.poller.check.ObservationSink;
import dev.tecko.poller.schedule.PollSchedule;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.topics.DlqHeaders;
import dev.tecko.schemas.topics.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes observations to {@code batch-status}, key = job id. A send that failed for a passing reason (the broker down
 * past {@code delivery.timeout.ms}, a leader moving) is forgotten, so the next turn checks the batch and sends again,
 * terminal statuses included. One that can never be produced as it is (too large for the broker, say) goes to the DLQ
 * with its reason instead of being tried again for ever.
 */
final class KafkaObservationSink implements ObservationSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaObservationSink.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Topic<String, BatchObservation> topic;
    private final Topic<byte[], byte[]> dlq;
    private final PollSchedule schedule;
    private final MeterRegistry meters;
    private final KafkaClientBinders binders;
    private final Counter deadLettered;
    /** DLQ writes leave the producer's I/O thread, where a send could wait for metadata that thread must fetch itself. */
    private final ExecutorService deadLetters = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tecko-poller-dlq");
        t.setDaemon(true);
        return t;
    });

    KafkaObservationSink(Properties kafka, Topic<String, BatchObservation> topic, Topic<byte[], byte[]> dlq, PollSchedule schedule,
                         MeterRegistry meters, KafkaClientBinders binders) {
        this.binders = binders;
        this.topic = topic;
        this.dlq = dlq;
        this.schedule = schedule;
        this.meters = meters;
        // at zero from the start, so an alert on it reads "none" rather than a missing series
        this.deadLettered = Counter.builder("tecko.poller.observations.dead.lettered")
                .description("observations that can never be published, sent to the DLQ").register(meters);
        var props = new Properties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putAll(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.remove("group.id");
        this.producer = binders.bind(new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** The one idempotent producer, shared with the {@link KafkaDiscoverySink}; closed by {@link #close()}. */
    KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    @Override
    public void publish(BatchObservation observation) {
        byte[] key = observation.jobId().getBytes(StandardCharsets.UTF_8);
        byte[] value;
        try {
            value = topic.valueSerde().serializer().serialize(topic.name(), observation);
        } catch (RuntimeException e) {
            deadLetter(observation, key, observation.toString().getBytes(StandardCharsets.UTF_8), e);
            return;
        }
        producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> {
            if (error == null) {
                Counter.builder("tecko.poller.observations.published").description("observations published to batch-status")
                        .tag("source", observation.source().name().toLowerCase(java.util.Locale.ROOT))
                        .tag("status", observation.status().wire()).register(meters).increment();
            } else if (error instanceof RetriableException || error instanceof TimeoutException) {
                schedule.publishFailed(observation);
                // the callback runs on the producer's I/O thread, outside the worker's log context
                try (var logContext = LogContext.job(observation.jobId()).batch(observation.batchId())) {
                    log.warn("observation of batch {} not published, will be sent again: {}", observation.batchId(), error.toString());
                }
            } else {
                deadLetters.execute(() -> deadLetter(observation, key, value, error));
            }
        });
    }

    private void deadLetter(BatchObservation observation, byte[] key, byte[] value, Exception error) {
        try (var logContext = LogContext.job(observation.jobId()).batch(observation.batchId())) {
            log.error("observation of batch {} can never be published as it is; sent to the DLQ: {}", observation.batchId(),
                    error.toString());
        }
        var headers = DlqHeaders.describe(new RecordHeaders(), topic.name(), -1, -1, error);
        producer.send(new ProducerRecord<>(dlq.name(), null, key, value, headers), (metadata, failed) -> {
            if (failed != null) {
                log.error("the DLQ record of batch {} was not written either: {}", observation.batchId(), failed.toString());
            }
        });
        deadLettered.increment();
    }

    @Override
    public void close() {
        deadLetters.shutdown();
        try {
            deadLetters.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        binders.unbind(producer);
        producer.close(Duration.ofSeconds(10));
    }
}
