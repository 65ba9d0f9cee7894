package dev.tecko.processor.topology;

import dev.tecko.observability.logging.LogContext;
import dev.tecko.processor.machine.Transition;
import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.JobEvent;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries out a {@link Transition}: writes the store, then forwards the snapshot, the events and the trigger. */
final class Emitter {
    private static final Logger LOG = LoggerFactory.getLogger(Emitter.class);
    private final ProcessorContext<String, Object> context;
    private final JobStore store;
    private final ProcessorMetrics metrics;

    Emitter(ProcessorContext<String, Object> context, JobStore store, ProcessorMetrics metrics) {
        this.context = context;
        this.store = store;
        this.metrics = metrics;
    }

    void emit(String jobId, Transition transition) {
        long timestamp = transition.events().isEmpty() ? context.currentSystemTimeMs()
                : transition.events().get(0).at().toEpochMilli();
        if (transition.store()) {
            store.put(jobId, transition.state());
        }
        if (transition.publish()) {
            Object snapshot = transition.deleted() ? null : transition.state().toSnapshot();
            context.forward(new Record<>(jobId, snapshot, timestamp), JobTopology.JOB_STATUS_SINK);
        }
        for (JobEvent event : transition.events()) {
            context.forward(new Record<>(jobId, (Object) event, timestamp), JobTopology.JOB_EVENTS_SINK);
        }
        transition.trigger().ifPresent(trigger -> {
            context.forward(new Record<>(jobId, (Object) trigger, timestamp), JobTopology.TRIGGERS_SINK);
            metrics.triggerEmitted();
            try (var log = LogContext.job(jobId).trigger(trigger.triggerId())) {
                LOG.info("trigger {} emitted for generation {}", trigger.triggerId(), trigger.generation());
            }
        });
    }
}
