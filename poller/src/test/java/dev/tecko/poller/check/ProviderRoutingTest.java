package dev.tecko.poller.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.anthropic.SandboxAnthropic;
import dev.tecko.embedded.gemini.SandboxGemini;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.MutableClock;
import dev.tecko.embedded.openai.SandboxBatchApi;
import dev.tecko.platform.secrets.Secret;
import dev.tecko.platform.secrets.SecretSource;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.poller.provider.ClientSettings;
import dev.tecko.poller.provider.Providers;
import dev.tecko.poller.provider.RateLimitGate;
import dev.tecko.poller.schedule.IntervalPolicy;
import dev.tecko.poller.schedule.Jitter;
import dev.tecko.poller.schedule.PollSchedule;
import dev.tecko.poller.schedule.Snapshots;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.Provider;
import dev.tecko.schemas.SecretType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The checker over every provider: each job's secret type picks the client, and only newest-first lists are swept. */
class ProviderRoutingTest {
    private static final String KEY = "sandbox-key-0123456789";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SandboxAnthropic anthropic = SandboxAnthropic.start(clock, KEY);
    private final SandboxGemini gemini = SandboxGemini.start(clock, KEY);
    private final PollSchedule schedule = new PollSchedule(clock, new IntervalPolicy(10), new Jitter(new Random(3), 0.1));
    private final List<BatchObservation> published = new CopyOnWriteArrayList<>();
    private final RateLimitGate gate = new RateLimitGate();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Providers providers = Providers.standard(new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 1,
            Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10)), 4, gate, meters, clock);
    private final SecretSource secrets = name -> switch (name) {
        case "claude" -> Optional.of(new Secret(name, SecretType.ANTHROPIC, anthropic.baseUrl(), KEY));
        case "gemini" -> Optional.of(new Secret(name, SecretType.GEMINI, gemini.baseUrl(), KEY));
        default -> Optional.empty();
    };
    private final BatchChecker checker = new BatchChecker(schedule, providers,
            new EndpointResolver(secrets, "https://api.openai.com/v1", new TargetAllowList(List.of(), true)), gate, published::add,
            new CheckSettings(true, 3, 100), meters, clock);

    @AfterEach
    void close() {
        providers.close();
        anthropic.close();
        gemini.close();
    }

    private void jobs(SandboxBatchApi sandbox, String secret, int batches) {
        String[] ids = new String[batches];
        for (int b = 0; b < batches; b++) {
            ids[b] = secret + "_" + b;
            sandbox.createBatch(ids[b], BatchPlan.completesAfter(Duration.ofSeconds(100), 10));
        }
        schedule.upsert(Snapshots.job("job-" + secret, JobStatus.ACTIVE, 10, secret, ids), 0);
    }

    @Test
    @DisplayName("given many due batches of an Anthropic and a Gemini key when checked then Anthropic's are swept by its list and Gemini's get one GET each, all published with their provider")
    void routesAndSweepsByProvider() {
        jobs(anthropic, "claude", 5);
        jobs(gemini, "gemini", 5);

        clock.advance(Duration.ofSeconds(6));
        checker.dispatch(schedule.takeDue(), Runnable::run);

        assertThat(published).hasSize(10);
        assertThat(published).filteredOn(o -> o.batchId().startsWith("claude")).hasSize(5).allSatisfy(o -> {
            assertThat(o.provider()).isEqualTo(Provider.ANTHROPIC);
            assertThat(o.providerStatus()).isEqualTo("in_progress");
            assertThat(o.status()).isEqualTo(BatchStatus.IN_PROGRESS);
        });
        assertThat(published).filteredOn(o -> o.batchId().startsWith("gemini")).hasSize(5).allSatisfy(o -> {
            assertThat(o.provider()).isEqualTo(Provider.GEMINI);
            assertThat(o.providerStatus()).isEqualTo("BATCH_STATE_PENDING");
            assertThat(o.status()).isEqualTo(BatchStatus.VALIDATING);
        });
        assertThat(anthropic.listRequests()).isEqualTo(1);
        assertThat(anthropic.getRequests()).isZero();
        assertThat(gemini.listRequests()).as("Gemini's list has no documented order: not swept").isZero();
        assertThat(gemini.getRequests()).isEqualTo(5);
    }
}
