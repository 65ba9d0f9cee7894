package dev.tecko.schemas;

/** OpenAI's {@code request_counts}: how many requests of a batch are done so far. */
public record RequestCounts(int total, int completed, int failed) {
    public static final RequestCounts NONE = new RequestCounts(0, 0, 0);

    public RequestCounts {
        Check.nonNegative(total, "requestCounts.total");
        Check.nonNegative(completed, "requestCounts.completed");
        Check.nonNegative(failed, "requestCounts.failed");
    }

    /** Share of requests finished, 0..1; 0 when the total is not known yet. */
    public double progress() {
        return total == 0 ? 0.0 : Math.min(1.0, (completed + failed) / (double) total);
    }
}
