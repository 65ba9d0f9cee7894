package dev.tecko.poller.provider;

/**
 * One batch provider's API as the poller uses it: fetch one batch, and list the key's batches page by page, newest first.
 * Each maps its provider's status and request counts onto the one {@code BatchStatus} and {@code RequestCounts} (the
 * table is in poller/README.md). Implementations honour the provider's rate-limit answers through the shared
 * {@link RateLimitGate}, retry IO errors and 5xx themselves, and never put a key in an exception. Thread-safe.
 */
public interface BatchProvider {
    ProviderBatch getBatch(ProviderEndpoint endpoint, String batchId) throws ProviderException;

    /** One page of the key's batches, newest first; {@code after} is the previous page's {@link BatchPage#lastId()}, or null. */
    BatchPage listBatches(ProviderEndpoint endpoint, String after) throws ProviderException;

    /**
     * Whether {@link #listBatches} pages newest first, so a sweep may stop at a page older than every batch it looks for;
     * when not, the poller sends one GET per batch.
     */
    default boolean listsNewestFirst(ProviderEndpoint endpoint) {
        return true;
    }
}
