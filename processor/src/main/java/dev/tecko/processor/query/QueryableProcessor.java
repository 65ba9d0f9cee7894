package dev.tecko.processor.query;

import dev.tecko.observability.health.HealthCheck;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * All the REST API may see of a running processor instance: its Kafka Streams state, its health checks and its job
 * store. The API module depends on the processor through this package only, so the processor's topology, stores and
 * runtime can change without the API noticing.
 */
public interface QueryableProcessor {
    /** {@link KafkaStreams.State#CREATED} until Streams has started. */
    KafkaStreams.State state();

    /** Interactive queries over the jobs this instance owns. */
    JobQueryView queries();

    /** What says whether the instance should be restarted. */
    List<HealthCheck> livenessChecks();

    /** What says whether the instance can take traffic. */
    List<HealthCheck> readinessChecks();
}
