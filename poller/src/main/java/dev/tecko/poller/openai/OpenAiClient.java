package dev.tecko.poller.openai;

import dev.tecko.poller.provider.BatchPage;
import dev.tecko.poller.provider.BatchProvider;
import dev.tecko.poller.provider.ClientSettings;
import dev.tecko.poller.provider.ProviderBatch;
import dev.tecko.poller.provider.ProviderEndpoint;
import dev.tecko.poller.provider.ProviderException;
import dev.tecko.poller.provider.ProviderHttp;
import dev.tecko.poller.provider.RateLimitGate;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import okhttp3.HttpUrl;

/**
 * OpenAI's Batch API (and compatible servers: Azure OpenAI, LiteLLM, vLLM): {@code GET {base}/batches/{id}} and
 * {@code GET {base}/batches?limit=100&after=…} (newest first). The HTTP plumbing (retries, rate limits, bounds, metrics)
 * is {@link ProviderHttp}'s. Thread-safe.
 */
public final class OpenAiClient implements BatchProvider {
    public static final int PAGE_LIMIT = 100;

    private final ProviderHttp http;

    public OpenAiClient(ProviderHttp http) {
        this.http = http;
    }

    public OpenAiClient(ClientSettings settings, int maxConnections, RateLimitGate gate, MeterRegistry meters, Clock clock) {
        this(new ProviderHttp(settings, maxConnections, gate, meters, clock));
    }

    public OpenAiClient(ClientSettings settings, RateLimitGate gate, MeterRegistry meters, Clock clock) {
        this(settings, 16, gate, meters, clock);
    }

    @Override
    public ProviderBatch getBatch(ProviderEndpoint endpoint, String batchId) throws ProviderException {
        return http.getBatch(endpoint, endpoint.url("batches", batchId).build(), "GET /batches/" + batchId, batchId, BatchParser::batch);
    }

    /** One page of the key's batches, newest first; {@code after} is the previous page's last id, or null. */
    @Override
    public BatchPage listBatches(ProviderEndpoint endpoint, String after) throws ProviderException {
        HttpUrl.Builder url = endpoint.url("batches").addQueryParameter("limit", Integer.toString(PAGE_LIMIT));
        if (after != null) {
            url.addQueryParameter("after", after);
        }
        return http.getPage(endpoint, url.build(), "GET /batches", BatchParser::page);
    }

    /** The retry, so tests can watch its waits through its event publisher. */
    Retry retry() {
        return http.retry();
    }

    public void close() {
        http.close();
    }
}
