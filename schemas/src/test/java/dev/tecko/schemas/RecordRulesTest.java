package dev.tecko.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.schemas.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("record rules")
class RecordRulesTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    private static final TriggerTarget KBC = TriggerTarget.keboola("https://connection.keboola.com", "kds-team.app-custom-python", "1", "kbc");

    @Test
    @DisplayName("given batch statuses when classified then the five terminal ones are terminal and only completed is success")
    void givenBatchStatuses_whenClassified_thenTerminalAndCompleted() {
        assertThat(List.of(BatchStatus.values()).stream().filter(BatchStatus::isTerminal))
                .containsExactly(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.EXPIRED, BatchStatus.CANCELLED, BatchStatus.TIMED_OUT);
        assertThat(List.of(BatchStatus.values()).stream().filter(BatchStatus::isCompleted)).containsExactly(BatchStatus.COMPLETED);
        assertThat(BatchStatus.fromWire("in_progress")).isEqualTo(BatchStatus.IN_PROGRESS);
        assertThat(BatchStatus.TIMED_OUT.wire()).isEqualTo("timed_out");
        assertThatThrownBy(() -> BatchStatus.fromWire("done")).hasMessage("status: unknown batch status 'done'");
    }

    @Test
    @DisplayName("given job statuses when classified then active and paused are watched and the five end states are finished")
    void givenJobStatuses_whenClassified_thenWatchingAndFinished() {
        assertThat(List.of(JobStatus.values()).stream().filter(JobStatus::isWatching)).containsExactly(JobStatus.ACTIVE, JobStatus.PAUSED);
        assertThat(List.of(JobStatus.values()).stream().filter(JobStatus::isFinished)).containsExactly(JobStatus.COMPLETED,
                JobStatus.COMPLETED_WITH_FAILURES, JobStatus.FAILED, JobStatus.TRIGGER_FAILED, JobStatus.CANCELLED);
        assertThat(JobStatus.COMPLETED_WITH_FAILURES.wire()).isEqualTo("completed_with_failures");
    }

    @Test
    @DisplayName("given request counts when progress is asked then it is the finished share, 0 when unknown, at most 1")
    void givenRequestCounts_whenProgress_thenShare() {
        assertThat(new RequestCounts(4, 1, 1).progress()).isEqualTo(0.5);
        assertThat(RequestCounts.NONE.progress()).isZero();
        assertThat(new RequestCounts(1, 2, 0).progress()).isEqualTo(1.0);
        assertThatThrownBy(() -> new RequestCounts(-1, 0, 0)).hasMessageStartingWith("requestCounts.total");
    }

    @Test
    @DisplayName("given a snapshot with stale counts when constructed then counts are recomputed from the batches")
    void givenSnapshotWithStaleCounts_whenConstructed_thenRecomputed() {
        var batches = List.of(BatchSnapshot.pending("b1"),
                new BatchSnapshot("b2", BatchStatus.COMPLETED, null, null, null, null, T, null),
                new BatchSnapshot("b3", BatchStatus.TIMED_OUT, null, null, null, null, T, null));
        var snapshot = new JobSnapshot(0, "job", "n", JobStatus.ACTIVE, 1, batches, new BatchCounts(3, 3, 0, 0), "oa", KBC, 120,
                null, null, null, null, null, T, T, null, 0);
        assertThat(snapshot.counts()).isEqualTo(new BatchCounts(3, 1, 1, 1));
        assertThat(snapshot.counts().allTerminal()).isFalse();
        assertThat(snapshot.triggerPolicy()).isEqualTo(TriggerPolicy.ALWAYS);
        assertThat(snapshot.schemaVersion()).isEqualTo(1);
        assertThatThrownBy(() -> new BatchCounts(2, 1, 0, 0)).hasMessage("counts: completed + failed + open must equal total");
    }

    @Test
    @DisplayName("given a spec without options when constructed then defaults apply; poll bounds must bracket the interval")
    void givenSpec_whenConstructed_thenDefaultsAndBounds() {
        var spec = JobSpec.of("n", List.of("b1"), "oa", KBC);
        assertThat(spec.pollIntervalSeconds()).isEqualTo(120);
        assertThat(spec.triggerPolicy()).isEqualTo(TriggerPolicy.ALWAYS);
        assertThat(spec.paused()).isFalse();
        assertThat(new JobSpec("n", List.of("b1"), "oa", KBC, null, null, null, null, null, false).startPaused()).isNull();
        assertThat(new JobSpec("n", List.of("b1"), "oa", KBC, null, null, null, null, null, true).paused()).isTrue();
        assertThatThrownBy(() -> new JobSpec("n", List.of("b1"), "oa", KBC, 60, 61, null, null, null, null))
                .hasMessage("minPollIntervalSeconds: must not exceed pollIntervalSeconds");
        assertThatThrownBy(() -> new JobSpec("n", List.of("b1"), "oa", KBC, 60, null, 59, null, null, null))
                .hasMessage("maxPollIntervalSeconds: must not be below pollIntervalSeconds");
    }

    @Test
    @DisplayName("given commands when built by their factories then spec and patch go only with create and update")
    void givenCommands_whenBuilt_thenSpecAndPatchOnlyWhereTheyBelong() {
        var spec = JobSpec.of("n", List.of("b1"), "oa", KBC);
        assertThat(JobCommand.create("c", "j", spec, T).type()).isEqualTo(CommandType.CREATE);
        var patch = new JobPatch("new name", null, null, null, null, null, null, null, null);
        assertThat(JobCommand.update("c", "j", patch, T).patch()).isEqualTo(patch);
        assertThat(JobCommand.of(CommandType.CANCEL, "c", "j", T).spec()).isNull();
        assertThatThrownBy(() -> new JobCommand(1, "c", "j", CommandType.PAUSE, spec, null, T, null, null)).hasMessage("spec: only applies to create");
        assertThatThrownBy(() -> new JobCommand(1, "c", "j", CommandType.PAUSE, null, patch, T, null, null)).hasMessage("patch: only applies to update");
        assertThatThrownBy(() -> new JobPatch(null, null, null, null, null, null, null, T, true)).hasMessage("clearDeadline: cannot be combined with a new deadline");
    }

    @Test
    @DisplayName("given targets when constructed then keboola and webhook fields do not mix")
    void givenTargets_whenConstructed_thenFieldsDoNotMix() {
        assertThat(TriggerTarget.webhook("https://h.example.com/x", "s").configRowIds()).isEmpty();
        assertThatThrownBy(() -> new TriggerTarget(TargetType.KEBOOLA, "https://c.keboola.com", "c", "1", null, null, null, "https://h.example.com", "s"))
                .hasMessage("target.url: only applies to type webhook");
        assertThatThrownBy(() -> new TriggerTarget(TargetType.WEBHOOK, null, null, null, null, List.of("1"), null, "https://h.example.com", "s"))
                .hasMessage("target: a webhook target takes only url and secret");
        assertThatThrownBy(() -> new TriggerTarget(TargetType.KEBOOLA, "https://c.keboola.com", "c", "1", null, List.of(" "), null, null, "s"))
                .hasMessage("target.configRowIds[0]: must not be blank");
    }

    @Test
    @DisplayName("given triggers and results when built then the trigger id is jobId:generation and must match")
    void givenTriggersAndResults_whenBuilt_thenDeterministicTriggerId() {
        var outcome = BatchOutcome.of(new BatchSnapshot("b1", BatchStatus.COMPLETED, null, "file-1", null, null, T, null));
        var trigger = TriggerCommand.of("job", "n", 3, KBC, List.of(outcome), T);
        assertThat(trigger.triggerId()).isEqualTo("job:3");
        assertThat(trigger.variables()).containsEntry("batch_count_total", "1");
        assertThatThrownBy(() -> new TriggerCommand(1, "job:2", "job", "n", 3, KBC, trigger.variables(), List.of(outcome), T))
                .hasMessage("triggerId: must be 'job:3'");
        assertThatThrownBy(() -> new BatchOutcome("b1", BatchStatus.IN_PROGRESS, null, null, null))
                .hasMessage("batches.status: a triggered batch must be terminal, got in_progress");
        var ok = new TriggerResult(1, "job:3", "job", 3, TriggerOutcome.OK, null, null, null, null, 201, 1, null, T);
        assertThat(ok.ok()).isTrue();
        assertThatThrownBy(() -> new TriggerResult(1, "job:3", "job", 3, TriggerOutcome.UNKNOWN, null, null, null, null, null, 1, "", T))
                .hasMessage("error: is required when outcome is unknown");
        assertThatThrownBy(() -> new TriggerResult(1, "job:4", "job", 3, TriggerOutcome.OK, null, null, null, null, null, 1, null, T))
                .hasMessage("triggerId: must be 'job:3'");
    }

    @Test
    @DisplayName("given an encrypted secret when printed then neither nonce nor ciphertext shows")
    void givenEncryptedSecret_whenPrinted_thenNoCiphertext() {
        var secret = new EncryptedSecret(1, "kbc", SecretType.KEBOOLA, "", null, null, "AAAAAAAAAAAAAAAA", "c2VjcmV0LWNpcGhlcnRleHQ=", T);
        assertThat(secret.toString()).doesNotContain("c2VjcmV0").doesNotContain("AAAAAAAA").contains("kbc");
        assertThat(secret.baseUrl()).isNull();
        assertThat(secret.algorithm()).isEqualTo(EncryptedSecret.AES_256_GCM);
        assertThatThrownBy(() -> new EncryptedSecret(1, "kbc", SecretType.KEBOOLA, null, "AES", null, "AA==", "AA==", T)).hasMessage("algorithm: must be AES-256-GCM");
        assertThatThrownBy(() -> new EncryptedSecret(1, "kbc", SecretType.KEBOOLA, null, null, null, "%%", "AA==", T)).hasMessage("nonce: must be base64");
    }

    @Test
    @DisplayName("given a rejection code when the event is not a rejection then it is refused, and it reads and writes as its wire name")
    void givenARejectionCode_whenOnAnotherEvent_thenRefused() throws Exception {
        assertThatThrownBy(() -> new JobEvent(1, "job-1", 1, EventType.PAUSED, T, JobStatus.PAUSED, 1, null, null, null, null, null,
                null, RejectionCode.INVALID)).hasMessage("rejectionCode: only a command_rejected event has one");
        var rejected = new JobEvent(1, "job-1", 0, EventType.COMMAND_REJECTED, T, null, 0, null, null, null, null, "cmd-1",
                "job job-1 does not exist", RejectionCode.NOT_FOUND);
        String json = Json.mapper().writeValueAsString(rejected);
        assertThat(json).contains("\"rejectionCode\":\"not_found\"");
        assertThat(Json.mapper().readValue(json, JobEvent.class)).isEqualTo(rejected);
    }
}
