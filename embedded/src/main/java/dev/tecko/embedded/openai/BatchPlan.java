package dev.tecko.embedded.openai;

import java.time.Duration;
import java.util.List;

/**
 * How a sandbox batch moves through its statuses: how long each phase lasts and how it ends. A phase lasting
 * {@link #FOREVER} only ends when a test calls {@link SandboxOpenAi#step(String)}, which makes scripted tests deterministic.
 *
 * @param validationErrors how many entries a failed batch lists in {@code errors.data} (OpenAI lists one per bad input
 *                         line: thousands are possible)
 */
public record BatchPlan(Duration validating, Duration inProgress, Duration finalizing, Ending ending, int totalRequests,
                        int failedRequests, int validationErrors) {
    public static final Duration FOREVER = Duration.ofDays(365_000);

    /** The terminal status a batch reaches. */
    public enum Ending { COMPLETED, FAILED, EXPIRED, CANCELLED }

    public BatchPlan {
        if (totalRequests < 0 || failedRequests < 0 || failedRequests > totalRequests) {
            throw new IllegalArgumentException("need 0 <= failedRequests <= totalRequests");
        }
        if (validationErrors < 1) {
            throw new IllegalArgumentException("a failed batch lists at least one error");
        }
    }

    public BatchPlan(Duration validating, Duration inProgress, Duration finalizing, Ending ending, int totalRequests, int failedRequests) {
        this(validating, inProgress, finalizing, ending, totalRequests, failedRequests, 1);
    }

    /** Completes after {@code total}: a tenth validating, eight tenths in progress, a tenth finalizing. */
    public static BatchPlan completesAfter(Duration total, int requests) {
        Duration tenth = total.dividedBy(10);
        return new BatchPlan(tenth, total.minus(tenth.multipliedBy(2)), tenth, Ending.COMPLETED, requests, 0);
    }

    /** Stays in each phase until stepped; ends as {@code ending}. */
    public static BatchPlan stepped(Ending ending, int requests) {
        return new BatchPlan(FOREVER, FOREVER, FOREVER, ending, requests, 0);
    }

    /** Fails validation (e.g. a malformed input file) after {@code after}. */
    public static BatchPlan failsValidation(Duration after) {
        return new BatchPlan(after, Duration.ZERO, Duration.ZERO, Ending.FAILED, 0, 0);
    }

    public static BatchPlan expiresAfter(Duration total, int requests) {
        Duration tenth = total.dividedBy(10);
        return new BatchPlan(tenth, total.minus(tenth), Duration.ZERO, Ending.EXPIRED, requests, 0);
    }

    public static BatchPlan cancelledAfter(Duration total, int requests) {
        Duration tenth = total.dividedBy(10);
        return new BatchPlan(tenth, total.minus(tenth.multipliedBy(2)), tenth, Ending.CANCELLED, requests, 0);
    }

    public BatchPlan withFailedRequests(int failed) {
        return new BatchPlan(validating, inProgress, finalizing, ending, totalRequests, failed, validationErrors);
    }

    /** A failed batch listing {@code errors} entries, each with a long message: an answer of megabytes. */
    public BatchPlan withValidationErrors(int errors) {
        return new BatchPlan(validating, inProgress, finalizing, ending, totalRequests, failedRequests, errors);
    }

    /** The statuses in order, each with how long it lasts; the last one is terminal and lasts forever. */
    List<Phase> phases() {
        return switch (ending) {
            case COMPLETED -> List.of(new Phase("validating", validating), new Phase("in_progress", inProgress),
                    new Phase("finalizing", finalizing), new Phase("completed", FOREVER));
            case FAILED -> List.of(new Phase("validating", validating), new Phase("failed", FOREVER));
            case EXPIRED -> List.of(new Phase("validating", validating), new Phase("in_progress", inProgress),
                    new Phase("expired", FOREVER));
            case CANCELLED -> List.of(new Phase("validating", validating), new Phase("in_progress", inProgress),
                    new Phase("cancelling", finalizing), new Phase("cancelled", FOREVER));
        };
    }

    record Phase(String status, Duration duration) {
    }
}
