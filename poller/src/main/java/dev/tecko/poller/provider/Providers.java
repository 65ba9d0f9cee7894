package dev.tecko.poller.provider;

import dev.tecko.poller.anthropic.AnthropicClient;
import dev.tecko.poller.gemini.GeminiClient;
import dev.tecko.poller.openai.OpenAiClient;
import dev.tecko.schemas.Provider;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** Every provider's client behind one {@link BatchProvider}: each call goes to the client of the endpoint's provider. */
public final class Providers implements BatchProvider, AutoCloseable {
    private final Map<Provider, BatchProvider> clients;
    private final AutoCloseable closer;

    public Providers(Map<Provider, BatchProvider> clients, AutoCloseable closer) {
        this.clients = new EnumMap<>(clients);
        this.closer = closer;
    }

    /** The three clients over one shared {@link ProviderHttp} (one connection pool, one retry, one set of metrics). */
    public static Providers standard(ClientSettings settings, int maxConnections, RateLimitGate gate, MeterRegistry meters, Clock clock) {
        var http = new ProviderHttp(settings, maxConnections, gate, meters, clock);
        return new Providers(Map.of(Provider.OPENAI, new OpenAiClient(http), Provider.ANTHROPIC, new AnthropicClient(http),
                Provider.GEMINI, new GeminiClient(http)), http);
    }

    private BatchProvider client(ProviderEndpoint endpoint) {
        BatchProvider client = clients.get(endpoint.provider());
        if (client == null) {
            throw new IllegalStateException("no client for provider " + endpoint.provider().wire());
        }
        return client;
    }

    @Override
    public ProviderBatch getBatch(ProviderEndpoint endpoint, String batchId) throws ProviderException {
        return client(endpoint).getBatch(endpoint, batchId);
    }

    @Override
    public BatchPage listBatches(ProviderEndpoint endpoint, String after) throws ProviderException {
        return client(endpoint).listBatches(endpoint, after);
    }

    @Override
    public boolean listsNewestFirst(ProviderEndpoint endpoint) {
        return client(endpoint).listsNewestFirst(endpoint);
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the batch provider clients failed", e);
        }
    }
}
