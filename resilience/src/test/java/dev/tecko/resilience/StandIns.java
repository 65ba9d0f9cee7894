package dev.tecko.resilience;

import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.topics.Topics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Plays the poller and the dispatcher around a processor under test, driven by a {@link JobWorkload}: a job's
 * observations are written only once the job shows on {@code job-status} (as the real poller does — Streams does not
 * order records across input topics, and an observation that overtakes its job's create is dropped by design), and
 * every committed trigger gets one ok result. It also keeps what a downstream team would see: the last committed
 * snapshot of each job and how often each trigger id was committed.
 */
final class StandIns implements AutoCloseable {
    private final JobWorkload workload;
    private final Topics topics;
    private final CommittedReader<String, JobSnapshot> jobStatus;
    private final CommittedReader<String, TriggerCommand> triggers;
    private final KafkaProducer<String, BatchObservation> observations;
    private final KafkaProducer<String, TriggerResult> results;
    private final Map<String, JobSnapshot> latest = new HashMap<>();
    private final Set<String> observed = new HashSet<>();
    private final Map<String, Integer> triggerCounts = new HashMap<>();

    StandIns(Cluster cluster, JobWorkload workload) {
        this.workload = workload;
        this.topics = cluster.topics();
        this.jobStatus = cluster.reader(topics.jobStatus());
        this.triggers = cluster.reader(topics.triggers());
        this.observations = cluster.producer(topics.batchStatus());
        this.results = cluster.producer(topics.triggerResults());
    }

    /** One round: reads what the processor committed since the last round and answers it. */
    void step() {
        for (var record : jobStatus.poll()) {
            latest.put(record.key(), record.value());
            if (record.value() != null && workload.contains(record.key()) && observed.add(record.key())) {
                workload.observations(workload.job(record.key())).forEach(o ->
                        observations.send(new ProducerRecord<>(topics.batchStatus().name(), o.jobId(), o)));
            }
        }
        for (var record : triggers.poll()) {
            TriggerCommand trigger = record.value();
            // a real dispatcher answers a trigger id once; a repeated one is only counted, so the count shows it
            if (triggerCounts.merge(trigger.triggerId(), 1, Integer::sum) == 1) {
                results.send(new ProducerRecord<>(topics.triggerResults().name(), trigger.jobId(), JobWorkload.okResult(trigger)));
            }
        }
        observations.flush();
        results.flush();
    }

    int distinctTriggers() {
        return triggerCounts.size();
    }

    long triggersCommitted() {
        return triggerCounts.values().stream().mapToLong(Integer::longValue).sum();
    }

    Map<String, Integer> triggerCounts() {
        return Map.copyOf(triggerCounts);
    }

    Map<String, JobSnapshot> latest() {
        return java.util.Collections.unmodifiableMap(new HashMap<>(latest));
    }

    /** Every job of the workload has reached a final status on job-status. */
    boolean allFinished() {
        return workload.jobs().stream().allMatch(j -> {
            JobSnapshot snapshot = latest.get(j.jobId());
            return snapshot != null && snapshot.status().isFinished();
        });
    }

    long finishedCount() {
        return latest.values().stream().filter(s -> s != null && s.status().isFinished()).count();
    }

    @Override
    public void close() {
        jobStatus.close();
        triggers.close();
        observations.close();
        results.close();
    }
}
