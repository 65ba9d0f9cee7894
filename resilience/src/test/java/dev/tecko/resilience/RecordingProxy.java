package dev.tecko.resilience;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of a sandbox that notes, on the sandbox's clock, when each GET arrived and, for a 429,
 * when its answer left and which {@code Retry-After} it carried: the sandboxes count requests but keep no times, and the
 * rate-limit rule is about times.
 */
final class RecordingProxy implements AutoCloseable {
    /** One GET: when it arrived; for a 429 also when the answer left and the seconds it asked to wait. */
    record Exchange(Instant arrived, String path, int status, Instant answered, long retryAfterSeconds) {
        boolean rateLimited() {
            return status == 429;
        }
    }

    private final String upstream;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "recording-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    /** @param upstream base URL to forward to, e.g. {@code http://127.0.0.1:4000}; request paths are kept */
    RecordingProxy(String upstream, Clock clock) {
        this.upstream = upstream;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Exchange> exchanges() {
        return new ArrayList<>(exchanges);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant arrived = clock.instant();
            var request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI())).GET().timeout(Duration.ofSeconds(30));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("api-key") || name.equalsIgnoreCase("Accept")) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().add("Retry-After", v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            long retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
            // noted before the answer leaves, so any request sent after the client read it arrives later than this
            exchanges.add(new Exchange(arrived, exchange.getRequestURI().getPath(), response.statusCode(), clock.instant(), retryAfter));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
