package dev.tecko.poller.runtime;

import dev.tecko.observability.health.GroupMembership;
import dev.tecko.observability.logging.LogContext;
import dev.tecko.observability.metrics.KafkaClientBinders;
import dev.tecko.platform.kafka.AssignedJobStatus;
import dev.tecko.poller.schedule.PollSchedule;
import dev.tecko.poller.tag.TagSchedule;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.topics.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller's work list: {@code job-status} read as a member of the poller group ({@link AssignedJobStatus}), each job
 * put into the {@link PollSchedule} (and the {@link TagSchedule}), and group membership reported to readiness. Not thread-safe: one thread.
 */
final class JobStatusReader implements AutoCloseable, AssignedJobStatus.Listener {
    private static final Logger log = LoggerFactory.getLogger(JobStatusReader.class);

    private final AssignedJobStatus reader;
    private final PollSchedule schedule;
    private final TagSchedule tags;
    private final Counter skipped;
    private final GroupMembership membership;
    private final KafkaClientBinders binders;
    /** assigned partitions still being read from the beginning → the offset up to which they are (read_committed) */
    private final Map<TopicPartition, Long> loading = new HashMap<>();
    /** assigned partitions read to their end: their jobs are all in the schedule; read by the handover thread */
    private final Set<Integer> loaded = ConcurrentHashMap.newKeySet();

    JobStatusReader(Properties kafka, String groupId, Topic<String, JobSnapshot> topic, PollSchedule schedule, TagSchedule tags,
                    MeterRegistry meters, GroupMembership membership, KafkaClientBinders binders) {
        this.schedule = schedule;
        this.tags = tags;
        this.membership = membership;
        this.binders = binders;
        this.skipped = Counter.builder("tecko.poller.records.skipped").description("unreadable job-status records")
                .register(meters);
        this.reader = new AssignedJobStatus(kafka, groupId, topic, this, binders::bind);
    }

    void subscribe() {
        reader.subscribe();
    }

    void pollOnce(Duration timeout) {
        reader.pollOnce(timeout);
        if (!loading.isEmpty()) {
            var it = loading.entrySet().iterator();
            while (it.hasNext()) {
                var entry = it.next();
                if (reader.consumer().position(entry.getKey()) >= entry.getValue()) {
                    loaded.add(entry.getKey().partition());
                    it.remove();
                }
            }
        }
    }

    /**
     * The job-status partitions this poller owns and has read to the end they had when assigned: a webhook handed over
     * for one of their jobs finds the job in the schedule. Thread-safe.
     */
    Set<Integer> loadedPartitions() {
        return Set.copyOf(loaded);
    }

    @Override
    public void upsert(JobSnapshot snapshot, int partition) {
        try (var logContext = LogContext.job(snapshot.jobId())) {
            schedule.upsert(snapshot, partition);
            tags.upsert(snapshot, partition);
        }
    }

    @Override
    public void remove(String jobId) {
        schedule.remove(jobId);
        tags.remove(jobId);
    }

    @Override
    public void dropPartitions(List<Integer> partitions) {
        loaded.removeAll(partitions);
        loading.keySet().removeIf(tp -> partitions.contains(tp.partition()));
        log.info("job-status partitions gone to another poller: {}", partitions);
        schedule.dropPartitions(partitions);
        tags.dropPartitions(partitions);
    }

    @Override
    public void skipped(ConsumerRecord<String, byte[]> record, String reason) {
        skipped.increment();
        log.warn("skipping unreadable job-status record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    }

    @Override
    public void assigned(Collection<TopicPartition> partitions) {
        membership.assigned(partitions);
        if (!partitions.isEmpty()) {
            loading.putAll(reader.consumer().endOffsets(partitions));
            log.info("job-status partitions assigned, reading them from the beginning: {}", partitions);
        }
    }

    @Override
    public void revoked(Collection<TopicPartition> partitions) {
        membership.revoked(partitions);
    }

    @Override
    public void lost() {
        loaded.clear();
        loading.clear();
        membership.left();
    }

    void wakeup() {
        reader.wakeup();
    }

    @Override
    public void close() {
        membership.left();
        binders.unbind(reader.consumer());
        reader.close();
    }
}
