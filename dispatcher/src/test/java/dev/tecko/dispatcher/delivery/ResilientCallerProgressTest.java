package dev.tecko.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.dispatcher.http.RetryableDeliveryException;
import dev.tecko.embedded.openai.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a call tells its {@link ProgressListener} while it runs, on a clock the test moves: each failed attempt that is
 * retried, and an open circuit once per open period (and every 10 s while it stays open), not on every 200 ms slice.
 */
class ResilientCallerProgressTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final String HOST = "queue.example.com";

    private final MutableClock clock = new MutableClock(T0);
    private final List<ProgressListener.Progress> told = new CopyOnWriteArrayList<>();
    private final AtomicInteger slices = new AtomicInteger();
    /** Waits for an open circuit on the test's clock: each slice moves it 200 ms, at once. */
    private final Waiter slicing = (duration, cancelled) -> {
        slices.incrementAndGet();
        clock.advance(duration);
    };

    private ResilientCaller caller(BreakerPolicy breaker) {
        // backoff of 10-20 ms: resilience4j sleeps it for real, so it stays short
        return new ResilientCaller(new RetryPolicy(Duration.ofHours(1), Duration.ofMillis(10), Duration.ofMillis(20)), breaker, clock,
                slicing, AttemptListener.NONE);
    }

    private static Supplier<String> failingThen(List<RetryableDeliveryException> failures, String answer) {
        AtomicInteger n = new AtomicInteger();
        return () -> {
            int i = n.getAndIncrement();
            if (i < failures.size()) {
                throw failures.get(i);
            }
            return answer;
        };
    }

    @Test
    @DisplayName("given two failed attempts and a success, when called, then two reports: attempts 1 and 2, each with its error and status and a next try in the future")
    void failedAttemptsAreTold() {
        var first = new RetryableDeliveryException("POST https://queue.example.com/jobs answered 503: down", 503, null, false);
        var second = new RetryableDeliveryException("POST https://queue.example.com/jobs answered 502: bad gateway", 502, null, true);

        var outcome = caller(new BreakerPolicy(100, 50, Duration.ofSeconds(30)))
                .call(HOST, "keboola", failingThen(List.of(first, second), "job-1"), () -> false, told::add);

        assertThat(outcome.value()).isEqualTo("job-1");
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(told).hasSize(2);
        assertThat(told).extracting(ProgressListener.Progress::attempts).containsExactly(1, 2);
        assertThat(told).extracting(ProgressListener.Progress::lastHttpStatus).containsExactly(503, 502);
        assertThat(told).extracting(ProgressListener.Progress::lastError).containsExactly(first.getMessage(), second.getMessage());
        assertThat(told).allSatisfy(p -> {
            assertThat(p.breakerOpen()).isFalse();
            assertThat(p.at()).isEqualTo(T0);
            // the computed backoff: 5-10 ms after the first failure, 10-20 ms after the second
            assertThat(p.nextAttemptAt()).isAfter(p.at()).isBefore(p.at().plusMillis(21));
        });
    }

    @Test
    @DisplayName("given an attempt that got no answer, when it is retried, then the report has its error and no HTTP status")
    void unansweredAttemptHasNoStatus() {
        var timeout = new RetryableDeliveryException("POST https://queue.example.com/jobs timed out: SocketTimeoutException", null, null, true);

        caller(new BreakerPolicy(100, 50, Duration.ofSeconds(30))).call(HOST, "keboola", failingThen(List.of(timeout), "ok"),
                () -> false, told::add);

        assertThat(told).singleElement().satisfies(p -> {
            assertThat(p.lastHttpStatus()).isNull();
            assertThat(p.lastError()).contains("timed out");
        });
    }

    @Test
    @DisplayName("given a host whose circuit opens and stays open for 24 s, when the delivery waits in 200 ms slices, then the open circuit is told at 0, 10 and 20 s, not on each of 120 slices")
    void openCircuitIsToldOncePerPeriodAndEveryTenSeconds() {
        // two failures of two calls open the circuit; it stays open an hour of real time, longer than the test
        ResilientCaller caller = caller(new BreakerPolicy(2, 50, Duration.ofHours(1)));
        var down = new RetryableDeliveryException("GET https://queue.example.com/search/jobs answered 503: down", 503, null, false);

        assertThatThrownBy(() -> caller.call(HOST, "keboola_search", () -> {
            throw down;
        }, () -> slices.get() >= 120, told::add)).isInstanceOf(CancelledException.class);

        assertThat(slices).hasValue(120);
        assertThat(told).filteredOn(p -> !p.breakerOpen()).extracting(ProgressListener.Progress::attempts).containsExactly(1, 2);
        List<ProgressListener.Progress> open = told.stream().filter(ProgressListener.Progress::breakerOpen).toList();
        assertThat(open).extracting(ProgressListener.Progress::at)
                .containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(20));
        assertThat(open).allSatisfy(p -> {
            assertThat(p.attempts()).as("no attempt got through the open circuit").isEqualTo(2);
            assertThat(p.lastHttpStatus()).isEqualTo(503);
            assertThat(p.lastError()).isEqualTo(down.getMessage());
            assertThat(p.nextAttemptAt()).as("when the circuit lets a probe through").isEqualTo(T0.plus(Duration.ofHours(1)));
        });
    }

    @Test
    @DisplayName("given a circuit that is refusing, when another open period begins (another delivery's probe failed), then it is told at once")
    void aNewOpenPeriodIsToldAtOnce() {
        var progress = new CallProgress(told::add, clock);
        Instant firstOpened = T0.minusSeconds(5);

        progress.refused(0, firstOpened, firstOpened.plusSeconds(30));
        clock.advance(Duration.ofSeconds(1));
        progress.refused(0, firstOpened, firstOpened.plusSeconds(30));
        clock.advance(Duration.ofSeconds(1));
        Instant reopened = clock.instant();
        progress.refused(0, reopened, reopened.plusSeconds(30));

        assertThat(told).extracting(ProgressListener.Progress::at).containsExactly(T0, T0.plusSeconds(2));
        assertThat(told).extracting(ProgressListener.Progress::nextAttemptAt)
                .containsExactly(firstOpened.plusSeconds(30), reopened.plusSeconds(30));
    }

    @Test
    @DisplayName("given a listener that throws, when attempts fail and are retried, then the delivery goes on and succeeds")
    void aThrowingListenerDoesNotFailTheCall() {
        var failure = new RetryableDeliveryException("answered 503", 503, null, false);

        var outcome = caller(new BreakerPolicy(100, 50, Duration.ofSeconds(30))).call(HOST, "webhook",
                failingThen(List.of(failure, failure), "204"), () -> false, p -> {
                    throw new IllegalStateException("listener broken");
                });

        assertThat(outcome.value()).isEqualTo("204");
        assertThat(outcome.attempts()).isEqualTo(3);
    }
}
