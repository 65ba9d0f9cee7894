package dev.tecko.poller.provider;

import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.schemas.SecretType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** A provider's API on a MockWebServer and the shared client plumbing pointed at it: what every client test needs. */
public final class ProviderServer implements AutoCloseable {
    public final MockWebServer server = new MockWebServer();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final RateLimitGate gate = new RateLimitGate();
    public final ProviderHttp http;

    public ProviderServer() throws IOException {
        server.start();
        http = new ProviderHttp(new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 2, Duration.ofMillis(10),
                Duration.ofMillis(50), Duration.ofSeconds(10)), 4, gate, meters, clock);
    }

    /** The endpoint of a secret of {@code type} whose base URL is this server's {@code path}. */
    public ProviderEndpoint endpoint(SecretType type, String path, String key) {
        return ProviderEndpoint.of(new Secret("key-" + type.wire(), type, server.url(path).toString(), key));
    }

    public void enqueue(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    public void enqueue(MockResponse response) {
        server.enqueue(response);
    }

    @Override
    public void close() {
        http.close();
        server.close();
    }
}
