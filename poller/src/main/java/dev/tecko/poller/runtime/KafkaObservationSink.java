package dev.tecko.poller.runtime;

import dev.tecko.observability.logging.LogContext;
import dev.tecko.observability.metrics.KafkaClientBinders;
import dev.tecko.poller.check.ObservationSink;
import dev.tecko.poller.schedule.PollSchedule;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.topics.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes observations to {@code batch-status}, key = job id; a failed send is forgotten so the next turn resends. */
final class KafkaObservationSink implements ObservationSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaObservationSink.class);

    private final KafkaProducer<String, BatchObservation> producer;
    private final Topic<String, BatchObservation> topic;
    private final PollSchedule schedule;
    private final MeterRegistry meters;
    private final KafkaClientBinders binders;

    KafkaObservationSink(Properties kafka, Topic<String, BatchObservation> topic, PollSchedule schedule, MeterRegistry meters,
                         KafkaClientBinders binders) {
        this.binders = binders;
        this.topic = topic;
        this.schedule = schedule;
        this.meters = meters;
        var props = new Properties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putAll(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.remove("group.id");
        this.producer = binders.bind(new KafkaProducer<>(props, new StringSerializer(), topic.valueSerde().serializer()));
    }

    @Override
    public void publish(BatchObservation observation) {
        producer.send(new ProducerRecord<>(topic.name(), observation.jobId(), observation), (metadata, error) -> {
            if (error != null) {
                schedule.publishFailed(observation);
                // the callback runs on the producer's I/O thread, outside the worker's log context
                try (var logContext = LogContext.job(observation.jobId()).batch(observation.batchId())) {
                    log.warn("observation of batch {} not published: {}", observation.batchId(), error.toString());
                }
            } else {
                Counter.builder("tecko.poller.observations.published").description("observations published to batch-status")
                        .tag("source", observation.source().name().toLowerCase(java.util.Locale.ROOT))
                        .tag("status", observation.status().wire()).register(meters).increment();
            }
        });
    }

    @Override
    public void close() {
        binders.unbind(producer);
        producer.close(Duration.ofSeconds(10));
    }
}
