package dev.tecko.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.api.http.ApiProblem;
import dev.tecko.api.http.FieldError;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.BatchSnapshot;
import dev.tecko.schemas.JobPatch;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.TargetType;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.json.Json;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class JobRequestsTest {
    private static final String KEBOOLA = "\"keboolaSecret\":\"kbc\",\"keboolaStackUrl\":\"https://connection.keboola.com\","
            + "\"keboolaComponentId\":\"keboola.orchestrator\",\"keboolaConfigId\":\"123\"";
    private final JobRequests requests = new JobRequests(new TargetAllowList(List.of(), false), 3);

    @Test
    void givenACompleteKeboolaRequest_whenCreated_thenTheSpecCarriesEveryField() {
        var create = requests.create(body("{\"jobId\":\"j1\",\"name\":\"n\",\"batchIds\":[\"b1\",\"b2\"],\"openaiSecret\":\"o\","
                + KEBOOLA + ",\"keboolaBranchId\":789,\"keboolaConfigRowIds\":[\"1\",\"2\"],\"pollIntervalSeconds\":60,"
                + "\"minPollIntervalSeconds\":30,\"maxPollIntervalSeconds\":600,\"triggerPolicy\":{\"type\":\"min_completed_ratio\","
                + "\"minCompletedRatio\":0.5},\"deadline\":\"2026-11-22T06:00:00Z\",\"startPaused\":true}"));

        assertThat(create.jobId()).isEqualTo("j1");
        assertThat(create.spec().batchIds()).containsExactly("b1", "b2");
        assertThat(create.spec().target()).isEqualTo(new TriggerTarget(TargetType.KEBOOLA, "https://connection.keboola.com",
                "keboola.orchestrator", "123", "789", List.of("1", "2"), null, null, "kbc"));
        assertThat(create.spec().triggerPolicy()).isEqualTo(TriggerPolicy.minCompletedRatio(0.5));
        assertThat(create.spec().deadline()).isEqualTo(Instant.parse("2026-11-22T06:00:00Z"));
        assertThat(create.spec().paused()).isTrue();
        assertThat(create.spec().minPollIntervalSeconds()).isEqualTo(30);
    }

    @Test
    void givenExtendedVariablesAndABoundOnFailedRequests_whenCreated_thenTheSpecCarriesBoth() {
        var create = requests.create(body("{\"name\":\"n\",\"batchIds\":[\"b1\"],\"openaiSecret\":\"o\"," + KEBOOLA
                + ",\"variables\":\"extended\",\"triggerPolicy\":{\"type\":\"all_completed\",\"maxFailedRequestRatio\":0.1}}"));

        assertThat(create.spec().variables()).isEqualTo(dev.tecko.schemas.VariableSet.EXTENDED);
        assertThat(create.spec().triggerPolicy()).isEqualTo(TriggerPolicy.ALL_COMPLETED.withMaxFailedRequestRatio(0.1));
        assertThat(requests.create(body("{\"name\":\"n\",\"batchIds\":[\"b1\"],\"openaiSecret\":\"o\"," + KEBOOLA
                + ",\"variables\":\"teckochecker\"}")).spec().variables()).as("the default is not written").isNull();
    }

    @Test
    void givenDownstreamRetries_whenCreatedOrUpdated_thenTheSpecCarriesThemAndOutOfRangeNamesTheField() {
        var create = requests.create(body("{\"name\":\"n\",\"batchIds\":[\"b1\"],\"openaiSecret\":\"o\"," + KEBOOLA
                + ",\"downstreamRetries\":2}"));
        assertThat(create.spec().downstreamRetries()).isEqualTo(2);
        var problem = org.assertj.core.api.Assertions.catchThrowableOfType(ApiProblem.class,
                () -> requests.create(body("{\"name\":\"n\",\"batchIds\":[\"b1\"],\"openaiSecret\":\"o\"," + KEBOOLA
                        + ",\"downstreamRetries\":11}")));
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("downstreamRetries");
    }

    @Test
    void givenUnknownVariablesOrABoundOutsideZeroToOne_whenCreated_thenEachIsA400NamingItsField() {
        var problem = org.assertj.core.api.Assertions.catchThrowableOfType(ApiProblem.class,
                () -> requests.create(body("{\"name\":\"n\",\"batchIds\":[\"b1\"],\"openaiSecret\":\"o\"," + KEBOOLA
                        + ",\"variables\":\"all\",\"triggerPolicy\":{\"type\":\"always\",\"maxFailedRequestRatio\":1.5}}")));

        assertThat(problem.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("variables", "triggerPolicy.maxFailedRequestRatio");
        var text = org.assertj.core.api.Assertions.catchThrowableOfType(ApiProblem.class,
                () -> requests.create(body("{\"name\":\"n\",\"batchIds\":[\"b1\"],\"openaiSecret\":\"o\"," + KEBOOLA
                        + ",\"triggerPolicy\":{\"type\":\"always\",\"maxFailedRequestRatio\":\"lots\"}}")));
        assertThat(text.errors()).extracting(FieldError::field).containsExactly("triggerPolicy.maxFailedRequestRatio");
    }

    @Test
    void givenTeckoCheckersSnakeCaseNames_whenCreated_thenTheyAreAcceptedAsAliases() {
        var create = requests.create(body("{\"name\":\"tc\",\"batch_ids\":[\"b1\"],\"openai_secret_id\":\"o\",\"keboola_secret_id\":\"kbc\","
                + "\"keboola_stack_url\":\"https://connection.keboola.com\",\"keboola_component_id\":\"kds-team.app\","
                + "\"keboola_configuration_id\":42,\"poll_interval_seconds\":30}"));

        assertThat(create.spec().batchIds()).containsExactly("b1");
        assertThat(create.spec().openaiSecret()).isEqualTo("o");
        assertThat(create.spec().target().configId()).isEqualTo("42");
        assertThat(create.spec().pollIntervalSeconds()).isEqualTo(30);
        assertThat(requests.create(body("{\"name\":\"one\",\"batch_id\":\"b9\",\"openaiSecret\":\"o\"," + KEBOOLA + "}"))
                .spec().batchIds()).containsExactly("b9");
    }

    @Test
    void givenAWebhookRequest_whenCreated_thenTheTargetIsAWebhook() {
        var create = requests.create(body("{\"name\":\"w\",\"batchIds\":[\"b1\"],\"openaiSecret\":\"o\","
                + "\"webhookUrl\":\"https://x.keboola.cloud/hook\",\"webhookSecret\":\"sign\",\"triggerPolicy\":\"all_completed\"}"));

        assertThat(create.spec().target()).isEqualTo(TriggerTarget.webhook("https://x.keboola.cloud/hook", "sign"));
        assertThat(create.spec().triggerPolicy()).isEqualTo(TriggerPolicy.ALL_COMPLETED);
    }

    @Test
    void givenTheIdsDotAndDotDotAndADeadlinePastYear9999_whenCreated_thenEachIsA400NamingItsField() {
        // the processor refuses these too; the API answers 400 instead of 202 for a command that could never apply
        var problem = org.assertj.core.api.Assertions.catchThrowableOfType(dev.tecko.api.http.ApiProblem.class,
                () -> requests.create(body("{\"jobId\":\"..\",\"name\":\"n\",\"batchIds\":[\".\"],\"openaiSecret\":\"o\","
                        + KEBOOLA + ",\"deadline\":\"+10000-01-01T00:00:00Z\"}")));

        assertThat(problem.errors()).extracting(dev.tecko.api.http.FieldError::field).contains("jobId", "batchIds[0]");
        var late = org.assertj.core.api.Assertions.catchThrowableOfType(dev.tecko.api.http.ApiProblem.class,
                () -> requests.create(body("{\"name\":\"n\",\"batchIds\":[\"b1\"],\"openaiSecret\":\"o\","
                        + KEBOOLA + ",\"deadline\":\"+10000-01-01T00:00:00Z\"}")));
        assertThat(late.errors()).extracting(dev.tecko.api.http.FieldError::field).containsExactly("deadline");
    }

    @Test
    void givenManyFieldsAtFault_whenCreated_thenOneProblemListsEveryOne() {
        assertErrors(() -> requests.create(body("{\"name\":\"\",\"batchIds\":[\"ok\",\"bad id\",\"ok\"],\"openaiSecret\":7,"
                        + "\"keboolaSecret\":\"kbc\",\"keboolaStackUrl\":\"http://connection.keboola.com\",\"pollIntervalSeconds\":5,"
                        + "\"deadline\":\"tomorrow\",\"triggerPolicy\":{\"type\":\"sometimes\"},\"startPaused\":\"yes\",\"pollIntervalSecs\":60}")),
                new FieldError("name", "must not be blank"),
                new FieldError("batchIds[1]", "must be 1-255 characters of letters, digits, '_', '.', ':' or '-', and not '.' or '..'"),
                new FieldError("batchIds[2]", "repeats 'ok'"),
                new FieldError("openaiSecret", "must be a string"),
                new FieldError("keboolaStackUrl", "must be https"),
                new FieldError("keboolaComponentId", "is required"),
                new FieldError("keboolaConfigId", "is required"),
                new FieldError("pollIntervalSeconds", "must be between 10 and 86400"),
                new FieldError("triggerPolicy.type", "must be always, all_completed or min_completed_ratio"),
                new FieldError("deadline", "must be an ISO-8601 UTC instant such as 2026-11-21T10:15:30Z"),
                new FieldError("startPaused", "must be true or false"),
                new FieldError("pollIntervalSecs", "is not a known field"));
    }

    @Test
    void givenMissingRequiredFieldsAndTooManyBatches_whenCreated_thenEachIsNamed() {
        assertErrors(() -> requests.create(body("{\"batchIds\":[\"a\",\"b\",\"c\",\"d\"]}")),
                new FieldError("name", "is required"),
                new FieldError("batchIds", "must hold 1 to 3 entries, got 4"),
                new FieldError("openaiSecret", "is required"),
                new FieldError("keboolaSecret", "is required"),
                new FieldError("keboolaStackUrl", "is required"),
                new FieldError("keboolaComponentId", "is required"),
                new FieldError("keboolaConfigId", "is required"));
    }

    @Test
    void givenBothTargetKindsOrCrossFieldBreaks_whenCreated_thenTheFieldAtFaultIsNamed() {
        assertErrors(() -> requests.create(body("{\"name\":\"n\",\"batchIds\":[\"b\"],\"openaiSecret\":\"o\"," + KEBOOLA
                        + ",\"webhookUrl\":\"https://h.keboola.com\",\"webhookSecret\":\"w\"}")),
                new FieldError("webhookUrl", "a job has either the Keboola fields or the webhook fields, not both"));
        assertErrors(() -> requests.create(body("{\"name\":\"n\",\"batchIds\":[\"b\"],\"openaiSecret\":\"o\"," + KEBOOLA
                        + ",\"pollIntervalSeconds\":60,\"minPollIntervalSeconds\":120}")),
                new FieldError("minPollIntervalSeconds", "must not exceed pollIntervalSeconds"));
        assertErrors(() -> requests.create(body("{\"name\":\"n\",\"batchIds\":[\"b\"],\"openaiSecret\":\"o\"," + KEBOOLA
                        + ",\"keboola_secret_id\":\"again\"}")),
                new FieldError("keboolaSecret", "given twice (as keboolaSecret and as its alias keboola_secret_id)"));
    }

    @Test
    void givenAnUpdate_whenItChangesPartOfTheTarget_thenTheRestOfTheCurrentTargetStays() {
        JobPatch patch = requests.update(body("{\"keboolaConfigId\":\"999\",\"clearDeadline\":true}"), job());

        assertThat(patch.target()).isEqualTo(new TriggerTarget(TargetType.KEBOOLA, "https://connection.keboola.com", "comp", "999",
                null, List.of(), null, null, "kbc"));
        assertThat(patch.clearDeadline()).isTrue();
        assertThat(requests.update(body("{\"name\":\"only\"}"), job()).target()).isNull();
        assertThat(requests.update(body("{\"webhookUrl\":\"https://h.keboola.com\",\"webhookSecret\":\"w\"}"), job()).target())
                .isEqualTo(TriggerTarget.webhook("https://h.keboola.com", "w"));
    }

    @Test
    void givenAnUpdateThatCannotApply_whenValidated_thenTheProblemNamesTheField() {
        assertErrors(() -> requests.update(body("{\"batchIds\":[\"x\"]}"), job()),
                new FieldError("batchIds", "cannot change after the job is created"));
        assertErrors(() -> requests.update(body("{}"), job()), new FieldError("body", "must change at least one field"));
        assertErrors(() -> requests.update(body("{\"maxPollIntervalSeconds\":60}"), job()),
                new FieldError("maxPollIntervalSeconds", "must not be below pollIntervalSeconds"));
        assertErrors(() -> requests.update(body("{\"webhookUrl\":\"https://h.keboola.com\"}"), job()),
                new FieldError("webhookSecret", "is required"));
    }

    private static JobSnapshot job() {
        return new JobSnapshot(1, "j", "name", JobStatus.ACTIVE, 1, List.of(BatchSnapshot.pending("b")), null, "o",
                TriggerTarget.keboola("https://connection.keboola.com", "comp", "1", "kbc"), 120, null, null, null,
                Instant.parse("2026-01-02T00:00:00Z"), null, Instant.EPOCH, Instant.EPOCH, null, 1);
    }

    /** Also used by {@link JobRequestsTagTest}. */
    static void assertErrors(ThrowingCallable call, FieldError... expected) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.type().status()).isEqualTo(400);
            assertThat(p.errors()).containsExactly(expected);
        });
    }

    static ObjectNode body(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
