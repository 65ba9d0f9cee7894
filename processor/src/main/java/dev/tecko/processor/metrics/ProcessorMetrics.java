package dev.tecko.processor.metrics;

import dev.tecko.processor.machine.TransitionOutcome;
import dev.tecko.schemas.DownstreamStatus;
import dev.tecko.schemas.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The processor's counters. Micrometer names use dots; the Prometheus registry shows them as
 * {@code tecko_observations_total{outcome=...}}, {@code tecko_triggers_emitted_total}, {@code tecko_commands_rejected_total},
 * {@code tecko_commands_total{outcome=...}}, {@code tecko_trigger_results_total{outcome=...}}, {@code tecko_jobs_timed_out_total},
 * {@code tecko_batch_tokens_total{kind=input|output|total|cached|reasoning, model=...}},
 * {@code tecko_batch_discoveries_total{outcome=applied|refused|stale|ignored|unknown_job}}, and the histogram
 * {@code tecko_detection_latency_seconds}.
 */
public final class ProcessorMetrics {
    public static final String OBSERVATIONS = "tecko.observations";
    public static final String COMMANDS = "tecko.commands";
    public static final String COMMANDS_REJECTED = "tecko.commands.rejected";
    public static final String TRIGGERS_EMITTED = "tecko.triggers.emitted";
    public static final String TRIGGER_RESULTS = "tecko.trigger.results";
    public static final String JOBS_TIMED_OUT = "tecko.jobs.timed.out";
    public static final String DETECTION_LATENCY = "tecko.detection.latency";
    public static final String BATCH_TOKENS = "tecko.batch.tokens";
    public static final String DOWNSTREAM_REPORTS = "tecko.downstream.reports";
    public static final String DELIVERY_REPORTS = "tecko.delivery.reports";
    public static final String BATCH_DISCOVERIES = "tecko.batch.discoveries";
    public static final String DOWNSTREAM_FINISHED = "tecko.downstream.finished";
    public static final String DOWNSTREAM_DURATION = "tecko.downstream.duration";
    /** A model name longer than this is cut, so that no provider's naming can blow up the label. */
    static final int MODEL_LABEL_CHARS = 64;

    private final MeterRegistry registry;
    private final Counter triggersEmitted;
    private final Counter commandsRejected;
    private final Counter jobsTimedOut;
    private final Timer detectionLatency;

    public ProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.triggersEmitted = Counter.builder(TRIGGERS_EMITTED).description("Trigger commands emitted").register(registry);
        this.commandsRejected = Counter.builder(COMMANDS_REJECTED)
                .description("Commands answered with command_rejected (invalid, or not allowed in the job's status)")
                .register(registry);
        this.jobsTimedOut = Counter.builder(JOBS_TIMED_OUT).description("Jobs whose deadline timed out open batches")
                .register(registry);
        // buckets, not client-side percentiles: p50/p95/p99 across instances come from histogram_quantile in Prometheus
        this.detectionLatency = Timer.builder(DETECTION_LATENCY)
                .description("From the observedAt of the observation that completed a job to its trigger command being emitted")
                .publishPercentileHistogram().register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void observation(TransitionOutcome outcome) {
        Counter.builder(OBSERVATIONS).description("Batch observations by what the processor did with them")
                .tag("outcome", outcome.label()).register(registry).increment();
    }

    public void command(TransitionOutcome outcome) {
        Counter.builder(COMMANDS).description("Job commands by outcome").tag("outcome", outcome.label()).register(registry).increment();
    }

    public void commandRejected() {
        commandsRejected.increment();
    }

    public void triggerResult(TransitionOutcome outcome) {
        Counter.builder(TRIGGER_RESULTS).description("Trigger results by what the processor did with them")
                .tag("outcome", outcome.label()).register(registry).increment();
    }

    public void triggerEmitted() {
        triggersEmitted.increment();
    }

    /** A clock behind the poller's makes the latency negative; that is recorded as 0, not dropped. */
    public void detected(Duration latency) {
        detectionLatency.record(latency.isNegative() ? Duration.ZERO : latency);
    }

    /**
     * The tokens of one batch that reached a terminal status, counted once: the machine applies a batch's terminal
     * observation once (terminal is absorbing; a re-delivered or replayed one is stale), and this is called only then.
     * {@code total} is the provider's own total, so do not add up the kinds.
     */
    public void batchTokens(TokenUsage usage, String model) {
        String label = model == null || model.isBlank() ? "unknown"
                : model.length() > MODEL_LABEL_CHARS ? model.substring(0, MODEL_LABEL_CHARS) : model;
        tokens("input", label, usage.inputTokens());
        tokens("output", label, usage.outputTokens());
        tokens("total", label, usage.totalTokens());
        tokens("cached", label, usage.cachedTokens());
        tokens("reasoning", label, usage.reasoningTokens());
    }

    private void tokens(String kind, String model, long count) {
        Counter.builder(BATCH_TOKENS).description("Tokens used by batches, counted once per batch when it reaches a terminal status")
                .tag("kind", kind).tag("model", model).register(registry).increment(count);
    }

    public void downstream(TransitionOutcome outcome) {
        Counter.builder(DOWNSTREAM_REPORTS).description("Reports of Keboola jobs (downstream-status) by what the processor did with them")
                .tag("outcome", outcome.label()).register(registry).increment();
    }

    public void deliveryProgress(TransitionOutcome outcome) {
        Counter.builder(DELIVERY_REPORTS).description("Delivery progress reports (delivery-status) by what the processor did with them")
                .tag("outcome", outcome.label()).register(registry).increment();
    }

    public void discovery(TransitionOutcome outcome) {
        Counter.builder(BATCH_DISCOVERIES).description("Searches for tagged jobs' batches (batch-discovery) by what the processor did with them")
                .tag("outcome", outcome.label()).register(registry).increment();
    }

    /**
     * A Keboola job a trigger created finished, counted once (a finished status is absorbing): its status, and the time
     * from the trigger being requested to the Keboola job's end.
     */
    public void downstreamFinished(DownstreamStatus status, Duration sinceTrigger) {
        Counter.builder(DOWNSTREAM_FINISHED).description("Keboola jobs created by triggers that finished, by their status")
                .tag("status", status.wire()).register(registry).increment();
        Timer.builder(DOWNSTREAM_DURATION)
                .description("From a trigger being requested to the end of the Keboola job it created")
                .publishPercentileHistogram().register(registry).record(sinceTrigger.isNegative() ? Duration.ZERO : sinceTrigger);
    }

    public void jobTimedOut() {
        jobsTimedOut.increment();
    }
}
