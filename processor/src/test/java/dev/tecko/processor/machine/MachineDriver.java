package dev.tecko.processor.machine;

import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.processor.state.JobState;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;

/**
 * The job state machine with maps for its stores (headers, and batch rows per job), driven by the same domain verbs as
 * the topology's test driver: what the job processor does with each record (store the header and the rows, publish the
 * snapshot or a tombstone, emit events and the trigger), without Kafka. The outputs are queues read like
 * {@code TestOutputTopic}s; a snapshot is published at every change (coalescing is the topology's, tested there).
 */
public final class MachineDriver implements JobsUnderTest {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    public static final TriggerTarget TARGET = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app", "123", "kbc-token");

    public final Output<JobSnapshot> status = new Output<>();
    public final Output<JobEvent> events = new Output<>();
    public final Output<TriggerCommand> triggers = new Output<>();
    private final Map<TransitionOutcome, Integer> observationOutcomes = new EnumMap<>(TransitionOutcome.class);
    private final Map<TransitionOutcome, Integer> resultOutcomes = new EnumMap<>(TransitionOutcome.class);
    private final Map<TransitionOutcome, Integer> discoveryOutcomes = new EnumMap<>(TransitionOutcome.class);
    private final Map<String, JobState> store = new LinkedHashMap<>();
    private final Map<String, MapBatches> rows = new LinkedHashMap<>();
    private final JobMachine machine;
    private int commandSeq;

    public MachineDriver() {
        this(1_000);
    }

    public MachineDriver(int maxBatchesPerJob) {
        this.machine = new JobMachine(maxBatchesPerJob, JobMachine.DEFAULT_RESULT_TIMEOUT, new TargetAllowList(List.of(), false));
    }

    public static JobSpec spec(String... batchIds) {
        return JobSpec.of("job", List.of(batchIds), "openai-key", TARGET);
    }

    /** The tag of the tagged jobs the tests create. */
    public static final BatchTag TAG = new BatchTag("run", "nightly-2026-12-04");

    /**
     * A job that finds its batches by {@link #TAG} (window from its creation), besides the ids named here; {@code sealAt},
     * {@code expectedBatches} and {@code deadline} may each be null.
     */
    public static JobSpec tagged(Instant sealAt, Integer expectedBatches, Instant deadline, String... batchIds) {
        return tagged(TriggerPolicy.ALWAYS, sealAt, expectedBatches, deadline, false, batchIds);
    }

    public static JobSpec tagged(TriggerPolicy policy, Instant sealAt, Integer expectedBatches, Instant deadline, boolean paused,
                                 String... batchIds) {
        return new JobSpec("job", List.of(batchIds), "openai-key", TARGET, null, null, null, policy, deadline, paused, null, null,
                TAG, null, sealAt, expectedBatches);
    }

    /** What the poller reports for the tagged job {@code jobId} created at {@code jobCreatedAt}. */
    public static BatchDiscovery found(String jobId, Instant jobCreatedAt, Instant listedUpTo, Instant discoveredAt, String... batchIds) {
        return new BatchDiscovery(1, jobId, jobCreatedAt, TAG, List.of(batchIds), listedUpTo, discoveredAt);
    }

    public void create(String jobId, String... batchIds) {
        create(jobId, spec(batchIds), T0);
    }

    @Override
    public void create(String jobId, JobSpec spec, Instant at) {
        send(JobCommand.create(nextCommandId(), jobId, spec, at), at);
    }

    @Override
    public void command(CommandType type, String jobId, Instant at) {
        send(JobCommand.of(type, nextCommandId(), jobId, at), at);
    }

    public Transition send(JobCommand command, Instant at) {
        return send(command, at, SecretTypes.UNKNOWN);
    }

    /** @param secrets the types of the secrets the processor knows (from {@code secrets}) */
    public Transition send(JobCommand command, Instant at, SecretTypes secrets) {
        return emit(command.jobId(), machine.onCommand(store.get(command.jobId()), batches(command.jobId()), command, at, secrets));
    }

    @Override
    public void observe(String jobId, String batchId, BatchStatus status, RequestCounts counts, Instant observedAt) {
        observe(BatchObservation.polled(jobId, batchId, status, counts, observedAt), observedAt);
    }

    public void observe(BatchObservation observation, Instant at) {
        Transition transition = emit(observation.jobId(), machine.onObservation(store.get(observation.jobId()), batches(observation.jobId()),
                observation, at));
        observationOutcomes.merge(transition.outcome(), 1, Integer::sum);
    }

    @Override
    public void result(String jobId, int generation, TriggerOutcome outcome, Instant at) {
        var result = new TriggerResult(1, TriggerCommand.triggerId(jobId, generation), jobId, generation, outcome,
                outcome == TriggerOutcome.OK ? "kbc-42" : null, null, null, null, 201, 1,
                outcome == TriggerOutcome.OK ? null : "downstream said no", at);
        Transition transition = emit(jobId, machine.onTriggerResult(store.get(jobId), result, at));
        resultOutcomes.merge(transition.outcome(), 1, Integer::sum);
    }

    @Override
    public void deliveryProgress(DeliveryProgress progress) {
        emit(progress.jobId(), machine.onDeliveryProgress(store.get(progress.jobId()), progress, progress.at()));
    }

    @Override
    public void discover(BatchDiscovery discovery, Instant at) {
        Transition transition = emit(discovery.jobId(), machine.onDiscovery(store.get(discovery.jobId()), batches(discovery.jobId()),
                discovery, at));
        discoveryOutcomes.merge(transition.outcome(), 1, Integer::sum);
    }

    /** How many discoveries ended with this outcome. */
    public int discoveries(TransitionOutcome outcome) {
        return discoveryOutcomes.getOrDefault(outcome, 0);
    }

    /** The job's header as the store holds it now (null when none). */
    public JobState stored(String jobId) {
        return store.get(jobId);
    }

    /** What the deadline punctuator does at {@code now}: every job whose deadline passed with batches open times out. */
    public void checkDeadlines(Instant now) {
        for (JobState job : List.copyOf(store.values())) {
            if (JobMachine.deadlinePassed(job, now)) {
                emit(job.jobId(), machine.onDeadline(job, batches(job.jobId()), now));
            }
        }
    }

    public void checkDeadlines(Duration afterT0) {
        checkDeadlines(T0.plus(afterT0));
    }

    /** How many observations ended with this outcome. */
    public int observations(TransitionOutcome outcome) {
        return observationOutcomes.getOrDefault(outcome, 0);
    }

    /** How many trigger results ended with this outcome. */
    public int results(TransitionOutcome outcome) {
        return resultOutcomes.getOrDefault(outcome, 0);
    }

    public JobSnapshot lastSnapshot() {
        List<JobSnapshot> all = status.readValuesToList();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    @Override
    public List<TriggerCommand> drainTriggers() {
        return triggers.readValuesToList();
    }

    @Override
    public Map<String, JobSnapshot> latestSnapshots(Map<String, JobSnapshot> latest) {
        for (var kv : status.readKeyValuesToList()) {
            if (kv.value == null) {
                latest.remove(kv.key);
            } else {
                latest.put(kv.key, kv.value);
            }
        }
        return latest;
    }

    @Override
    public List<JobEvent> drainEvents() {
        return events.readValuesToList();
    }

    @Override
    public Map<String, String> deadlineIndex() {
        return null;
    }

    @Override
    public void close() {
        // nothing to release: no Kafka, no RocksDB
    }

    /** The job's rows, as the store gives them to the machine. */
    private MapBatches batches(String jobId) {
        return rows.computeIfAbsent(jobId, id -> new MapBatches());
    }

    /** As the job processor's emitter: store header and rows, then snapshot (or tombstone), events, trigger. */
    private Transition emit(String jobId, Transition transition) {
        if (transition.store()) {
            store.put(jobId, transition.state());
            batches(jobId).apply(transition);
        }
        if (transition.publish()) {
            status.add(jobId, transition.deleted() ? null : transition.state().toSnapshot(batches(jobId).snapshots()));
        }
        transition.events().forEach(event -> events.add(jobId, event));
        transition.trigger().ifPresent(trigger -> triggers.add(jobId, trigger));
        return transition;
    }

    private String nextCommandId() {
        return "cmd-" + (++commandSeq);
    }

    /** A queue of keyed records, read (and thereby drained) like a {@code TestOutputTopic}. */
    public static final class Output<V> {
        private final List<KeyValue<String, V>> records = new ArrayList<>();

        void add(String key, V value) {
            records.add(KeyValue.pair(key, value));
        }

        public boolean isEmpty() {
            return records.isEmpty();
        }

        public V readValue() {
            if (records.isEmpty()) {
                throw new IllegalStateException("no record to read");
            }
            return records.remove(0).value;
        }

        public List<V> readValuesToList() {
            return readKeyValuesToList().stream().map(kv -> kv.value).toList();
        }

        public List<KeyValue<String, V>> readKeyValuesToList() {
            List<KeyValue<String, V>> all = List.copyOf(records);
            records.clear();
            return all;
        }
    }
}
