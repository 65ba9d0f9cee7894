package dev.tecko.app.cli;

import dev.tecko.app.Tecko;
import dev.tecko.schemas.BatchTag;
import dev.tecko.schemas.TriggerPolicy;
import dev.tecko.schemas.VariableSet;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a job that watches OpenAI batches and, when all are done, triggers a Keboola configuration or a webhook.",
                "Name the batches (--batch-id) or let the job find them by their tag (--batch-tag), or both.",
                "Give either the Keboola flags or the webhook flags."})
final class JobCreateCommand extends ApiCommand {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "A name for people, 1 to 255 characters.")
    String name;

    @Option(names = "--batch-id", paramLabel = "BATCH_ID",
            description = "An OpenAI batch to watch; repeat for each batch. Needed unless --batch-tag finds the batches.")
    List<String> batchIds;

    @Option(names = "--batch-tag", paramLabel = "KEY=VALUE", converter = Converters.Tag.class,
            description = {"Find the job's batches by this metadata pair (openai secrets only), e.g. run=nightly-2026-12-04:",
                    "every batch created with it in its metadata is added until the batch list is sealed",
                    "(tecko job seal, --seal-at, --expected-batches or the deadline); the job triggers only once sealed."})
    BatchTag batchTag;

    @Option(names = "--tag-since", paramLabel = "INSTANT", converter = Converters.UtcInstant.class,
            description = "With --batch-tag: only batches created at or after this time (default: when the job is created).")
    Instant tagSince;

    @Option(names = "--seal-at", paramLabel = "INSTANT", converter = Converters.UtcInstant.class,
            description = "With --batch-tag: seal the batch list at this time (ISO-8601 UTC, e.g. 2026-12-04T03:00:00Z).")
    Instant sealAt;

    @Option(names = "--expected-batches", paramLabel = "N",
            description = "With --batch-tag: seal the batch list as soon as the job holds N batches (named ones included).")
    Integer expectedBatches;

    @Option(names = "--openai-secret", required = true, paramLabel = "SECRET",
            description = "Name of the batch provider's secret to poll the batches with: an openai, anthropic or gemini secret (its type chooses the provider; the name stays TeckoChecker's).")
    String openaiSecret;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", description = "How often to poll the batches (API default: 120).")
    Integer pollInterval;

    @Option(names = "--min-poll-interval", paramLabel = "SECONDS", description = "Lower bound of the adaptive poll interval.")
    Integer minPollInterval;

    @Option(names = "--max-poll-interval", paramLabel = "SECONDS", description = "Upper bound of the adaptive poll interval.")
    Integer maxPollInterval;

    @Option(names = "--trigger-policy", paramLabel = "POLICY", converter = Converters.PolicyType.class,
            description = "When to trigger once all batches are done: always (default), all_completed, min_completed_ratio.")
    TriggerPolicy.Type triggerPolicy;

    @Option(names = "--min-completed-ratio", paramLabel = "RATIO",
            description = "Share of batches that must complete, e.g. 0.8; implies --trigger-policy min_completed_ratio.")
    Double minCompletedRatio;

    @Option(names = "--max-failed-request-ratio", paramLabel = "RATIO",
            description = "Fail the job, triggering nothing, when more than this share of all its requests failed, e.g. 0.05.")
    Double maxFailedRequestRatio;

    @Option(names = "--variables", paramLabel = "SET", converter = Converters.Variables.class,
            description = {"Keboola variables to send: teckochecker (TeckoChecker's five, default) or extended",
                    "(also batch_output_file_ids, batch_error_file_ids, batch_request_counts, batch_tokens_total)."})
    VariableSet variables;

    @Option(names = "--downstream-retries", paramLabel = "N",
            description = "Retrigger (a new generation) when the Keboola job ends in error, at most N times (0 to 10, default 0).")
    Integer downstreamRetries;

    @Option(names = "--deadline", paramLabel = "INSTANT", converter = Converters.UtcInstant.class,
            description = "Give up on batches still open at this time (ISO-8601 UTC, e.g. 2026-11-22T06:00:00Z).")
    Instant deadline;

    @Option(names = "--paused", description = "Create the job paused: it watches its batches but does not trigger until resumed.")
    boolean paused;

    @Option(names = "--id", paramLabel = "JOB_ID", description = "The job's id (default: one the API generates).")
    String jobId;

    @Option(names = "--json", description = "Print the API's JSON instead of a summary.")
    boolean json;

    /** Exactly one of the two targets. */
    static final class Target {
        @ArgGroup(exclusive = false, heading = "Keboola target:%n")
        KeboolaTarget keboola;

        @ArgGroup(exclusive = false, heading = "Webhook target:%n")
        WebhookTarget webhook;
    }

    static final class KeboolaTarget {
        @Option(names = "--keboola-secret", required = true, paramLabel = "SECRET", description = "Name of the keboola secret (Storage API token).")
        String secret;

        @Option(names = "--keboola-stack", required = true, paramLabel = "URL", description = "The stack, e.g. https://connection.keboola.com.")
        String stackUrl;

        @Option(names = "--component-id", required = true, paramLabel = "COMPONENT", description = "Component of the configuration to run.")
        String componentId;

        @Option(names = "--config-id", required = true, paramLabel = "CONFIG", description = "Configuration to run.")
        String configId;

        @Option(names = "--branch-id", paramLabel = "BRANCH", description = "Development branch to run in.")
        String branchId;

        @Option(names = "--config-row-id", paramLabel = "ROW", description = "A configuration row to run; repeat for more.")
        List<String> configRowIds;
    }

    static final class WebhookTarget {
        @Option(names = "--webhook-url", required = true, paramLabel = "URL", description = "HTTPS URL to POST the outcome to.")
        String url;

        @Option(names = "--webhook-secret", required = true, paramLabel = "SECRET", description = "Name of the webhook secret that signs the call.")
        String secret;
    }

    @Override
    int run(TeckoApiClient api) {
        ApiAnswer answer = api.post(api.endpoint().path("api", "jobs").build(), request());
        if (json) {
            JsonOutput.print(out(), answer.body());
        } else if (answer.pending()) {
            printPending(answer);
        } else {
            out().println("created job " + JobView.text(answer.body(), "jobId"));
            JobView.header(out(), answer.body());
            out().println();
            JobView.batches(out(), answer.body());
        }
        return Tecko.OK;
    }

    /** The API's fields and the flags that set them, so an error names what the user typed. */
    private static final java.util.Map<String, String> FLAGS = java.util.Map.ofEntries(
            java.util.Map.entry("jobId", "--id"), java.util.Map.entry("name", "--name"), java.util.Map.entry("batchIds", "--batch-id"),
            java.util.Map.entry("openaiSecret", "--openai-secret"), java.util.Map.entry("keboolaSecret", "--keboola-secret"),
            java.util.Map.entry("keboolaStackUrl", "--keboola-stack"), java.util.Map.entry("keboolaComponentId", "--component-id"),
            java.util.Map.entry("keboolaConfigId", "--config-id"), java.util.Map.entry("keboolaBranchId", "--branch-id"),
            java.util.Map.entry("keboolaConfigRowIds", "--config-row-id"), java.util.Map.entry("webhookUrl", "--webhook-url"),
            java.util.Map.entry("webhookSecret", "--webhook-secret"), java.util.Map.entry("pollIntervalSeconds", "--poll-interval"),
            java.util.Map.entry("minPollIntervalSeconds", "--min-poll-interval"),
            java.util.Map.entry("maxPollIntervalSeconds", "--max-poll-interval"), java.util.Map.entry("triggerPolicy", "--trigger-policy"),
            java.util.Map.entry("triggerPolicy.type", "--trigger-policy"),
            java.util.Map.entry("triggerPolicy.minCompletedRatio", "--min-completed-ratio"),
            java.util.Map.entry("triggerPolicy.maxFailedRequestRatio", "--max-failed-request-ratio"),
            java.util.Map.entry("deadline", "--deadline"), java.util.Map.entry("startPaused", "--paused"),
            java.util.Map.entry("variables", "--variables"), java.util.Map.entry("downstreamRetries", "--downstream-retries"),
            java.util.Map.entry("batchTag", "--batch-tag"), java.util.Map.entry("batchTag.key", "--batch-tag (its key)"),
            java.util.Map.entry("batchTag.value", "--batch-tag (its value)"), java.util.Map.entry("tagSince", "--tag-since"),
            java.util.Map.entry("sealAt", "--seal-at"), java.util.Map.entry("expectedBatches", "--expected-batches"));

    /** {@code keboolaStackUrl} is {@code --keboola-stack}; {@code batchIds[1]} is the second {@code --batch-id}. */
    @Override
    String fieldLabel(String field) {
        var indexed = java.util.regex.Pattern.compile("(.+)\\[(\\d+)]").matcher(field);
        if (indexed.matches() && FLAGS.containsKey(indexed.group(1))) {
            return FLAGS.get(indexed.group(1)) + " #" + (Integer.parseInt(indexed.group(2)) + 1);
        }
        return FLAGS.getOrDefault(field, field);
    }

    private JobCreateRequest request() {
        checkBatchChoice();
        KeboolaTarget keboola = target.keboola != null ? target.keboola : new KeboolaTarget();
        WebhookTarget webhook = target.webhook != null ? target.webhook : new WebhookTarget();
        return new JobCreateRequest(jobId, name, batchIds, openaiSecret,
                keboola.secret, keboola.stackUrl, keboola.componentId, keboola.configId, keboola.branchId, keboola.configRowIds,
                webhook.url, webhook.secret,
                pollInterval, minPollInterval, maxPollInterval, policy(), deadline, paused ? Boolean.TRUE : null, variables,
                downstreamRetries, batchTag, tagSince, sealAt, expectedBatches);
    }

    /** Batches named, found by a tag, or both; the tag's settings mean nothing without the tag. */
    private void checkBatchChoice() {
        if ((batchIds == null || batchIds.isEmpty()) && batchTag == null) {
            throw new ParameterException(spec.commandLine(),
                    "give the batches: --batch-id BATCH_ID (repeat for each), or --batch-tag KEY=VALUE to find them by their metadata");
        }
        if (batchTag == null) {
            for (var flag : List.of(java.util.Map.entry("--tag-since", tagSince != null), java.util.Map.entry("--seal-at", sealAt != null),
                    java.util.Map.entry("--expected-batches", expectedBatches != null))) {
                if (flag.getValue()) {
                    throw new ParameterException(spec.commandLine(), flag.getKey() + " only goes with --batch-tag");
                }
            }
        }
    }

    private JobCreateRequest.Policy policy() {
        if (minCompletedRatio == null && triggerPolicy == null && maxFailedRequestRatio == null) {
            return null;
        }
        if (minCompletedRatio == null && triggerPolicy == TriggerPolicy.Type.MIN_COMPLETED_RATIO) {
            throw new ParameterException(spec.commandLine(), "--trigger-policy min_completed_ratio needs --min-completed-ratio");
        }
        if (minCompletedRatio != null && triggerPolicy != null && triggerPolicy != TriggerPolicy.Type.MIN_COMPLETED_RATIO) {
            throw new ParameterException(spec.commandLine(), "--min-completed-ratio only goes with --trigger-policy min_completed_ratio");
        }
        TriggerPolicy.Type type = minCompletedRatio != null ? TriggerPolicy.Type.MIN_COMPLETED_RATIO
                : triggerPolicy != null ? triggerPolicy : TriggerPolicy.Type.ALWAYS;
        return new JobCreateRequest.Policy(type, minCompletedRatio, maxFailedRequestRatio);
    }
}
