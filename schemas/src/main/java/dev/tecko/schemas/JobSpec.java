package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Everything a {@code create} command says about a job: TeckoChecker's job model (name, batch ids, OpenAI secret,
 * Keboola target, poll interval) plus trigger policy, deadline, poll bounds, and which Keboola variables its trigger sends
 * ({@code variables}: absent for TeckoChecker's five, {@code extended} for more).
 */
public record JobSpec(
        String name,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> batchIds,
        String openaiSecret,
        TriggerTarget target,
        Integer pollIntervalSeconds,
        Integer minPollIntervalSeconds,
        Integer maxPollIntervalSeconds,
        TriggerPolicy triggerPolicy,
        Instant deadline,
        Boolean startPaused,
        VariableSet variables,
        Integer downstreamRetries,
        BatchTag batchTag,
        Instant tagSince,
        Instant sealAt,
        Integer expectedBatches) {

    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 120;
    public static final int MIN_POLL_INTERVAL_SECONDS = 10;
    public static final int MAX_POLL_INTERVAL_SECONDS = 86_400;
    /** The contract's ceiling; deployments lower it with TECKO_MAX_BATCHES_PER_JOB (default 1,000). */
    public static final int MAX_BATCHES = 10_000;

    public JobSpec {
        Check.text(name, "name", Check.MAX_NAME);
        // a tagged job may start with no batch: it finds them by their tag
        batchIds = Check.distinctIds(batchIds, "batchIds", batchTag == null ? 1 : 0, MAX_BATCHES);
        Check.id(openaiSecret, "openaiSecret");
        Check.required(target, "target");
        pollIntervalSeconds = pollInterval(pollIntervalSeconds == null ? DEFAULT_POLL_INTERVAL_SECONDS : pollIntervalSeconds,
                "pollIntervalSeconds");
        if (minPollIntervalSeconds != null) {
            pollInterval(minPollIntervalSeconds, "minPollIntervalSeconds");
            if (minPollIntervalSeconds > pollIntervalSeconds) {
                throw new InvalidContractException("minPollIntervalSeconds", "must not exceed pollIntervalSeconds");
            }
        }
        if (maxPollIntervalSeconds != null) {
            pollInterval(maxPollIntervalSeconds, "maxPollIntervalSeconds");
            if (maxPollIntervalSeconds < pollIntervalSeconds) {
                throw new InvalidContractException("maxPollIntervalSeconds", "must not be below pollIntervalSeconds");
            }
        }
        triggerPolicy = triggerPolicy == null ? TriggerPolicy.ALWAYS : triggerPolicy;
        Check.optionalInstant(deadline, "deadline");
        startPaused = Boolean.TRUE.equals(startPaused) ? Boolean.TRUE : null;
        variables = VariableSet.normalized(variables);
        downstreamRetries = downstreamRetries(downstreamRetries, "downstreamRetries");
        if (batchTag == null) {
            onlyWithTag(tagSince, "tagSince");
            onlyWithTag(sealAt, "sealAt");
            onlyWithTag(expectedBatches, "expectedBatches");
        }
        Check.optionalInstant(tagSince, "tagSince");
        Check.optionalInstant(sealAt, "sealAt");
        if (expectedBatches != null) {
            Check.range(expectedBatches, "expectedBatches", 1, MAX_BATCHES);
        }
    }

    private static void onlyWithTag(Object value, String field) {
        if (value != null) {
            throw new InvalidContractException(field, "only applies to a job with a batchTag");
        }
    }

    /** The search a tagged job opens when it is created at {@code now}; null for a job without a tag. */
    public BatchSearch batchSearch(Instant now) {
        return batchTag == null ? null : BatchSearch.open(batchTag, tagSince == null ? now : tagSince, sealAt, expectedBatches);
    }

    /** Without a batch tag, as every job before tags existed. */
    public JobSpec(String name, List<String> batchIds, String openaiSecret, TriggerTarget target, Integer pollIntervalSeconds,
                   Integer minPollIntervalSeconds, Integer maxPollIntervalSeconds, TriggerPolicy triggerPolicy, Instant deadline,
                   Boolean startPaused, VariableSet variables, Integer downstreamRetries) {
        this(name, batchIds, openaiSecret, target, pollIntervalSeconds, minPollIntervalSeconds, maxPollIntervalSeconds,
                triggerPolicy, deadline, startPaused, variables, downstreamRetries, null, null, null, null);
    }

    /** At most this many automatic retriggers after a Keboola job ended in {@code error}. */
    public static final int MAX_DOWNSTREAM_RETRIES = 10;

    /** 0..{@value #MAX_DOWNSTREAM_RETRIES}; {@code null} for 0, the default, so a job that does not ask is written as before. */
    static Integer downstreamRetries(Integer value, String field) {
        if (value == null || value == 0) {
            return null;
        }
        return Check.range(value, field, 0, MAX_DOWNSTREAM_RETRIES);
    }

    /** The job's setting as a number (0 when absent). */
    public int retriesDownstream() {
        return downstreamRetries == null ? 0 : downstreamRetries;
    }

    /** TeckoChecker's five variables, as every job before {@code variables} existed. */
    public JobSpec(String name, List<String> batchIds, String openaiSecret, TriggerTarget target, Integer pollIntervalSeconds,
                   Integer minPollIntervalSeconds, Integer maxPollIntervalSeconds, TriggerPolicy triggerPolicy, Instant deadline,
                   Boolean startPaused) {
        this(name, batchIds, openaiSecret, target, pollIntervalSeconds, minPollIntervalSeconds, maxPollIntervalSeconds,
                triggerPolicy, deadline, startPaused, null, null);
    }

    /** No automatic retriggers after a Keboola job in error. */
    public JobSpec(String name, List<String> batchIds, String openaiSecret, TriggerTarget target, Integer pollIntervalSeconds,
                   Integer minPollIntervalSeconds, Integer maxPollIntervalSeconds, TriggerPolicy triggerPolicy, Instant deadline,
                   Boolean startPaused, VariableSet variables) {
        this(name, batchIds, openaiSecret, target, pollIntervalSeconds, minPollIntervalSeconds, maxPollIntervalSeconds,
                triggerPolicy, deadline, startPaused, variables, null);
    }

    public static JobSpec of(String name, List<String> batchIds, String openaiSecret, TriggerTarget target) {
        return new JobSpec(name, batchIds, openaiSecret, target, null, null, null, null, null, null);
    }

    public boolean paused() {
        return Boolean.TRUE.equals(startPaused);
    }

    static int pollInterval(int value, String field) {
        return Check.range(value, field, MIN_POLL_INTERVAL_SECONDS, MAX_POLL_INTERVAL_SECONDS);
    }
}
