package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collection;
import java.util.function.Function;

/**
 * OpenAI's {@code usage} of a batch: the tokens its requests used, with the cached share of the input and the reasoning
 * share of the output. OpenAI fills it in for batches created since September 2025; a batch without it has no usage
 * ({@code null} where this type is used), never zeros.
 */
public record TokenUsage(long inputTokens, long outputTokens, long totalTokens, long cachedTokens, long reasoningTokens) {

    public TokenUsage {
        nonNegative(inputTokens, "usage.inputTokens");
        nonNegative(outputTokens, "usage.outputTokens");
        nonNegative(totalTokens, "usage.totalTokens");
        nonNegative(cachedTokens, "usage.cachedTokens");
        nonNegative(reasoningTokens, "usage.reasoningTokens");
    }

    /** From JSON: the three totals are required (a missing one is not 0); the two details default to 0. */
    @JsonCreator
    static TokenUsage json(@JsonProperty("inputTokens") Long inputTokens, @JsonProperty("outputTokens") Long outputTokens,
                           @JsonProperty("totalTokens") Long totalTokens, @JsonProperty("cachedTokens") Long cachedTokens,
                           @JsonProperty("reasoningTokens") Long reasoningTokens) {
        return new TokenUsage(Check.required(inputTokens, "usage.inputTokens"), Check.required(outputTokens, "usage.outputTokens"),
                Check.required(totalTokens, "usage.totalTokens"), cachedTokens == null ? 0 : cachedTokens,
                reasoningTokens == null ? 0 : reasoningTokens);
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens, totalTokens + other.totalTokens,
                cachedTokens + other.cachedTokens, reasoningTokens + other.reasoningTokens);
    }

    /** The sum over the items that have a usage; {@code null} when none has one (nothing known is not zero). */
    public static <T> TokenUsage sum(Collection<T> items, Function<T, TokenUsage> usage) {
        TokenUsage total = null;
        for (T item : items) {
            TokenUsage u = usage.apply(item);
            if (u != null) {
                total = total == null ? u : total.plus(u);
            }
        }
        return total;
    }

    private static void nonNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidContractException(field, "must not be negative, got " + value);
        }
    }
}
