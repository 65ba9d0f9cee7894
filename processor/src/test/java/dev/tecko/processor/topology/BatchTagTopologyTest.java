package dev.tecko.processor.topology;

import static dev.tecko.processor.machine.MachineDriver.found;
import static dev.tecko.processor.machine.MachineDriver.tagged;
import static dev.tecko.processor.topology.Driver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.observability.metrics.DlqMetrics;
import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.SealReason;
import dev.tecko.schemas.SealState;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.topics.DlqHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Batches found by their tag (issue 16, part 3), through the topology: {@code batch-discovery} is an input of the job
 * processor like the others, its records add batches to a tagged job until its list is sealed (by the seal command, a
 * later search, or the wall-clock deadline), the job triggers once, only then, and bad records go to the DLQ.
 */
class BatchTagTopologyTest {
    private final Driver d = new Driver();

    @AfterEach
    void close() {
        d.close();
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private void discover(Instant listedUpTo, int at, String... ids) {
        d.discover(found("job-1", T0, listedUpTo, t(at), ids), t(at));
    }

    private List<EventType> eventTypes() {
        return d.drainEvents().stream().map(JobEvent::type).toList();
    }

    private double discoveries(String outcome) {
        return d.counter(ProcessorMetrics.BATCH_DISCOVERIES, "outcome", outcome);
    }

    private static List<String> ids(JobSnapshot job) {
        return job.batches().stream().map(BatchSnapshot::batchId).toList();
    }

    @Test
    @DisplayName("given a tagged job created with no batch, then job-status shows it open and holding none; discoveries add batches in order and the counter counts them")
    void discoveriesAddBatches() {
        d.create("job-1", tagged(null, null, null), T0);
        JobSnapshot created = d.lastSnapshot();
        assertThat(created.batches()).isEmpty();
        assertThat(created.batchSearch().state()).isEqualTo(SealState.OPEN);
        assertThat(created.batchSearch().since()).isEqualTo(T0);

        discover(t(1), 2, "x1", "x2");
        discover(t(3), 4, "x3");

        JobSnapshot job = d.lastSnapshot();
        assertThat(ids(job)).containsExactly("x1", "x2", "x3");
        assertThat(job.counts().total()).isEqualTo(3);
        assertThat(job.batchSearch().listedUpTo()).isEqualTo(t(3));
        assertThat(d.drainEvents().stream().filter(e -> e.type() == EventType.BATCHES_ADDED).map(JobEvent::batchIds))
                .containsExactly(List.of("x1", "x2"), List.of("x3"));
        assertThat(discoveries("applied")).isEqualTo(2.0);
    }

    @Test
    @DisplayName("given a tagged job whose batches are all terminal, when sealed by command and a later search covers it, then it triggers exactly once with every batch, and a batch found later is refused")
    void sealTriggerOnceAndRefuseLate() {
        d.create("job-1", tagged(null, null, null, "b1"), T0);
        discover(null, 1, "x1");
        d.observe("job-1", "b1", BatchStatus.COMPLETED, t(2));
        d.observe("job-1", "x1", BatchStatus.COMPLETED, t(3));
        assertThat(d.drainTriggers()).as("open list: no trigger").isEmpty();

        d.command(CommandType.SEAL, "job-1", t(10));
        assertThat(d.lastSnapshot().batchSearch().state()).isEqualTo(SealState.SEALING);
        discover(t(9), 11);
        assertThat(d.drainTriggers()).as("the search has not covered the seal yet").isEmpty();
        discover(t(10), 12);

        List<TriggerCommand> triggers = d.drainTriggers();
        assertThat(triggers).singleElement().satisfies(trigger -> assertThat(trigger.batches()).extracting(b -> b.batchId())
                .containsExactly("b1", "x1"));
        JobSnapshot job = d.lastSnapshot();
        assertThat(job.status()).isEqualTo(JobStatus.TRIGGERING);
        assertThat(job.batchSearch().sealedBy()).isEqualTo(SealReason.COMMAND);
        assertThat(job.batchSearch().sealedAt()).isEqualTo(t(12));

        d.drainEvents();
        discover(t(20), 21, "late-1");
        discover(t(20), 22, "late-1");
        assertThat(d.drainTriggers()).isEmpty();
        assertThat(d.drainEvents()).extracting(JobEvent::type).containsExactly(EventType.BATCHES_REFUSED, EventType.BATCHES_REFUSED);
        assertThat(d.status().readValuesToList()).as("refusing changes no snapshot").isEmpty();
        assertThat(discoveries("refused")).isEqualTo(2.0);
    }

    @Test
    @DisplayName("given duplicated and reordered discoveries, then each batch is added once, listedUpTo never moves back, and nothing is published for a copy")
    void duplicatesAndReorderedDiscoveries() {
        d.create("job-1", tagged(null, null, null), T0);
        discover(t(8), 9, "x1", "x2");
        discover(t(4), 5, "x2", "x1");
        discover(t(8), 9, "x1", "x2");
        discover(t(6), 7, "x3", "x1");

        JobSnapshot job = d.lastSnapshot();
        assertThat(ids(job)).containsExactly("x1", "x2", "x3");
        assertThat(job.batchSearch().listedUpTo()).isEqualTo(t(8));
        assertThat(discoveries("stale")).isEqualTo(2.0);
        assertThat(discoveries("applied")).isEqualTo(2.0);
    }

    @Test
    @DisplayName("given expectedBatches, when a later discovery brings the job there and its batches end, then it triggers once without a seal command")
    void sealedByALaterDiscovery() {
        d.create("job-1", tagged(null, 2, null, "b1"), T0);
        discover(null, 1, "x1");
        assertThat(d.lastSnapshot().batchSearch().sealedBy()).isEqualTo(SealReason.EXPECTED_BATCHES);
        d.observe("job-1", "b1", BatchStatus.COMPLETED, t(2));
        d.observe("job-1", "x1", BatchStatus.FAILED, t(3));
        assertThat(d.drainTriggers()).singleElement().satisfies(trigger -> assertThat(trigger.batches()).hasSize(2));
    }

    @Test
    @DisplayName("given a tagged job with a deadline and its only batch done, when wall-clock time passes the deadline, then the punctuator seals the list and the job triggers, once")
    void theDeadlinePunctuatorSeals() {
        d.create("job-1", tagged(null, null, T0.plusSeconds(60), "b1"), T0);
        d.observe("job-1", "b1", BatchStatus.COMPLETED, t(1));
        assertThat(d.deadlineIndex()).as("an unsealed list can still time out").hasSize(1);

        d.driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(d.drainTriggers()).isEmpty();
        d.driver.advanceWallClockTime(Duration.ofSeconds(40));

        assertThat(d.drainTriggers()).hasSize(1);
        JobSnapshot job = d.lastSnapshot();
        assertThat(job.batchSearch().sealedBy()).isEqualTo(SealReason.DEADLINE);
        assertThat(d.deadlineIndex()).isEmpty();
        assertThat(d.counter(ProcessorMetrics.JOBS_TIMED_OUT)).as("no batch timed out").isZero();
        d.driver.advanceWallClockTime(Duration.ofSeconds(40));
        assertThat(d.drainTriggers()).isEmpty();
    }

    @Test
    @DisplayName("given a tagged job sealed by command holding no batch, then it fails and never triggers; a seal for an untagged job is rejected")
    void sealedEmptyFailsAndUntaggedSealRejected() {
        d.create("job-1", tagged(null, null, null), T0);
        d.command(CommandType.SEAL, "job-1", t(5));
        discover(t(5), 6);
        assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.FAILED);
        assertThat(d.drainTriggers()).isEmpty();

        d.create("job-2", "b1");
        d.drainEvents();
        d.command(CommandType.SEAL, "job-2", t(7));
        assertThat(eventTypes()).containsExactly(EventType.COMMAND_REJECTED);
    }

    @Test
    @DisplayName("given an Anthropic secret, when a tagged job names it, then the create is rejected naming batchTag")
    void anAnthropicSecretCannotBeTagged() {
        d.storeSecret("openai-key", SecretType.ANTHROPIC);
        d.create("job-1", tagged(null, null, null), T0);
        assertThat(d.drainEvents()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.COMMAND_REJECTED);
            assertThat(e.message()).contains("batchTag");
        });
    }

    @Test
    @DisplayName("given a discovery keyed by another job, one without a value and one that is not JSON, then none reaches the job, the first two go to the DLQ with the reason, and the job goes on")
    void badRecordsGoToTheDlq() {
        d.create("job-1", tagged(null, null, null), T0);
        TestInputTopic<String, byte[]> raw = d.driver.createInputTopic(d.topics.batchDiscovery().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), T0, Duration.ZERO);
        byte[] otherJob = d.topics.batchDiscovery().valueSerde().serializer().serialize("t", found("job-1", T0, null, t(1), "x9"));
        raw.pipeInput(new TestRecord<>("job-2", otherJob, t(1)));
        raw.pipeInput(new TestRecord<>("job-1", (byte[]) null, t(2)));
        raw.pipeInput(new TestRecord<>("job-1", "not json".getBytes(StandardCharsets.UTF_8), t(3)));

        // the unreadable one takes the deserialization path (logged and skipped here): the test driver does not write its DLQ
        // record, which ProcessorPipelineIT reads on a broker
        var dead = d.dlq.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(DlqHeaders.read(dead.get(0).headers(), DlqHeaders.MESSAGE)).contains("BatchDiscovery").contains("record key");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("x9");
        assertThat(DlqHeaders.read(dead.get(1).headers(), DlqHeaders.MESSAGE)).contains("BatchDiscovery").contains("no value");
        assertThat(DlqHeaders.read(dead.get(1).headers(), DlqHeaders.TOPIC)).isEqualTo(d.topics.batchDiscovery().name());
        assertThat(d.counter(DlqMetrics.NAME, "source", "batch-discovery")).as("all three, the unreadable one too").isEqualTo(3.0);

        discover(t(4), 5, "x1");
        assertThat(ids(d.lastSnapshot())).containsExactly("x1");
    }
}
