package dev.tecko.processor.topology;

import dev.tecko.observability.logging.LogContext;
import dev.tecko.processor.machine.Transition;
import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.JobEvent;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link Transition}: writes the store, marks the job's snapshot for publishing (coalesced: see
 * {@link UnpublishedSnapshots}), then forwards the events and the trigger, which are never held back.
 */
final class Emitter {
    private static final Logger LOG = LoggerFactory.getLogger(Emitter.class);
    private final ProcessorContext<String, JobOutput> context;
    private final JobStore store;
    private final UnpublishedSnapshots unpublished;
    private final ProcessorMetrics metrics;

    Emitter(ProcessorContext<String, JobOutput> context, JobStore store, UnpublishedSnapshots unpublished, ProcessorMetrics metrics) {
        this.context = context;
        this.store = store;
        this.unpublished = unpublished;
        this.metrics = metrics;
    }

    /** @param previous what the store held for the job before this transition (read by the caller for it) */
    void emit(String jobId, JobState previous, Transition transition) {
        long timestamp = transition.events().isEmpty() ? context.currentSystemTimeMs()
                : transition.events().get(0).at().toEpochMilli();
        if (transition.store()) {
            store.put(jobId, previous, transition);
        }
        if (transition.publish()) {
            unpublished.mark(jobId, transition.state().counts().total(), context.currentSystemTimeMs());
        }
        for (JobEvent event : transition.events()) {
            context.forward(new Record<>(jobId, new JobOutput.Event(event), timestamp));
        }
        transition.trigger().ifPresent(trigger -> {
            context.forward(new Record<>(jobId, new JobOutput.Trigger(trigger), timestamp));
            metrics.triggerEmitted();
            try (var log = LogContext.job(jobId).trigger(trigger.triggerId())) {
                LOG.info("trigger {} emitted for generation {}", trigger.triggerId(), trigger.generation());
            }
        });
    }
}
