package dev.tecko.embedded.openai;

import java.util.Map;
import java.util.Optional;

/** OpenAI's bounds on a batch's {@code metadata}, which the sandbox keeps so a test cannot rely on more than OpenAI takes. */
final class BatchMetadata {
    static final int MAX_PAIRS = 16;
    static final int MAX_KEY = 64;
    static final int MAX_VALUE = 512;

    private BatchMetadata() {
    }

    /** Why OpenAI would refuse these pairs, or empty when it would take them. */
    static Optional<String> check(Map<String, String> metadata) {
        if (metadata == null) {
            return Optional.of("must be an object (empty for none)");
        }
        if (metadata.size() > MAX_PAIRS) {
            return Optional.of("at most " + MAX_PAIRS + " pairs");
        }
        for (var pair : metadata.entrySet()) {
            if (pair.getKey() == null || pair.getKey().isEmpty() || pair.getKey().length() > MAX_KEY) {
                return Optional.of("keys are 1 to " + MAX_KEY + " characters");
            }
            if (pair.getValue() == null || pair.getValue().length() > MAX_VALUE) {
                return Optional.of("values are strings of at most " + MAX_VALUE + " characters");
            }
        }
        return Optional.empty();
    }
}
