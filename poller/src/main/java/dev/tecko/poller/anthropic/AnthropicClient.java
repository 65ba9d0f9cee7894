package dev.tecko.poller.anthropic;

import dev.tecko.poller.provider.BatchPage;
import dev.tecko.poller.provider.BatchProvider;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.poller.provider.ProviderEndpoint;
import dev.tecko.poller.provider.ProviderException;
import dev.tecko.poller.provider.ProviderHttp;
import okhttp3.HttpUrl;

/**
 * Anthropic's Message Batches API: {@code GET {base}/messages/batches/{id}} and
 * {@code GET {base}/messages/batches?limit=100&after_id=…} (newest first; {@code after_id} = the previous page's
 * {@code last_id} gives the next, older page). Headers {@code x-api-key} and {@code anthropic-version}; a 429's
 * {@code retry-after} and {@code anthropic-ratelimit-requests-reset} hold the key back ({@link ProviderHttp}). Thread-safe.
 */
public final class AnthropicClient implements BatchProvider {
    /** Anthropic allows up to 1,000; 100 keeps a page as small as OpenAI's. */
    public static final int PAGE_LIMIT = 100;

    private final ProviderHttp http;

    public AnthropicClient(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public ProviderBatch getBatch(ProviderEndpoint endpoint, String batchId) throws ProviderException {
        String what = "GET /messages/batches/" + batchId;
        return http.getBatch(endpoint, endpoint.url("messages", "batches", batchId).build(), what, batchId, MessageBatchParser::batch);
    }

    @Override
    public BatchPage listBatches(ProviderEndpoint endpoint, String after) throws ProviderException {
        HttpUrl.Builder url = endpoint.url("messages", "batches").addQueryParameter("limit", Integer.toString(PAGE_LIMIT));
        if (after != null) {
            url.addQueryParameter("after_id", after);
        }
        return http.getPage(endpoint, url.build(), "GET /messages/batches", MessageBatchParser::page);
    }
}
