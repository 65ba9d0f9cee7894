package dev.tecko.processor.topology;

import dev.tecko.observability.logging.LogContext;
import dev.tecko.processor.machine.JobMachine;
import dev.tecko.processor.machine.Transition;
import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.processor.state.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wall-clock deadline check: every interval, jobs of this task whose deadline passed while batches were still open
 * get those batches {@code timed_out} and proceed per their trigger policy. Wall-clock, not stream time, because a
 * deadline must fire even when no record arrives.
 */
final class DeadlinePunctuator implements Punctuator {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlinePunctuator.class);
    private final KeyValueStore<String, JobState> store;
    private final JobMachine machine;
    private final Emitter emitter;
    private final ProcessorMetrics metrics;

    DeadlinePunctuator(KeyValueStore<String, JobState> store, JobMachine machine, Emitter emitter, ProcessorMetrics metrics) {
        this.store = store;
        this.machine = machine;
        this.emitter = emitter;
        this.metrics = metrics;
    }

    @Override
    public void punctuate(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        List<JobState> due = new ArrayList<>();
        // collect first: writing the store while its iterator is open is not something to rely on
        try (var jobs = store.all()) {
            jobs.forEachRemaining(entry -> {
                if (JobMachine.deadlinePassed(entry.value, now)) {
                    due.add(entry.value);
                }
            });
        }
        for (JobState job : due) {
            try (var log = LogContext.job(job.jobId())) {
                Transition transition = machine.onDeadline(job, now);
                metrics.jobTimedOut();
                LOG.info("deadline {} passed with batches still open: {}", job.deadline(), transition.state().status().wire());
                emitter.emit(job.jobId(), transition);
            }
        }
    }
}
