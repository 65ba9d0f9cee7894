package dev.tecko.processor.topology;

import static dev.tecko.processor.topology.Driver.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.processor.metrics.ProcessorMetrics;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.KeboolaVariables;
import dev.tecko.schemas.ObservationSource;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.TokenUsage;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.VariableSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Outcomes the policy can see, and token usage counted once (issue 15, parts 2 and 3), through the topology: a batch
 * {@code completed} with every request failed, the bound on failed requests, {@code cancelling} not being terminal, usage
 * per batch and per job, the tokens metric, and the extended Keboola variables.
 */
class OutcomesTopologyTest {
    private static final TokenUsage USAGE_B1 = new TokenUsage(1_000, 200, 1_200, 400, 50);
    private static final TokenUsage USAGE_B2 = new TokenUsage(3_000, 700, 3_700, 0, 0);

    private final Driver d = new Driver();

    @AfterEach
    void close() {
        d.close();
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static BatchObservation seen(String batchId, BatchStatus status, RequestCounts counts, TokenUsage usage, Instant at) {
        return new BatchObservation(Check.CURRENT_SCHEMA_VERSION, "job-1", batchId, status, counts,
                status.isCompleted() ? "file-out-" + batchId : null, counts.failed() > 0 ? "file-err-" + batchId : null, List.of(),
                null, Map.of(), at, ObservationSource.POLL, null, null, usage, "gpt-4o-mini");
    }

    private void createJob(TriggerPolicy policy, VariableSet variables) {
        d.create("job-1", new JobSpec("job", List.of("b1", "b2"), "openai", Driver.TARGET, null, null, null, policy, null, null,
                variables), T0);
    }

    private List<EventType> eventTypes() {
        return d.drainEvents().stream().map(JobEvent::type).toList();
    }

    @Test
    @DisplayName("given all_completed, when a batch completes with every request failed, then the job fails, triggers nothing, and the batch is flagged")
    void aCompletedBatchWithEveryRequestFailedIsAFailureForAllCompleted() {
        createJob(TriggerPolicy.ALL_COMPLETED, null);
        d.observe(seen("b1", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0), null, t(1)));
        d.observe(seen("b2", BatchStatus.COMPLETED, new RequestCounts(10, 0, 10), null, t(2)));

        assertThat(d.drainTriggers()).isEmpty();
        JobSnapshot job = d.lastSnapshot();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.batches()).extracting(b -> b.allRequestsFailed()).containsExactly(null, Boolean.TRUE);
        assertThat(job.counts().completed()).as("counts stay by status, as the contract says").isEqualTo(2);
        List<JobEvent> events = d.drainEvents();
        JobEvent changed = events.stream().filter(e -> "b2".equals(e.batchId())).findFirst().orElseThrow();
        assertThat(changed.allRequestsFailed()).isTrue();
        assertThat(changed.requestCounts()).isEqualTo(new RequestCounts(10, 0, 10));
        assertThat(events.get(events.size() - 1).type()).isEqualTo(EventType.FAILED);
        assertThat(events.get(events.size() - 1).message()).contains("1 of 2 batches completed");
    }

    @Test
    @DisplayName("given always, when a batch completes with every request failed, then the job triggers and ends completed_with_failures, not completed")
    void alwaysTriggersButTheJobIsNotASuccess() {
        createJob(TriggerPolicy.ALWAYS, null);
        d.observe(seen("b1", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0), null, t(1)));
        d.observe(seen("b2", BatchStatus.COMPLETED, new RequestCounts(10, 0, 10), null, t(2)));
        TriggerCommand trigger = d.drainTriggers().get(0);
        assertThat(trigger.batches().get(1).allRequestsFailed()).isTrue();
        assertThat(trigger.variables()).as("TeckoChecker's five stay exactly as they were: by status")
                .containsEntry(KeboolaVariables.BATCH_COUNT_COMPLETED, "2").hasSize(5);

        d.result("job-1", 1, TriggerOutcome.OK, t(3));
        assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.COMPLETED_WITH_FAILURES);
    }

    @Test
    @DisplayName("given maxFailedRequestRatio 0.05, when 6 of 100 requests failed, then the job fails naming the bound; at exactly 5 it triggers")
    void theFailedRequestBoundRefusesAboveItAndAllowsAtIt() {
        createJob(TriggerPolicy.ALWAYS.withMaxFailedRequestRatio(0.05), null);
        d.observe(seen("b1", BatchStatus.COMPLETED, new RequestCounts(50, 47, 3), null, t(1)));
        d.observe(seen("b2", BatchStatus.COMPLETED, new RequestCounts(50, 47, 3), null, t(2)));
        assertThat(d.drainTriggers()).isEmpty();
        assertThat(d.lastSnapshot().status()).isEqualTo(JobStatus.FAILED);
        List<JobEvent> events = d.drainEvents();
        assertThat(events.get(events.size() - 1).message()).contains("maxFailedRequestRatio 0.05").contains("6 of 100 requests failed");

        d.close();
        var again = new Driver();
        try {
            again.create("job-1", new JobSpec("job", List.of("b1", "b2"), "openai", Driver.TARGET, null, null, null,
                    TriggerPolicy.ALWAYS.withMaxFailedRequestRatio(0.05), null, null), T0);
            again.observe(seen("b1", BatchStatus.COMPLETED, new RequestCounts(50, 47, 3), null, t(1)));
            again.observe(seen("b2", BatchStatus.COMPLETED, new RequestCounts(50, 48, 2), null, t(2)));
            assertThat(again.drainTriggers()).as("5 of 100 is not above 0.05").hasSize(1);
        } finally {
            again.close();
        }
    }

    @Test
    @DisplayName("given a batch cancelling, then the job waits (cancelling is not terminal); once cancelled it proceeds")
    void cancellingIsNotTerminal() {
        createJob(TriggerPolicy.ALWAYS, null);
        d.observe(seen("b1", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0), null, t(1)));
        d.observe(seen("b2", BatchStatus.CANCELLING, new RequestCounts(10, 4, 0), null, t(2)));
        assertThat(d.drainTriggers()).isEmpty();
        JobSnapshot job = d.lastSnapshot();
        assertThat(job.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(job.counts().open()).isEqualTo(1);

        d.observe(seen("b2", BatchStatus.CANCELLED, new RequestCounts(10, 4, 0), null, t(600)));
        assertThat(d.drainTriggers()).hasSize(1);
    }

    @Test
    @DisplayName("given batches with and without usage, then each keeps its own, the job totals those that have one, and none means no numbers")
    void usageIsKeptPerBatchAndTotalledPerJob() {
        createJob(TriggerPolicy.ALWAYS, null);
        d.observe(seen("b1", BatchStatus.IN_PROGRESS, new RequestCounts(10, 3, 0), null, t(1)));
        assertThat(d.lastSnapshot().usage()).as("no batch reported usage: no numbers, not zeros").isNull();

        d.observe(seen("b1", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0), USAGE_B1, t(2)));
        d.observe(seen("b2", BatchStatus.FAILED, new RequestCounts(0, 0, 0), null, t(3)));
        JobSnapshot job = d.lastSnapshot();
        assertThat(job.batches()).extracting(b -> b.usage()).containsExactly(USAGE_B1, null);
        assertThat(job.batches().get(0).model()).isEqualTo("gpt-4o-mini");
        assertThat(job.usage()).isEqualTo(USAGE_B1);
        assertThat(job.requestCounts()).isEqualTo(new RequestCounts(10, 10, 0));
    }

    @Test
    @DisplayName("given a batch's terminal observation, when it is delivered again, later or replayed, then its tokens are counted once")
    void tokensAreCountedOncePerBatch() {
        createJob(TriggerPolicy.ALWAYS, null);
        d.observe(seen("b1", BatchStatus.IN_PROGRESS, new RequestCounts(10, 5, 0), new TokenUsage(500, 100, 600, 0, 0), t(1)));
        assertThat(d.counter(ProcessorMetrics.BATCH_TOKENS, "kind", "total", "model", "gpt-4o-mini"))
                .as("usage of an open batch is not counted: it grows until the batch ends").isZero();

        var terminal = seen("b1", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0), USAGE_B1, t(2));
        d.observe(terminal);
        d.observe(terminal);
        d.observe(seen("b1", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0), USAGE_B1, t(30)));
        d.observe(seen("b2", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0), USAGE_B2, t(3)));
        d.observe(seen("b2", BatchStatus.COMPLETED, new RequestCounts(10, 10, 0), USAGE_B2, t(3)));

        assertThat(d.counter(ProcessorMetrics.BATCH_TOKENS, "kind", "total", "model", "gpt-4o-mini")).isEqualTo(1_200.0 + 3_700.0);
        assertThat(d.counter(ProcessorMetrics.BATCH_TOKENS, "kind", "input", "model", "gpt-4o-mini")).isEqualTo(4_000.0);
        assertThat(d.counter(ProcessorMetrics.BATCH_TOKENS, "kind", "cached", "model", "gpt-4o-mini")).isEqualTo(400.0);
        assertThat(d.counter(ProcessorMetrics.BATCH_TOKENS, "kind", "reasoning", "model", "gpt-4o-mini")).isEqualTo(50.0);
        assertThat(d.lastSnapshot().usage().totalTokens()).isEqualTo(4_900);
    }

    @Test
    @DisplayName("given variables extended, when the job triggers, then the trigger carries TeckoChecker's five and the four extended variables")
    void extendedVariablesAreSentWhenAskedFor() {
        createJob(TriggerPolicy.ALWAYS, VariableSet.EXTENDED);
        assertThat(d.lastSnapshot().variables()).isEqualTo(VariableSet.EXTENDED);
        d.observe(seen("b1", BatchStatus.COMPLETED, new RequestCounts(10, 9, 1), USAGE_B1, t(1)));
        d.observe(seen("b2", BatchStatus.EXPIRED, new RequestCounts(20, 5, 0), null, t(2)));

        Map<String, String> variables = d.drainTriggers().get(0).variables();
        assertThat(variables).containsEntry(KeboolaVariables.BATCH_IDS_COMPLETED, "[\"b1\"]")
                .containsEntry(KeboolaVariables.BATCH_OUTPUT_FILE_IDS, "{\"b1\":\"file-out-b1\"}")
                .containsEntry(KeboolaVariables.BATCH_ERROR_FILE_IDS, "{\"b1\":\"file-err-b1\"}")
                .containsEntry(KeboolaVariables.BATCH_REQUEST_COUNTS,
                        "{\"b1\":{\"total\":10,\"completed\":9,\"failed\":1},\"b2\":{\"total\":20,\"completed\":5,\"failed\":0}}")
                .containsEntry(KeboolaVariables.BATCH_TOKENS_TOTAL, "1200")
                .hasSize(9);
    }

    @Test
    @DisplayName("given an Anthropic batch, when its own status changes while the mapped one does not, then the snapshot keeps the provider and its latest status word, and an unchanged re-delivery is stale")
    void theProvidersOwnStatusIsKept() {
        createJob(TriggerPolicy.ALWAYS, null);
        d.observe(anthropic("b1", BatchStatus.IN_PROGRESS, "in_progress", t(1)));
        d.observe(anthropic("b1", BatchStatus.IN_PROGRESS, "canceling", t(2)));
        d.observe(anthropic("b1", BatchStatus.IN_PROGRESS, "canceling", t(3)));

        var batch = d.lastSnapshot().batches().get(0);
        assertThat(batch.provider()).isEqualTo(dev.tecko.schemas.Provider.ANTHROPIC);
        assertThat(batch.providerStatus()).as("a status word the mapped status does not show is news").isEqualTo("canceling");
        assertThat(d.counter(dev.tecko.processor.metrics.ProcessorMetrics.OBSERVATIONS, "outcome", "stale"))
                .as("the third says nothing new").isEqualTo(1.0);
        // a poll error (a 503 from the provider) carries no provider fields: the batch keeps what was known
        d.observe(new BatchObservation(Check.CURRENT_SCHEMA_VERSION, "job-1", "b1", BatchStatus.IN_PROGRESS, new RequestCounts(10, 2, 0),
                null, null, List.of(), null, Map.of(), t(4), ObservationSource.POLL,
                new dev.tecko.schemas.PollError("server_error", "answered 503", 503), null, null, null));
        var afterError = d.lastSnapshot().batches().get(0);
        assertThat(afterError.pollError()).isNotNull();
        assertThat(afterError.provider()).isEqualTo(dev.tecko.schemas.Provider.ANTHROPIC);
        assertThat(afterError.providerStatus()).isEqualTo("canceling");
    }

    private static BatchObservation anthropic(String batchId, BatchStatus status, String word, Instant at) {
        return new BatchObservation(Check.CURRENT_SCHEMA_VERSION, "job-1", batchId, status, new RequestCounts(10, 2, 0), null, null,
                List.of(), null, Map.of(), at, ObservationSource.POLL, null, null, null, null, dev.tecko.schemas.Provider.ANTHROPIC, word);
    }
}
