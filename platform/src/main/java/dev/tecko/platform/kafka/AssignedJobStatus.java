package dev.tecko.platform.kafka;

import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.topics.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the compacted {@code job-status} topic as a member of a consumer group: the poller's list of batches to poll and
 * the dispatcher's list of Keboola jobs to follow both come from it. The partitions the group assigns are read from the
 * beginning every time they are assigned, which rebuilds their jobs in the {@link Listener}; revoked or lost partitions
 * take their jobs out. Committed offsets play no part, so nothing is committed. Not thread-safe: one thread.
 */
public final class AssignedJobStatus implements AutoCloseable {

    /** Where the jobs go. Every call comes from the thread that calls {@link #pollOnce}. */
    public interface Listener {
        /** The job's latest snapshot, from partition {@code partition}. */
        void upsert(JobSnapshot snapshot, int partition);

        /** A tombstone: the job was deleted. */
        void remove(String jobId);

        /** These partitions are another member's now (or nobody's, when lost): forget their jobs. */
        void dropPartitions(List<Integer> partitions);

        /** A record that could not be read (no key, unreadable value, a key naming another job), skipped. */
        void skipped(ConsumerRecord<String, byte[]> record, String reason);

        default void assigned(Collection<TopicPartition> partitions) {
        }

        default void revoked(Collection<TopicPartition> partitions) {
        }

        default void lost() {
        }
    }

    private final Consumer<String, byte[]> consumer;
    private final Topic<String, JobSnapshot> topic;
    private final Listener listener;

    /**
     * @param bind wraps the new consumer (to bind its metrics, say) before it is used; {@code UnaryOperator.identity()} for none
     */
    public AssignedJobStatus(Properties kafka, String groupId, Topic<String, JobSnapshot> topic, Listener listener,
                             UnaryOperator<Consumer<String, byte[]>> bind) {
        this.topic = topic;
        this.listener = listener;
        var props = new Properties();
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = bind.apply(new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer()));
    }

    public Consumer<String, byte[]> consumer() {
        return consumer;
    }

    public void subscribe() {
        consumer.subscribe(List.of(topic.name()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                listener.assigned(partitions);
                if (!partitions.isEmpty()) {
                    consumer.seekToBeginning(partitions);
                }
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                listener.revoked(partitions);
                drop(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                listener.lost();
                drop(partitions);
            }
        });
    }

    private void drop(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            listener.dropPartitions(partitions.stream().map(TopicPartition::partition).toList());
        }
    }

    /** Applies whatever arrived within {@code timeout}; a record that cannot be read is skipped and reported. */
    public void pollOnce(Duration timeout) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            if (record.key() == null) {
                listener.skipped(record, "no key");
            } else if (record.value() == null) {
                listener.remove(record.key());
            } else {
                apply(record);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        JobSnapshot snapshot;
        try {
            snapshot = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            listener.skipped(record, e.getMessage());
            return;
        }
        if (!snapshot.jobId().equals(record.key())) {
            listener.skipped(record, "key " + record.key() + " holds job " + snapshot.jobId());
            return;
        }
        listener.upsert(snapshot, record.partition());
    }

    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
