package dev.tecko.processor.topology;

import dev.tecko.observability.logging.LogContext;
import dev.tecko.processor.machine.JobMachine;
import dev.tecko.processor.machine.Transition;
import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.processor.state.JobState;
import java.time.Instant;
import org.apache.kafka.streams.processor.Punctuator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wall-clock deadline check: every interval, jobs of this task whose deadline passed while batches were still open
 * (or, for a tagged job, its batch list unsealed) get the list sealed and those batches {@code timed_out}, and proceed
 * per their trigger policy. Wall-clock, not stream time, because a
 * deadline must fire even when no record arrives. It reads only the due entries of the deadline index and their jobs,
 * so its cost does not grow with the number of jobs: it runs on the stream thread, between records.
 */
final class DeadlinePunctuator implements Punctuator {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlinePunctuator.class);
    private final JobStore store;
    private final JobMachine machine;
    private final Emitter emitter;
    private final ProcessorMetrics metrics;

    DeadlinePunctuator(JobStore store, JobMachine machine, Emitter emitter, ProcessorMetrics metrics) {
        this.store = store;
        this.machine = machine;
        this.emitter = emitter;
        this.metrics = metrics;
    }

    @Override
    public void punctuate(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        store.buildDeadlineIndexOnce();
        for (var entry : store.dueDeadlines(now)) {
            JobState job = store.get(entry.jobId());
            if (!JobMachine.deadlinePassed(job, now)) {
                // the job's own entry is due only if its deadline passed: this one is left over from an older state
                store.dropDeadline(entry);
                continue;
            }
            try (var log = LogContext.job(job.jobId())) {
                Transition transition = machine.onDeadline(job, store.batches(job.jobId()), now);
                if (!job.counts().allTerminal()) {
                    // a tagged job whose held batches were all terminal is only sealed: no batch timed out
                    metrics.jobTimedOut();
                }
                LOG.info("deadline {} passed with batches still open or the batch list unsealed: {}", job.deadline(),
                        transition.state().status().wire());
                // every batch is terminal and the list sealed now, so the write removes the job's entry
                emitter.emit(job.jobId(), job, transition);
            }
        }
    }
}
