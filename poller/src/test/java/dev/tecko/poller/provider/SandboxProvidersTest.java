package dev.tecko.poller.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.embedded.anthropic.SandboxAnthropic;
import dev.tecko.embedded.gemini.SandboxGemini;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.embedded.openai.SandboxBatchApi;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.poller.provider.ProviderException.Kind;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.RequestCounts;
import dev.tecko.schemas.SecretType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each provider's client against its sandbox stand-in: the stand-ins speak the shapes the clients read, faults included. */
class SandboxProvidersTest {
    private static final String KEY = "sandbox-key-0123456789";

    enum Stand {
        OPENAI(SecretType.OPENAI, SandboxOpenAi::start),
        ANTHROPIC(SecretType.ANTHROPIC, SandboxAnthropic::start),
        GEMINI(SecretType.GEMINI, SandboxGemini::start);

        final SecretType type;
        final BiFunction<Clock, String, SandboxBatchApi> start;

        Stand(SecretType type, BiFunction<Clock, String, SandboxBatchApi> start) {
            this.type = type;
            this.start = start;
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RateLimitGate gate = new RateLimitGate();
    private final ProviderHttp http = new ProviderHttp(new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 1,
            Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10)), 4, gate, new SimpleMeterRegistry(), clock);
    private final Providers providers = new Providers(java.util.Map.of(
            dev.tecko.schemas.Provider.OPENAI, new dev.tecko.poller.openai.OpenAiClient(http),
            dev.tecko.schemas.Provider.ANTHROPIC, new dev.tecko.poller.anthropic.AnthropicClient(http),
            dev.tecko.schemas.Provider.GEMINI, new dev.tecko.poller.gemini.GeminiClient(http)), http);
    private SandboxBatchApi sandbox;

    @AfterEach
    void stop() {
        providers.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private ProviderEndpoint start(Stand stand) {
        sandbox = stand.start.apply(clock, KEY);
        return ProviderEndpoint.of(new Secret("s-" + stand.type.wire(), stand.type, sandbox.baseUrl(), KEY));
    }

    @ParameterizedTest
    @EnumSource(Stand.class)
    @DisplayName("given each stand-in's batches when they end every way then the client maps them to the one status and counts")
    void endings(Stand stand) throws Exception {
        ProviderEndpoint endpoint = start(stand);
        sandbox.createBatch("bc", BatchPlan.completesAfter(Duration.ofSeconds(10), 10).withFailedRequests(2));
        sandbox.createBatch("ball", BatchPlan.completesAfter(Duration.ofSeconds(10), 4).withFailedRequests(4));
        sandbox.createBatch("be", BatchPlan.expiresAfter(Duration.ofSeconds(10), 10));
        sandbox.createBatch("bx", BatchPlan.cancelledAfter(Duration.ofSeconds(10), 10));
        assertThat(providers.getBatch(endpoint, "bc").status()).isIn(BatchStatus.VALIDATING, BatchStatus.IN_PROGRESS);
        clock.advance(Duration.ofSeconds(5));
        assertThat(providers.getBatch(endpoint, "bc").status()).isEqualTo(BatchStatus.IN_PROGRESS);
        clock.advance(Duration.ofSeconds(6));

        ProviderBatch completed = providers.getBatch(endpoint, "bc");
        assertThat(completed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(completed.requestCounts()).isEqualTo(new RequestCounts(10, 8, 2));
        assertThat(completed.provider().wire()).isEqualTo(stand.type.wire());
        assertThat(completed.providerStatus()).isNotBlank();
        ProviderBatch allFailed = providers.getBatch(endpoint, "ball");
        assertThat(allFailed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(allFailed.requestCounts().allFailed()).as("completed, every request failed").isTrue();
        assertThat(providers.getBatch(endpoint, "be").status()).isEqualTo(BatchStatus.EXPIRED);
        assertThat(providers.getBatch(endpoint, "bx").status()).isEqualTo(BatchStatus.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(Stand.class)
    @DisplayName("given each stand-in's fault switches when a batch is fetched then 429 holds the key back by the provider's reset, and 5xx, 404, redirect and a wrong key are told apart")
    void faults(Stand stand) throws Exception {
        ProviderEndpoint endpoint = start(stand);
        sandbox.createBatch("b1", BatchPlan.completesAfter(Duration.ofSeconds(10), 10));

        sandbox.failNext(1, 429, Duration.ofSeconds(30));
        assertKind(endpoint, Kind.RATE_LIMITED);
        assertThat(gate.blockedUntil(endpoint.name(), clock.instant())).contains(clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(31));
        sandbox.failNext(1, 503, null);
        assertKind(endpoint, Kind.SERVER_ERROR);
        sandbox.hideUntil("b1", clock.instant().plusSeconds(60));
        assertKind(endpoint, Kind.NOT_FOUND);
        sandbox.clearFaults();
        sandbox.redirectNext(1, "http://127.0.0.1:9/elsewhere");
        assertKind(endpoint, Kind.CLIENT_ERROR);
        var wrongKey = new ProviderEndpoint("wrong", endpoint.provider(), endpoint.baseUrl(), "not-the-key");
        assertThatThrownBy(() -> providers.getBatch(wrongKey, "b1"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
        assertThat(providers.getBatch(endpoint, "b1").id()).isEqualTo("b1");
    }

    @ParameterizedTest
    @EnumSource(value = Stand.class, names = {"OPENAI", "ANTHROPIC", "GEMINI"})
    @DisplayName("given more batches than a page when listed then following the cursor reaches every one")
    void listing(Stand stand) throws Exception {
        ProviderEndpoint endpoint = start(stand);
        for (int i = 0; i < 120; i++) {
            sandbox.createBatch("b" + i, BatchPlan.completesAfter(Duration.ofSeconds(10), 1));
        }
        List<String> seen = new java.util.ArrayList<>();
        String after = null;
        do {
            BatchPage page = providers.listBatches(endpoint, after);
            page.batches().forEach(b -> seen.add(b.id()));
            after = page.hasMore() ? page.lastId() : null;
        } while (after != null);
        assertThat(seen).hasSize(120).doesNotHaveDuplicates();
    }

    private void assertKind(ProviderEndpoint endpoint, Kind kind) {
        assertThatThrownBy(() -> providers.getBatch(endpoint, "b1"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
    }
}
