package dev.tecko.poller.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The receiver's look a moment after a handover: it fetches only for the jobs whose snapshot does not show the batch ended. */
class BackstopTest {
    private final BatchIndex index = new BatchIndex();
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Backstop backstop = new Backstop(index, timer, Duration.ofMillis(50),
            (jobId, secret, batchId) -> fetched.add(jobId + "/" + secret + "/" + batchId), meters);

    @AfterEach
    void stop() {
        backstop.close();
    }

    @Test
    @DisplayName("given an owner that acted for one job and not for another, when the backstop looks, then it fetches for the other only")
    void givenOneOwnerActed_whenChecked_thenOnlyTheOtherFetched() {
        index.put("job-acted", 0, "openai-a", List.of("batch_1"), Set.of("batch_1"));
        index.put("job-waiting", 1, "openai-b", List.of("batch_1"), Set.of());

        backstop.watch("batch_1");

        await().atMost(Duration.ofSeconds(5)).until(() -> fetched.size() == 1);
        assertThat(fetched).containsExactly("job-waiting/openai-b/batch_1");
        assertThat(count("fetched")).isEqualTo(1.0);
    }

    @Test
    @DisplayName("given every owner acted, when the backstop looks, then nothing is fetched and it counts as settled")
    void givenEveryOwnerActed_whenChecked_thenNothingFetched() {
        index.put("job-a", 0, "openai-a", List.of("batch_1"), Set.of("batch_1"));

        backstop.watch("batch_1");

        await().atMost(Duration.ofSeconds(5)).until(() -> count("settled") == 1.0);
        assertThat(fetched).isEmpty();
    }

    @Test
    @DisplayName("given a fetcher that throws, when the backstop looks, then later looks still run")
    void givenThrowingFetcher_whenChecked_thenLaterChecksStillRun() {
        var failing = new Backstop(index, timer, Duration.ofMillis(10), (jobId, secret, batchId) -> {
            fetched.add(jobId);
            throw new IllegalStateException("boom");
        }, meters);
        index.put("job-a", 0, "openai-a", List.of("batch_1"), Set.of());

        failing.watch("batch_1");
        failing.watch("batch_1");

        await().atMost(Duration.ofSeconds(5)).until(() -> fetched.size() == 2);
    }

    private double count(String outcome) {
        return meters.get("tecko.poller.webhook.backstops").tag("outcome", outcome).counter().count();
    }
}
