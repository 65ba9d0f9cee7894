package dev.tecko.app.cli;

import static dev.tecko.app.cli.Cli.TOKEN;
import static dev.tecko.app.cli.Cli.apiAt;
import static dev.tecko.app.cli.Cli.json;
import static dev.tecko.app.cli.Cli.problem;
import static dev.tecko.app.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.app.Tecko;
import dev.tecko.schemas.json.Json;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobCreateCommandTest {
    private static final List<String> REQUIRED = List.of("job", "create", "--name", "Nightly enrichment",
            "--batch-id", "batch_abc", "--batch-id", "batch_def", "--openai-secret", "openai-prod");
    private static final List<String> KEBOOLA = List.of("--keboola-secret", "kbc-prod", "--keboola-stack", "https://connection.keboola.com",
            "--component-id", "keboola.orchestrator", "--config-id", "123456");

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private static String[] args(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String[] keboolaJob(String... more) {
        List<String> all = new ArrayList<>(REQUIRED);
        all.addAll(KEBOOLA);
        return args(all, more);
    }

    @Test
    void givenEveryKeboolaFlag_whenCreatingAJob_thenItPostsTheApisCamelCaseBodyWithTheBearerToken() throws Exception {
        server.enqueue(json(201, ApiFixtures.JOB));

        Cli.Run run = run(apiAt(server), keboolaJob("--branch-id", "789", "--config-row-id", "1", "--config-row-id", "2",
                "--poll-interval", "120", "--min-poll-interval", "30", "--max-poll-interval", "600", "--min-completed-ratio", "0.8",
                "--deadline", "2026-11-22T06:00:00Z", "--paused", "--id", "nightly-2026-11-21"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Tecko.OK);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/jobs");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(Json.mapper().readTree(request.getBody().utf8())).isEqualTo(Json.mapper().readTree("""
                {"jobId": "nightly-2026-11-21", "name": "Nightly enrichment", "batchIds": ["batch_abc", "batch_def"],
                 "openaiSecret": "openai-prod", "keboolaSecret": "kbc-prod", "keboolaStackUrl": "https://connection.keboola.com",
                 "keboolaComponentId": "keboola.orchestrator", "keboolaConfigId": "123456", "keboolaBranchId": "789",
                 "keboolaConfigRowIds": ["1", "2"], "pollIntervalSeconds": 120, "minPollIntervalSeconds": 30,
                 "maxPollIntervalSeconds": 600, "triggerPolicy": {"type": "min_completed_ratio", "minCompletedRatio": 0.8},
                 "deadline": "2026-11-22T06:00:00Z", "startPaused": true}"""));
    }

    @Test
    void givenExtendedVariablesAndABoundOnFailedRequests_whenCreated_thenTheBodyCarriesThemAndThePolicyDefaultsToAlways() throws Exception {
        server.enqueue(json(201, ApiFixtures.JOB));

        Cli.Run run = run(apiAt(server), keboolaJob("--variables", "extended", "--max-failed-request-ratio", "0.05",
                "--downstream-retries", "2"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Tecko.OK);
        var body = Json.mapper().readTree(server.takeRequest().getBody().utf8());
        assertThat(body.path("variables").asText()).isEqualTo("extended");
        assertThat(body.path("downstreamRetries").asInt()).isEqualTo(2);
        assertThat(body.path("triggerPolicy")).isEqualTo(Json.mapper().readTree("{\"type\": \"always\", \"maxFailedRequestRatio\": 0.05}"));
    }

    @Test
    void givenABatchTagAndItsSettingsAndNoBatchId_whenCreatingAJob_thenTheBodyCarriesTheTagAsKeyAndValue() throws Exception {
        server.enqueue(json(201, ApiFixtures.TAGGED_JOB));

        Cli.Run run = run(apiAt(server), args(List.of("job", "create", "--name", "Nightly", "--openai-secret", "openai-prod"),
                args(KEBOOLA, "--batch-tag", "run=nightly-2026-12-04", "--expected-batches", "12", "--seal-at", "2026-12-04T03:00:00Z",
                        "--tag-since", "2026-12-04T00:00:00Z")));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Tecko.OK);
        var body = Json.mapper().readTree(server.takeRequest().getBody().utf8());
        assertThat(body.has("batchIds")).as("no --batch-id: none sent").isFalse();
        assertThat(body.path("batchTag")).isEqualTo(Json.mapper().readTree("{\"key\": \"run\", \"value\": \"nightly-2026-12-04\"}"));
        assertThat(body.path("expectedBatches").asInt()).isEqualTo(12);
        assertThat(body.path("sealAt").asText()).isEqualTo("2026-12-04T03:00:00Z");
        assertThat(body.path("tagSince").asText()).isEqualTo("2026-12-04T00:00:00Z");
        assertThat(run.out()).contains("tag       run=nightly-2026-12-04 (batches created since 2026-12-04T00:00:00Z)")
                .contains("search    open: 0 batches found");
    }

    @Test
    void givenNeitherABatchIdNorABatchTag_whenCreatingAJob_thenItIsAUsageErrorNamingBothAndNothingIsSent() {
        Cli.Run run = run(apiAt(server), args(List.of("job", "create", "--name", "n", "--openai-secret", "o"), KEBOOLA.toArray(String[]::new)));

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("--batch-id BATCH_ID").contains("--batch-tag KEY=VALUE");
        assertThat(server.getRequestCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--seal-at 2026-12-04T03:00:00Z|--seal-at only goes with --batch-tag",
            "--expected-batches 3|--expected-batches only goes with --batch-tag",
            "--tag-since 2026-12-04T00:00:00Z|--tag-since only goes with --batch-tag",
            "--batch-tag nightly|expected KEY=VALUE such as run=nightly-2026-12-04"})
    void givenATagSettingWithoutATagOrATagWithoutKey_whenCreatingAJob_thenItIsAUsageErrorAndNothingIsSent(String flags, String message) {
        Cli.Run run = run(apiAt(server), keboolaJob(flags.split(" ")));

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains(message);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void givenTheApiRefusesTheTagsKey_whenCreatingAJob_thenTheErrorNamesTheFlag() {
        server.enqueue(problem(400, "{\"title\": \"Invalid request\", \"status\": 400, \"detail\": \"1 field is invalid\","
                + " \"errors\": [{\"field\": \"batchTag\", \"message\": \"batchTag needs an openai secret: anthropic batches carry no metadata\"}]}"));

        Cli.Run run = run(apiAt(server), keboolaJob("--batch-tag", "run=x"));

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("  --batch-tag: batchTag needs an openai secret: anthropic");
    }

    @Test
    void givenTheCreatedJob_whenCreated_thenItPrintsItsIdStatusAndBatches() {
        server.enqueue(json(201, ApiFixtures.JOB));

        Cli.Run run = run(apiAt(server), keboolaJob());

        assertThat(run.out()).contains("created job nightly-2026-11-21").contains("active (generation 1)")
                .contains("batch_abc").contains("batch_def").contains("pending");
    }

    @Test
    void givenWebhookFlagsAndNoOptions_whenCreatingAJob_thenTheBodyHasOnlyThoseFieldsSoTheApisDefaultsApply() throws Exception {
        server.enqueue(json(201, ApiFixtures.JOB));

        run(apiAt(server), args(REQUIRED, "--webhook-url", "https://hooks.example.com/x", "--webhook-secret", "hook-signing",
                "--trigger-policy", "all_completed"));

        assertThat(Json.mapper().readTree(server.takeRequest().getBody().utf8())).isEqualTo(Json.mapper().readTree("""
                {"name": "Nightly enrichment", "batchIds": ["batch_abc", "batch_def"], "openaiSecret": "openai-prod",
                 "webhookUrl": "https://hooks.example.com/x", "webhookSecret": "hook-signing",
                 "triggerPolicy": {"type": "all_completed"}}"""));
    }

    @Test
    void givenJson_whenCreatingAJob_thenStdoutIsTheApisJsonAndNothingElse() throws Exception {
        server.enqueue(json(201, ApiFixtures.JOB));

        Cli.Run run = run(apiAt(server), keboolaJob("--json"));

        assertThat(Json.mapper().readTree(run.out())).isEqualTo(Json.mapper().readTree(ApiFixtures.JOB));
    }

    @Test
    void givenTheProcessorHasNotConfirmedInTime_whenCreatingAJob_thenItSucceedsSayingSo() {
        server.enqueue(json(202, ApiFixtures.PENDING));

        Cli.Run run = run(apiAt(server), keboolaJob());

        assertThat(run.exitCode()).isEqualTo(Tecko.OK);
        assertThat(run.out()).contains("not confirmed yet").contains("cmd-42").contains("tecko job show nightly-2026-11-21");
    }

    @Test
    void givenBothKeboolaAndWebhookFlags_whenCreatingAJob_thenItIsAUsageErrorAndNothingIsSent() {
        Cli.Run run = run(apiAt(server), keboolaJob("--webhook-url", "https://hooks.example.com/x", "--webhook-secret", "hook-signing"));

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err().lines()).containsExactly(
                "error: use either the Keboola flags (--keboola-secret, --keboola-stack, --component-id, --config-id) or the webhook"
                        + " flags (--webhook-url, --webhook-secret), not both",
                "see 'tecko job create --help'");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void givenAMissingFlag_whenCreatingAJob_thenItIsOneLineAndAPointerToHelpNotTheWholeHelp() {
        Cli.Run run = run(apiAt(server), "job", "create", "--name", "n");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err().lines()).hasSize(2).last().isEqualTo("see 'tecko job create --help'");
        assertThat(run.err()).startsWith("error: Missing required").doesNotContain("Usage:");
    }

    @Test
    void givenAnIndexedFieldError_whenTheApiRefuses_thenItNamesWhichRepeatOfTheFlag() {
        server.enqueue(problem(400, "{\"title\": \"Invalid request\", \"status\": 400, \"detail\": \"1 field is invalid\","
                + " \"errors\": [{\"field\": \"batchIds[1]\", \"message\": \"must match [A-Za-z0-9_.:-]{1,255}\"}]}"));

        Cli.Run run = run(apiAt(server), keboolaJob());

        assertThat(run.err()).contains("  --batch-id #2: must match");
    }

    @Test
    void givenNoTargetAtAll_whenCreatingAJob_thenItIsAUsageErrorNamingBothChoices() {
        Cli.Run run = run(apiAt(server), REQUIRED.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("--keboola-secret").contains("--webhook-url");
        assertThat(server.getRequestCount()).isZero();
    }

    @ParameterizedTest
    // --batch-id is not required on its own: a --batch-tag may find the batches (see the test of neither being given)
    @ValueSource(strings = {"--name", "--openai-secret", "--config-id"})
    void givenARequiredFlagLeftOut_whenCreatingAJob_thenItIsAUsageErrorNamingIt(String flag) {
        Cli.Run run = run(apiAt(server), without(flag, keboolaJob()));

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("Missing required").contains(flag);
        assertThat(server.getRequestCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--poll-interval|often|often",
            "--deadline|tomorrow|ISO-8601 UTC instant such as 2026-11-22T06:00:00Z",
            "--deadline|2026-11-22|2026-11-22",
            "--trigger-policy|sometimes|expected one of always, all_completed, min_completed_ratio",
            "--min-completed-ratio|most|most",
            "--variables|all|expected one of teckochecker, extended"})
    void givenAFlagValueThatCannotBeRight_whenCreatingAJob_thenItIsAUsageErrorSayingWhatIsExpected(String flag, String value, String message) {
        Cli.Run run = run(apiAt(server), keboolaJob(flag, value));

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains(flag).contains(message);
        assertThat(server.getRequestCount()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--trigger-policy all_completed --min-completed-ratio 0.5|--min-completed-ratio only goes with --trigger-policy min_completed_ratio",
            "--trigger-policy min_completed_ratio|--trigger-policy min_completed_ratio needs --min-completed-ratio"})
    void givenARatioThatDoesNotFitThePolicy_whenCreatingAJob_thenItIsAUsageErrorAndNothingIsSent(String flags, String message) {
        Cli.Run run = run(apiAt(server), keboolaJob(flags.split(" ")));

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains(message);
        assertThat(server.getRequestCount()).isZero();
    }

    /** The arguments without every occurrence of {@code flag} and its value. */
    private static String[] without(String flag, String... args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(flag)) {
                i++;
            } else {
                kept.add(args[i]);
            }
        }
        return kept.toArray(String[]::new);
    }
}
