package dev.tecko.schemas;

/** OpenAI's {@code request_counts}: how many requests of a batch are done so far. */
public record RequestCounts(int total, int completed, int failed) {
    public static final RequestCounts NONE = new RequestCounts(0, 0, 0);

    public RequestCounts {
        Check.nonNegative(total, "requestCounts.total");
        Check.nonNegative(completed, "requestCounts.completed");
        Check.nonNegative(failed, "requestCounts.failed");
    }

    /**
     * Whether every request of the batch failed ({@code failed == total > 0}): a batch {@code completed} so is a failure
     * for the trigger policy, whatever its status says.
     */
    public boolean allFailed() {
        return total > 0 && failed == total;
    }

    /** The counts of two batches together, each held at {@code Integer.MAX_VALUE} rather than overflowing. */
    public RequestCounts plus(RequestCounts other) {
        return new RequestCounts(saturated(total, other.total), saturated(completed, other.completed), saturated(failed, other.failed));
    }

    private static int saturated(int a, int b) {
        return (int) Math.min(Integer.MAX_VALUE, (long) a + b);
    }

    /** Share of requests finished, 0..1; 0 when the total is not known yet. */
    public double progress() {
        return total == 0 ? 0.0 : Math.min(1.0, (completed + failed) / (double) total);
    }
}
