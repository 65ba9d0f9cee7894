package dev.tecko.processor.topology;

import dev.tecko.observability.logging.LogContext;
import dev.tecko.processor.machine.JobMachine;
import dev.tecko.processor.machine.SecretTypes;
import dev.tecko.processor.machine.Transition;
import dev.tecko.processor.machine.TransitionOutcome;
import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.processor.state.BatchRow;
import dev.tecko.processor.state.JobState;
import dev.tecko.processor.state.StoredJob;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.RejectionCode;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.json.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one processor of the topology: takes its inputs (a {@link JobInput} each), asks the {@link JobMachine}
 * what they do to the job in the store, keeps the result and forwards snapshot, events and trigger ({@link JobOutput}s)
 * to be split to their sinks. Its stores are declared with it ({@link Supplier#stores()}).
 * Commands arrive as raw bytes so that an invalid one can still be answered with a {@code command_rejected} event
 * before it goes to the DLQ. Each record is processed with its job id (and batch or trigger id) in the MDC.
 */
final class JobProcessor implements Processor<String, JobInput, String, JobOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(JobProcessor.class);
    private final ProcessorSettings settings;
    private final JobMachine machine;
    private final ProcessorMetrics metrics;
    private final JsonSerde<JobCommand> commandSerde = new JsonSerde<>(JobCommand.class);
    private ProcessorContext<String, JobOutput> context;
    private JobStore store;
    private Emitter emitter;
    private SecretTypes secretTypes;

    JobProcessor(ProcessorSettings settings, ProcessorMetrics metrics) {
        this.settings = settings;
        this.machine = new JobMachine(settings.maxBatchesPerJob(), settings.triggerResultTimeout(), settings.targets());
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, JobOutput> context) {
        this.context = context;
        this.store = new JobStore(context.getStateStore(settings.storeName()), context.getStateStore(settings.batchStoreName()),
                context.getStateStore(settings.deadlineStoreName()));
        var unpublished = new UnpublishedSnapshots(context.getStateStore(settings.unpublishedStoreName()), settings.snapshotInterval());
        this.emitter = new Emitter(context, store, unpublished, metrics);
        this.secretTypes = SecretTypesStore.view(context.getStateStore(SecretTypesStore.STORE));
        context.schedule(settings.deadlineCheckInterval(), PunctuationType.WALL_CLOCK_TIME,
                new DeadlinePunctuator(store, machine, emitter, metrics));
        context.schedule(settings.snapshotInterval(), PunctuationType.WALL_CLOCK_TIME,
                new SnapshotPunctuator(context, store, unpublished));
    }

    @Override
    public void process(Record<String, JobInput> record) {
        Instant now = Instant.ofEpochMilli(record.timestamp());
        try (var log = LogContext.job(record.key())) {
            JobInput input = record.value();
            if (input instanceof JobInput.Observation observation) {
                observation(record.key(), observation.value(), now);
            } else if (input instanceof JobInput.Result result) {
                triggerResult(record.key(), result.value(), now);
            } else if (input instanceof JobInput.Downstream downstream) {
                downstream(record.key(), downstream.value(), now);
            } else if (input instanceof JobInput.Discovery discovery) {
                discovery(record.key(), discovery.value(), now);
            } else if (input instanceof JobInput.Delivery delivery) {
                delivery(record.key(), delivery.value(), now);
            } else if (input instanceof JobInput.Command command) {
                command(record.key(), command.value(), now);
            } else {
                throw new IllegalStateException("no input: " + input);
            }
        }
    }

    /** {@code jobId} is a valid id: {@link CommandGuard} sent every other command to the DLQ before the repartition. */
    private void command(String jobId, byte[] value, Instant now) {
        JobState stored = store.get(jobId);
        JobCommand command;
        try {
            if (value == null) {
                throw new SerializationException("invalid JobCommand: the record has no value");
            }
            command = commandSerde.fromBytes(value);
        } catch (SerializationException e) {
            rejectInvalid(stored, jobId, null, e.getMessage(), now);
            throw new InvalidRecordException(e.getMessage());
        }
        if (!jobId.equals(command.jobId())) {
            String reason = "invalid JobCommand: jobId '" + command.jobId() + "' does not match the record key";
            rejectInvalid(stored, jobId, command.commandId(), reason, now);
            throw new InvalidRecordException(reason);
        }
        Transition transition = machine.onCommand(stored, store.batches(jobId), command, now, secretTypes);
        metrics.command(transition.outcome());
        if (transition.rejected()) {
            metrics.commandRejected();
        }
        LOG.debug("command {} {}: {}", command.type(), command.commandId(), transition.outcome());
        emitter.emit(jobId, stored, transition);
    }

    private void rejectInvalid(JobState stored, String jobId, String commandId, String reason, Instant now) {
        metrics.command(TransitionOutcome.REJECTED);
        metrics.commandRejected();
        emitter.emit(jobId, stored, JobMachine.reject(JobMachine.live(stored), jobId, commandId, RejectionCode.INVALID, reason, now));
    }

    private void observation(String jobId, BatchObservation observation, Instant now) {
        requireValue(observation, "BatchObservation");
        requireKey(jobId, observation.jobId(), "BatchObservation");
        try (var log = LogContext.job(jobId).batch(observation.batchId())) {
            JobState stored = store.get(jobId);
            Transition transition = machine.onObservation(stored, store.batches(jobId), observation, now);
            metrics.observation(transition.outcome());
            LOG.debug("observation {} at {}: {}", observation.status(), observation.observedAt(), transition.outcome());
            emitter.emit(jobId, stored, transition);
            // applied and terminal means this is the batch's one terminal transition: a later copy is stale
            if (transition.outcome() == TransitionOutcome.APPLIED && observation.status().isTerminal()
                    && observation.usage() != null) {
                metrics.batchTokens(observation.usage(), observation.model());
            }
            if (transition.trigger().isPresent()) {
                metrics.detected(Duration.between(completedAt(store.batches(jobId).all()),
                        Instant.ofEpochMilli(context.currentSystemTimeMs())));
            }
        }
    }

    /**
     * When the job was known to be done: the newest {@code observedAt} among its batches (all terminal once it
     * triggers), i.e. the observation that completed it, even when an older one for another batch arrived last.
     */
    private static Instant completedAt(List<BatchRow> batches) {
        return batches.stream().map(row -> row.batch().observedAt()).filter(Objects::nonNull).max(Instant::compareTo)
                .orElseThrow(() -> new IllegalStateException("a job triggered by an observation has an observed batch"));
    }

    private void triggerResult(String jobId, TriggerResult result, Instant now) {
        requireValue(result, "TriggerResult");
        requireKey(jobId, result.jobId(), "TriggerResult");
        try (var log = LogContext.job(jobId).trigger(result.triggerId())) {
            JobState stored = store.get(jobId);
            Transition transition = machine.onTriggerResult(stored, result, now);
            metrics.triggerResult(transition.outcome());
            LOG.debug("trigger result {}: {}", result.outcome(), transition.outcome());
            emitter.emit(jobId, stored, transition);
        }
    }

    private void downstream(String jobId, DownstreamObservation observation, Instant now) {
        requireValue(observation, "DownstreamObservation");
        requireKey(jobId, observation.jobId(), "DownstreamObservation");
        try (var log = LogContext.job(jobId).trigger(observation.triggerId())) {
            JobState stored = store.get(jobId);
            Transition transition = machine.onDownstream(stored, store.batches(jobId), observation, now);
            metrics.downstream(transition.outcome());
            LOG.debug("downstream {} {}: {}", observation.keboolaJobId(), observation.status(), transition.outcome());
            emitter.emit(jobId, stored, transition);
            // applied and finished is the Keboola job's one finishing transition: counted once
            if (transition.outcome() == TransitionOutcome.APPLIED && observation.status().isFinished()) {
                Instant requested = stored.lastTrigger().requestedAt();
                Instant finished = observation.finishedAt() != null ? observation.finishedAt() : observation.observedAt();
                metrics.downstreamFinished(observation.status(), Duration.between(requested, finished));
            }
        }
    }

    private void delivery(String jobId, DeliveryProgress progress, Instant now) {
        requireValue(progress, "DeliveryProgress");
        requireKey(jobId, progress.jobId(), "DeliveryProgress");
        try (var log = LogContext.job(jobId).trigger(progress.triggerId())) {
            JobState stored = store.get(jobId);
            Transition transition = machine.onDeliveryProgress(stored, progress, now);
            metrics.deliveryProgress(transition.outcome());
            LOG.debug("delivery progress: attempt {}, breaker open {}: {}", progress.attempts(), progress.breakerOpen(),
                    transition.outcome());
            emitter.emit(jobId, stored, transition);
        }
    }

    private void discovery(String jobId, BatchDiscovery discovery, Instant now) {
        requireValue(discovery, "BatchDiscovery");
        requireKey(jobId, discovery.jobId(), "BatchDiscovery");
        JobState stored = store.get(jobId);
        Transition transition = machine.onDiscovery(stored, store.batches(jobId), discovery, now);
        metrics.discovery(transition.outcome());
        LOG.debug("discovery of {} batch(es), listed up to {}: {}", discovery.batchIds().size(), discovery.listedUpTo(),
                transition.outcome());
        emitter.emit(jobId, stored, transition);
    }

    private static void requireValue(Object value, String type) {
        if (value == null) {
            throw new InvalidRecordException("invalid " + type + ": the record has no value");
        }
    }

    private static void requireKey(String key, String jobId, String type) {
        if (!jobId.equals(key)) {
            throw new InvalidRecordException("invalid " + type + ": jobId '" + jobId + "' does not match the record key");
        }
    }

    /** Makes a job processor per task, and declares the stores it writes: jobs, their batches, deadlines, the unpublished. */
    static final class Supplier implements ProcessorSupplier<String, JobInput, String, JobOutput> {
        private final ProcessorSettings settings;
        private final ProcessorMetrics metrics;

        Supplier(ProcessorSettings settings, ProcessorMetrics metrics) {
            this.settings = settings;
            this.metrics = metrics;
        }

        @Override
        public Processor<String, JobInput, String, JobOutput> get() {
            return new JobProcessor(settings, metrics);
        }

        /**
         * All change-logged, so a task's state is restored from the changelog when it moves: the jobs' headers, their
         * batches (a row each) and the deadline index persistent (RocksDB); the set of unpublished snapshots in memory,
         * as it holds only the jobs changed within one snapshot interval.
         */
        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(settings.storeName()), Serdes.String(), StoredJob.serde()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(settings.batchStoreName()), Serdes.String(),
                            StoredJob.rowSerde()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(settings.deadlineStoreName()), Serdes.String(),
                            Serdes.String()),
                    Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(settings.unpublishedStoreName()), Serdes.String(),
                            Serdes.ByteArray()));
        }
    }
}
