package dev.tecko.schemas;

/**
 * A metadata pair that marks a job's batches at the provider: a job naming {@code batchTag} {@code run=nightly-2026-12-04}
 * watches every batch whose {@code metadata} holds {@code run: nightly-2026-12-04}, created in its window. The bounds are
 * OpenAI's for metadata: a key of at most 64 characters, a value of at most 512.
 */
public record BatchTag(String key, String value) {
    public static final int MAX_KEY = 64;
    public static final int MAX_VALUE = 512;

    public BatchTag {
        key = Check.text(key, "batchTag.key", MAX_KEY);
        value = Check.text(value, "batchTag.value", MAX_VALUE);
    }

    /** Reads the CLI's {@code key=value}; the value may contain {@code =}. */
    public static BatchTag parse(String pair) {
        int eq = pair == null ? -1 : pair.indexOf('=');
        if (eq <= 0) {
            throw new InvalidContractException("batchTag", "must be key=value, e.g. run=nightly-2026-12-04");
        }
        return new BatchTag(pair.substring(0, eq), pair.substring(eq + 1));
    }

    /** Whether a batch's metadata carries this tag. */
    public boolean marks(java.util.Map<String, String> metadata) {
        return metadata != null && value.equals(metadata.get(key));
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
