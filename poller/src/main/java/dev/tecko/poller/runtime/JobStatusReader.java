package dev.tecko.poller.runtime;

import dev.tecko.observability.health.GroupMembership;
import dev.tecko.observability.logging.LogContext;
import dev.tecko.observability.metrics.KafkaClientBinders;
import dev.tecko.poller.schedule.PollSchedule;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.topics.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code job-status} topic as a member of the poller group. The partitions the group assigns are
 * read from the beginning every time they are assigned, which rebuilds their jobs in the schedule; revoked or lost
 * partitions take their jobs out. Committed offsets play no part, so nothing is committed. Not thread-safe: one thread.
 */
final class JobStatusReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobStatusReader.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic<String, JobSnapshot> topic;
    private final PollSchedule schedule;
    private final Counter skipped;
    private final GroupMembership membership;
    private final KafkaClientBinders binders;

    JobStatusReader(Properties kafka, String groupId, Topic<String, JobSnapshot> topic, PollSchedule schedule, MeterRegistry meters,
                    GroupMembership membership, KafkaClientBinders binders) {
        this.topic = topic;
        this.schedule = schedule;
        this.membership = membership;
        this.binders = binders;
        this.skipped = Counter.builder("tecko.poller.records.skipped").description("unreadable job-status records")
                .register(meters);
        var props = new Properties();
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.putAll(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = binders.bind(new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer()));
    }

    void subscribe() {
        consumer.subscribe(List.of(topic.name()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                membership.assigned(partitions);
                if (!partitions.isEmpty()) {
                    log.info("job-status partitions assigned, reading them from the beginning: {}", partitions);
                    consumer.seekToBeginning(partitions);
                }
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                membership.revoked(partitions);
                drop(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                membership.left();
                drop(partitions);
            }
        });
    }

    private void drop(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            log.info("job-status partitions gone to another poller: {}", partitions);
            schedule.dropPartitions(partitions.stream().map(TopicPartition::partition).toList());
        }
    }

    /** Applies whatever arrived within {@code timeout}; a record that cannot be read is skipped and counted. */
    void pollOnce(Duration timeout) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            if (record.key() == null) {
                skipped.increment();
                continue;
            }
            if (record.value() == null) {
                schedule.remove(record.key());
                continue;
            }
            try (var logContext = LogContext.job(record.key())) {
                apply(record);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            JobSnapshot snapshot = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (!snapshot.jobId().equals(record.key())) {
                throw new IllegalArgumentException("key " + record.key() + " holds job " + snapshot.jobId());
            }
            schedule.upsert(snapshot, record.partition());
        } catch (RuntimeException e) {
            skipped.increment();
            log.warn("skipping unreadable job-status record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        membership.left();
        binders.unbind(consumer);
        consumer.close(Duration.ofSeconds(5));
    }
}
