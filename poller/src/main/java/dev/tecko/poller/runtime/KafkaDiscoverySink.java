package dev.tecko.poller.runtime;

import dev.tecko.observability.logging.LogContext;
import dev.tecko.poller.tag.DiscoverySink;
import dev.tecko.poller.tag.TagSchedule;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes discoveries to {@code batch-discovery}, key = job id, on the observations' producer (idempotent,
 * {@code acks=all}). A send that fails is handed back to the {@link TagSchedule}, which searches the job again at once:
 * a discovery is a search's result, so sending the next search's result loses nothing (ids are reported again until they
 * appear in the job's snapshot, and {@code listedUpTo} only moves forward). A discovery is small (at most
 * {@code TagSchedule.MAX_IDS_PER_DISCOVERY} ids), so none is too large for the topic.
 */
final class KafkaDiscoverySink implements DiscoverySink {
    private static final Logger log = LoggerFactory.getLogger(KafkaDiscoverySink.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Topic<String, BatchDiscovery> topic;
    private final TagSchedule schedule;

    KafkaDiscoverySink(KafkaProducer<byte[], byte[]> producer, Topic<String, BatchDiscovery> topic, TagSchedule schedule) {
        this.producer = producer;
        this.topic = topic;
        this.schedule = schedule;
    }

    @Override
    public void publish(BatchDiscovery discovery) {
        byte[] key = discovery.jobId().getBytes(StandardCharsets.UTF_8);
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), discovery);
        producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> {
            if (error != null) {
                schedule.publishFailed(discovery);
                // the callback runs on the producer's I/O thread, outside the worker's log context
                try (var logContext = LogContext.job(discovery.jobId())) {
                    log.warn("discovery of job {} not published, the job is searched again: {}", discovery.jobId(), error.toString());
                }
            }
        });
    }
}
