package dev.tecko.schemas.topics;

import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the catalog: its full name, serdes and how it is configured.
 *
 * @param jobKeyed keyed by job id; all such topics share one partition count so they stay co-partitioned
 * @param compacted {@code cleanup.policy=compact} (latest value per key is the state)
 * @param maxRecordBytes the largest record the topic is made for ({@link RecordLimits}); sets its {@code max.message.bytes}
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean jobKeyed, boolean compacted,
                          int maxRecordBytes, String description) {
}
