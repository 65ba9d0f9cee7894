package dev.tecko.processor.topology;

import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.processor.machine.JobsUnderTest;
import dev.tecko.processor.machine.MachineDriver;
import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** A {@link TopologyTestDriver} around the real topology (real RocksDB store), with helpers to speak the contracts. */
public final class Driver implements JobsUnderTest {
    public static final Instant T0 = MachineDriver.T0;
    private static final SecretCipher CIPHER = new SecretCipher(MasterKey.fromBase64(MasterKey.generateBase64(), "test"));
    public static final TriggerTarget TARGET = MachineDriver.TARGET;

    public final Topics topics = Topics.withDefaultPrefix();
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final ProcessorSettings settings;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, JobCommand> commands;
    public final TestInputTopic<String, byte[]> rawCommands;
    public final TestInputTopic<String, BatchObservation> observations;
    public final TestInputTopic<String, byte[]> rawObservations;
    public final TestInputTopic<String, TriggerResult> results;
    public final TestInputTopic<String, EncryptedSecret> secrets;
    public final TestInputTopic<String, DownstreamObservation> downstream;
    public final TestInputTopic<String, DeliveryProgress> delivery;
    public final TestInputTopic<String, BatchDiscovery> discoveries;
    private final TestOutputTopic<String, JobSnapshot> status;
    public final TestOutputTopic<String, JobEvent> events;
    public final TestOutputTopic<String, TriggerCommand> triggers;
    public final TestOutputTopic<byte[], byte[]> dlq;
    private final Path stateDir;
    private int commandSeq;
    private boolean closed;

    public Driver() {
        this(ProcessorSettings.defaults(Topics.withDefaultPrefix()));
    }

    public Driver(ProcessorSettings settings) {
        this.settings = settings;
        try {
            stateDir = Files.createTempDirectory("tecko-ttd");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ttd-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putAll(ErrorHandling.deadLetterQueue(settings.topics(), registry));
        driver = new TopologyTestDriver(JobTopology.build(settings, registry), props, T0);
        Topics t = settings.topics();
        var key = Serdes.String();
        commands = driver.createInputTopic(t.jobCommands().name(), key.serializer(), t.jobCommands().valueSerde().serializer(), T0, Duration.ZERO);
        rawCommands = driver.createInputTopic(t.jobCommands().name(), key.serializer(), Serdes.ByteArray().serializer(), T0, Duration.ZERO);
        observations = driver.createInputTopic(t.batchStatus().name(), key.serializer(), t.batchStatus().valueSerde().serializer(), T0, Duration.ZERO);
        rawObservations = driver.createInputTopic(t.batchStatus().name(), key.serializer(), Serdes.ByteArray().serializer(), T0, Duration.ZERO);
        results = driver.createInputTopic(t.triggerResults().name(), key.serializer(), t.triggerResults().valueSerde().serializer(), T0, Duration.ZERO);
        downstream = driver.createInputTopic(t.downstreamStatus().name(), key.serializer(), t.downstreamStatus().valueSerde().serializer(),
                T0, Duration.ZERO);
        delivery = driver.createInputTopic(t.deliveryStatus().name(), key.serializer(), t.deliveryStatus().valueSerde().serializer(),
                T0, Duration.ZERO);
        discoveries = driver.createInputTopic(t.batchDiscovery().name(), key.serializer(), t.batchDiscovery().valueSerde().serializer(),
                T0, Duration.ZERO);
        secrets = driver.createInputTopic(t.secrets().name(), key.serializer(), t.secrets().valueSerde().serializer(), T0, Duration.ZERO);
        status = driver.createOutputTopic(t.jobStatus().name(), key.deserializer(), t.jobStatus().valueSerde().deserializer());
        events = driver.createOutputTopic(t.jobEvents().name(), key.deserializer(), t.jobEvents().valueSerde().deserializer());
        triggers = driver.createOutputTopic(t.triggers().name(), key.deserializer(), t.triggers().valueSerde().deserializer());
        dlq = driver.createOutputTopic(t.dlq().name(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    public static JobSpec spec(String... batchIds) {
        return MachineDriver.spec(batchIds);
    }

    public void create(String jobId, JobSpec spec, Instant at) {
        send(JobCommand.create(nextCommandId(), jobId, spec, at), at);
    }

    public void create(String jobId, String... batchIds) {
        create(jobId, spec(batchIds), T0);
    }

    /** A secret as the API stores it on the secrets topic (encrypted under a throwaway key: only its type is read). */
    public void storeSecret(String name, SecretType type) {
        secrets.pipeInput(name, CIPHER.encrypt(name, type, null, "value-of-" + name, T0));
    }

    public void deleteSecret(String name) {
        secrets.pipeInput(name, null);
    }

    public void command(CommandType type, String jobId, Instant at) {
        send(JobCommand.of(type, nextCommandId(), jobId, at), at);
    }

    public void send(JobCommand command, Instant at) {
        commands.pipeInput(new TestRecord<>(command.jobId(), command, at));
    }

    public void observe(String jobId, String batchId, BatchStatus status, RequestCounts counts, Instant observedAt) {
        observations.pipeInput(new TestRecord<>(jobId, BatchObservation.polled(jobId, batchId, status, counts, observedAt), observedAt));
    }

    /** What the dispatcher saw of the Keboola job a trigger created, at its own {@code observedAt}. */
    public void downstream(DownstreamObservation observation) {
        downstream.pipeInput(new TestRecord<>(observation.jobId(), observation, observation.observedAt()));
    }

    @Override
    public void deliveryProgress(DeliveryProgress progress) {
        delivery.pipeInput(new TestRecord<>(progress.jobId(), progress, progress.at()));
    }

    @Override
    public void discover(BatchDiscovery discovery, Instant at) {
        discoveries.pipeInput(new TestRecord<>(discovery.jobId(), discovery, at));
    }

    /** Any observation, as the poller would publish it, at its own {@code observedAt}. */
    public void observe(BatchObservation observation) {
        observations.pipeInput(new TestRecord<>(observation.jobId(), observation, observation.observedAt()));
    }

    public void result(String jobId, int generation, TriggerOutcome outcome, Instant at) {
        results.pipeInput(new TestRecord<>(jobId, new TriggerResult(1, TriggerCommand.triggerId(jobId, generation), jobId, generation,
                outcome, outcome == TriggerOutcome.OK ? "kbc-42" : null, null, null, null, 201, 1,
                outcome == TriggerOutcome.OK ? null : "downstream said no", at), at));
    }

    @Override
    public List<TriggerCommand> drainTriggers() {
        return triggers.readValuesToList();
    }

    /**
     * {@code job-status} after the snapshot punctuator ran: snapshots are published once per snapshot interval, so the
     * wall clock moves on by one interval first, and every change made until now is on the topic.
     */
    public TestOutputTopic<String, JobSnapshot> status() {
        driver.advanceWallClockTime(settings.snapshotInterval());
        return status;
    }

    /** {@code job-status} as it is, without waiting for the snapshot punctuator: what was published so far. */
    public TestOutputTopic<String, JobSnapshot> statusSoFar() {
        return status;
    }

    /** Latest snapshot per job published so far (tombstones remove), draining the topic. */
    @Override
    public Map<String, JobSnapshot> latestSnapshots(Map<String, JobSnapshot> into) {
        for (var kv : status().readKeyValuesToList()) {
            if (kv.value == null) {
                into.remove(kv.key);
            } else {
                into.put(kv.key, kv.value);
            }
        }
        return into;
    }

    public JobSnapshot lastSnapshot() {
        var all = status().readValuesToList();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    public List<JobEvent> drainEvents() {
        return new ArrayList<>(events.readValuesToList());
    }

    public double counter(String name, String... tags) {
        var search = registry.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        var counter = search.counter();
        return counter == null ? 0 : counter.count();
    }

    /** The job processor's deadline index as it is now (its keys in order, each with its job id). */
    public KeyValueStore<String, String> deadlineStore() {
        return driver.getKeyValueStore(settings.deadlineStoreName());
    }

    /** The deadline index's entries in key order, without the marker that says it was built. */
    public Map<String, String> deadlineIndex() {
        Map<String, String> entries = new LinkedHashMap<>();
        try (var all = deadlineStore().all()) {
            all.forEachRemaining(kv -> entries.put(kv.key, kv.value));
        }
        entries.remove(DeadlineIndex.BUILT_MARKER);
        return entries;
    }

    private String nextCommandId() {
        return "cmd-" + (++commandSeq);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort: a temp dir
        }
    }
}
