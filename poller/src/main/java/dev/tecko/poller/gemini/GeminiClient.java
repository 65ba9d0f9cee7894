package dev.tecko.poller.gemini;

import dev.tecko.poller.provider.BatchPage;
import dev.tecko.poller.provider.BatchProvider;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.poller.provider.ProviderEndpoint;
import dev.tecko.poller.provider.ProviderException;
import dev.tecko.poller.provider.ProviderHttp;
import okhttp3.HttpUrl;

/**
 * Gemini batch mode: {@code GET {base}/batches/{id}} and {@code GET {base}/batches?pageSize=100&pageToken=…}, key in
 * {@code x-goog-api-key}; a 429's {@code Retry-After} or {@code RetryInfo.retryDelay} holds the key back
 * ({@link ProviderHttp}). The list's order is not documented, so the poller does not sweep it
 * ({@link #listsNewestFirst}: one GET per batch). Thread-safe.
 */
public final class GeminiClient implements BatchProvider {
    public static final int PAGE_SIZE = 100;

    private final ProviderHttp http;

    public GeminiClient(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public ProviderBatch getBatch(ProviderEndpoint endpoint, String batchId) throws ProviderException {
        String id = batchId.startsWith(GeminiBatchParser.NAME_PREFIX) ? batchId.substring(GeminiBatchParser.NAME_PREFIX.length()) : batchId;
        String what = "GET /batches/" + id;
        return http.getBatch(endpoint, endpoint.url("batches", id).build(), what, id, GeminiBatchParser::batch);
    }

    @Override
    public BatchPage listBatches(ProviderEndpoint endpoint, String after) throws ProviderException {
        HttpUrl.Builder url = endpoint.url("batches").addQueryParameter("pageSize", Integer.toString(PAGE_SIZE));
        if (after != null) {
            url.addQueryParameter("pageToken", after);
        }
        return http.getPage(endpoint, url.build(), "GET /batches", GeminiBatchParser::page);
    }

    @Override
    public boolean listsNewestFirst(ProviderEndpoint endpoint) {
        return false;
    }
}
