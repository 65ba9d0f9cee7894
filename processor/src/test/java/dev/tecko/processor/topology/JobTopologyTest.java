package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static dev.tecko.schemas.BatchStatus.COMPLETED;
import static dev.tecko.schemas.BatchStatus.FAILED;
import static dev.tecko.schemas.BatchStatus.IN_PROGRESS;
import static dev.tecko.schemas.BatchStatus.PENDING;
import static dev.tecko.schemas.BatchStatus.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.CommandType;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RejectionCode;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The topology's wiring, thinly: inputs reach the job processor, its outcomes reach job-status, job-events and triggers
 * (and the metrics), the settings and the wall-clock punctuator take effect. Each state-machine case is in the pure
 * {@code JobMachineCommandsTest} / {@code JobMachineProgressTest}; bad records in {@code InvalidRecordsTest}.
 */
class JobTopologyTest {
    private final Driver d = new Driver();

    @AfterEach
    void close() {
        d.close();
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private List<EventType> eventTypes() {
        return d.drainEvents().stream().map(JobEvent::type).toList();
    }

    @Test
    @DisplayName("given a job, when its batches finish and the result comes back, then every step reaches its topic and its counter")
    void aJobsWholeLifeReachesEveryTopic() {
        d.create("job-1", "b1", "b2");
        assertThat(d.lastSnapshot().batches()).extracting(b -> b.status()).containsExactly(PENDING, PENDING);

        d.observe("job-1", "b1", COMPLETED, t(1));
        d.observe("job-1", "b2", FAILED, t(2));
        TriggerCommand trigger = d.triggers.readValue();
        assertThat(trigger.triggerId()).isEqualTo("job-1:1");
        assertThat(trigger.variables()).containsEntry("batch_ids_completed", "[\"b1\"]").containsEntry("batch_ids_failed", "[\"b2\"]");
        assertThat(d.triggers.isEmpty()).isTrue();
        assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.TRIGGERING);

        d.result("job-1", 1, TriggerOutcome.OK, t(3));
        assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.COMPLETED_WITH_FAILURES);
        assertThat(d.drainEvents()).extracting(JobEvent::type).containsExactly(EventType.CREATED, EventType.BATCH_CHANGED,
                EventType.BATCH_CHANGED, EventType.TRIGGER_REQUESTED, EventType.TRIGGERED);
        assertThat(d.counter(ProcessorMetrics.COMMANDS, "outcome", "applied")).isEqualTo(1.0);
        assertThat(d.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "applied")).isEqualTo(2.0);
        assertThat(d.counter(ProcessorMetrics.TRIGGERS_EMITTED)).isEqualTo(1.0);
        assertThat(d.counter(ProcessorMetrics.TRIGGER_RESULTS, "outcome", "applied")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("given a job, when an observation is duplicated or arrives late, then nothing is published and each is counted stale")
    void duplicatesAndLateObservationsPublishNothing() {
        d.create("job-1", "b1", "b2");
        d.observe("job-1", "b1", IN_PROGRESS, t(5));
        d.status().readValuesToList();
        d.drainEvents();

        d.observe("job-1", "b1", IN_PROGRESS, t(5));
        d.observe("job-1", "b1", PENDING, t(3));

        assertThat(d.status().isEmpty()).isTrue();
        assertThat(d.events.isEmpty()).isTrue();
        assertThat(d.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "stale")).isEqualTo(2.0);
    }

    @Test
    @DisplayName("given observations and results for an unknown job or batch, then they are counted and dropped, not dead-lettered")
    void unknownJobsAndBatchesAreCounted() {
        d.observe("nope", "b1", COMPLETED, t(1));
        d.create("job-1", "b1");
        d.observe("job-1", "other", COMPLETED, t(1));
        d.result("ghost", 1, TriggerOutcome.OK, t(2));

        assertThat(d.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "unknown_job")).isEqualTo(1.0);
        assertThat(d.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "unknown_batch")).isEqualTo(1.0);
        assertThat(d.counter(ProcessorMetrics.TRIGGER_RESULTS, "outcome", "unknown_job")).isEqualTo(1.0);
        assertThat(d.triggers.isEmpty()).isTrue();
        assertThat(d.dlq.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("given an existing job, when created again, then the rejection is on job-events with its code and counted")
    void rejectionsReachJobEventsAndTheCounters() {
        d.create("job-1", "b1");
        d.drainEvents();
        d.status().readValuesToList();

        d.create("job-1", "b9");

        assertThat(d.status().isEmpty()).isTrue();
        assertThat(d.drainEvents()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.COMMAND_REJECTED);
            assertThat(e.rejectionCode()).isEqualTo(RejectionCode.ALREADY_EXISTS);
        });
        assertThat(d.counter(ProcessorMetrics.COMMANDS_REJECTED)).isEqualTo(1.0);
        assertThat(d.counter(ProcessorMetrics.COMMANDS, "outcome", "rejected")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("given a max of 2 batches per job in the settings, when a job with 3 is created, then it is rejected")
    void theBatchLimitComesFromTheSettings() {
        d.close();
        try (var small = new Driver(ProcessorSettings.defaults(Topics.withDefaultPrefix()).withMaxBatchesPerJob(2))) {
            small.create("job-1", "b1", "b2", "b3");
            assertThat(small.status().isEmpty()).isTrue();
            assertThat(small.drainEvents()).singleElement().satisfies(e -> assertThat(e.message()).contains("exceed the limit of 2"));
        }
    }

    @Test
    @DisplayName("given a job, when deleted, then job-status gets a tombstone under its key")
    void deleteWritesATombstone() {
        d.create("job-1", "b1");
        d.command(CommandType.DELETE, "job-1", t(1));

        var records = d.status().readKeyValuesToList();
        assertThat(records.get(records.size() - 1).key).isEqualTo("job-1");
        assertThat(records.get(records.size() - 1).value).isNull();
        assertThat(eventTypes()).containsExactly(EventType.CREATED, EventType.DELETED);
    }

    @Test
    @DisplayName("given a cancelled job, when its batch is observed, then the observation is counted as ignored")
    void observationsOfACancelledJobAreCountedIgnored() {
        d.create("job-1", "b1");
        d.command(CommandType.CANCEL, "job-1", t(1));
        d.observe("job-1", "b1", COMPLETED, t(2));

        assertThat(d.counter(ProcessorMetrics.OBSERVATIONS, "outcome", "ignored")).isEqualTo(1.0);
        assertThat(d.triggers.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("given a deadline, when wall-clock time passes it, then the punctuator times the open batches out and the job triggers, once")
    void theDeadlinePunctuatorRunsOnWallClockTime() {
        var s = Driver.spec("b1", "b2");
        d.create("job-1", new JobSpec(s.name(), s.batchIds(), s.openaiSecret(), s.target(), null, null, null, null, t(60), null), T0);
        d.observe("job-1", "b1", COMPLETED, t(1));
        d.driver.advanceWallClockTime(Duration.ofSeconds(30));
        assertThat(d.triggers.isEmpty()).isTrue();

        d.driver.advanceWallClockTime(Duration.ofSeconds(40));
        assertThat(d.triggers.readValue().batches()).extracting(b -> b.status()).containsExactly(COMPLETED, TIMED_OUT);
        assertThat(eventTypes()).endsWith(EventType.TIMED_OUT, EventType.TRIGGER_REQUESTED);
        assertThat(d.counter(ProcessorMetrics.JOBS_TIMED_OUT)).isEqualTo(1.0);

        d.driver.advanceWallClockTime(Duration.ofSeconds(40));
        assertThat(d.triggers.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("given a retriggered job, when the old generation's result arrives late, then it is counted stale and publishes nothing")
    void aLateResultOfAnOldGenerationIsCountedStale() {
        d.create("job-1", "b1");
        d.observe("job-1", "b1", COMPLETED, t(1));
        d.result("job-1", 1, TriggerOutcome.FAILED, t(2));
        d.command(CommandType.RETRIGGER, "job-1", t(3));
        assertThat(d.triggers.readValuesToList()).extracting(TriggerCommand::triggerId).containsExactly("job-1:1", "job-1:2");
        d.status().readValuesToList();

        d.result("job-1", 1, TriggerOutcome.OK, t(4));

        assertThat(d.status().isEmpty()).isTrue();
        assertThat(d.counter(ProcessorMetrics.TRIGGER_RESULTS, "outcome", "stale")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("given the topology, then the job processor declares its four stores, and each output type has a sink of its own topic")
    void theProcessorDeclaresItsStoresAndEachOutputHasItsSink() {
        var settings = ProcessorSettings.defaults(Topics.withDefaultPrefix());
        TopologyDescription description = JobTopology.build(settings, new SimpleMeterRegistry()).describe();
        var nodes = description.subtopologies().stream().flatMap(s -> s.nodes().stream()).toList();

        assertThat(nodes).filteredOn(n -> n.name().equals(JobTopology.PROCESSOR)).singleElement()
                .satisfies(n -> assertThat(((TopologyDescription.Processor) n).stores())
                        .containsExactlyInAnyOrder(settings.storeName(), settings.batchStoreName(),
                                settings.deadlineStoreName(), settings.unpublishedStoreName()));
        assertThat(nodes).filteredOn(n -> n instanceof TopologyDescription.Sink)
                .extracting(n -> n.name() + " -> " + ((TopologyDescription.Sink) n).topic())
                .contains(JobTopology.JOB_STATUS_SINK + " -> " + settings.topics().jobStatus().name(),
                        JobTopology.JOB_EVENTS_SINK + " -> " + settings.topics().jobEvents().name(),
                        JobTopology.TRIGGERS_SINK + " -> " + settings.topics().triggers().name());
    }
}
