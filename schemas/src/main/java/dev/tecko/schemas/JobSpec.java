package dev.tecko.schemas;

import java.time.Instant;
import java.util.List;

/**
 * Everything a {@code create} command says about a job: TeckoChecker's job model (name, batch ids, OpenAI secret,
 * Keboola target, poll interval) plus trigger policy, deadline, poll bounds, and which Keboola variables its trigger sends
 * ({@code variables}: absent for TeckoChecker's five, {@code extended} for more).
 */
public record JobSpec(
        String name,
        List<String> batchIds,
        String openaiSecret,
        TriggerTarget target,
        Integer pollIntervalSeconds,
        Integer minPollIntervalSeconds,
        Integer maxPollIntervalSeconds,
        TriggerPolicy triggerPolicy,
        Instant deadline,
        Boolean startPaused,
        VariableSet variables,
        Integer downstreamRetries) {

    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 120;
    public static final int MIN_POLL_INTERVAL_SECONDS = 10;
    public static final int MAX_POLL_INTERVAL_SECONDS = 86_400;
    /** The contract's ceiling; deployments lower it with TECKO_MAX_BATCHES_PER_JOB (default 1,000). */
    public static final int MAX_BATCHES = 10_000;

    public JobSpec {
        Check.text(name, "name", Check.MAX_NAME);
        batchIds = Check.distinctIds(batchIds, "batchIds", 1, MAX_BATCHES);
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
