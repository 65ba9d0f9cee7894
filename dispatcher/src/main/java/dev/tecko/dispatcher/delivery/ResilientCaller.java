package dev.tecko.dispatcher.delivery;

import dev.tecko.dispatcher.http.PermanentDeliveryException;
import dev.tecko.dispatcher.http.RetryableDeliveryException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs delivery attempts under a resilience4j {@link Retry} (backoff with jitter, {@code Retry-After} honoured, a total
 * time budget) inside a {@link CircuitBreaker} per target host. While a host's circuit is open the delivery waits
 * rather than fails, and the waiting does not count against its budget: a host that is down delays triggers, it does
 * not fail them. A {@link ProgressListener} given to a call is told each failed attempt that will be retried, and the
 * circuit refusing it ({@link CallProgress}).
 */
public final class ResilientCaller {
    private static final Logger log = LoggerFactory.getLogger(ResilientCaller.class);
    private static final Duration OPEN_CIRCUIT_SLICE = Duration.ofMillis(200);

    private final CircuitBreakerRegistry breakers;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Waiter waiter;
    private final AttemptListener listener;
    private final Duration openFor;
    /** When each host's circuit last opened: names the open period, and tells when it lets a probe through. */
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();

    public ResilientCaller(RetryPolicy retry, BreakerPolicy breaker, Clock clock, Waiter waiter, AttemptListener listener) {
        this.policy = retry;
        this.clock = clock;
        this.waiter = waiter;
        this.listener = listener;
        this.openFor = breaker.openFor();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.window())
                .minimumNumberOfCalls(breaker.window())
                .failureRateThreshold(breaker.failureRatePercent())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(RetryableDeliveryException.class)
                .ignoreExceptions(PermanentDeliveryException.class)
                .build());
        breakers.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt.put(event.getCircuitBreakerName(), clock.instant());
            }
        }));
    }

    public CircuitBreaker.State state(String host) {
        return breakers.circuitBreaker(host).getState();
    }

    /** One breaker per target host, created on first use: for binding their state to metrics. */
    public CircuitBreakerRegistry breakers() {
        return breakers;
    }

    /** A call's result and how many attempts it took. */
    public record Outcome<T>(T value, int attempts) {
    }

    /**
     * @throws RetryableDeliveryException the last failure, once the budget is spent
     * @throws PermanentDeliveryException at once
     * @throws CancelledException         when {@code cancelled} turns true
     */
    public <T> Outcome<T> call(String host, String targetType, Supplier<T> attempt, BooleanSupplier cancelled) {
        return call(host, targetType, attempt, cancelled, ProgressListener.NONE);
    }

    /** As {@link #call(String, String, Supplier, BooleanSupplier)}, telling {@code progress} how it goes while it runs. */
    public <T> Outcome<T> call(String host, String targetType, Supplier<T> attempt, BooleanSupplier cancelled,
                               ProgressListener progress) {
        CallProgress told = new CallProgress(progress, clock);
        CircuitBreaker breaker = breakers.circuitBreaker(host);
        Instant[] deadline = {clock.instant().plus(policy.total())};
        int[] attempts = {0};
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .retryOnException(e -> e instanceof RetryableDeliveryException && !cancelled.getAsBoolean()
                        && clock.instant().isBefore(deadline[0]))
                .intervalBiFunction((IntervalBiFunction<Object>) (n, either) -> {
                    Throwable failure = either.swap().getOrNull();
                    long wait = interval(n, failure, deadline[0]);
                    // a retry is worth an operator's eye: said at WARN, with what failed (redacted) and when the next try is
                    log.warn("{} delivery to {}: attempt {} failed ({}); next try in {} ms", targetType, host, n,
                            failure == null ? "no answer" : failure.getMessage(), wait);
                    told.retrying(attempts[0], failure, Duration.ofMillis(wait));
                    return wait;
                })
                .build();
        while (true) {
            checkCancelled(cancelled);
            try {
                T value = Retry.of(host, config).executeSupplier(() -> {
                    checkCancelled(cancelled);
                    return breaker.executeSupplier(() -> {
                        attempts[0]++;
                        return observed(targetType, attempt);
                    });
                });
                return new Outcome<>(value, attempts[0]);
            } catch (CallNotPermittedException open) {
                listener.attempted(targetType, "circuit_open");
                Instant opened = openedAt.get(host);
                told.refused(attempts[0], opened, opened == null ? null : opened.plus(openFor));
                waiter.await(OPEN_CIRCUIT_SLICE, cancelled);
                deadline[0] = deadline[0].plus(OPEN_CIRCUIT_SLICE);
            } catch (RetryableDeliveryException e) {
                // retrying stopped because this instance is stopping or lost the partition, not because the budget ran
                // out: nothing is to be reported, the trigger stays sent-but-open for the next owner to settle
                checkCancelled(cancelled);
                throw new RetriesExhaustedException(e, attempts[0]);
            } catch (PermanentDeliveryException e) {
                throw new PermanentFailureException(e, attempts[0]);
            }
        }
    }

    private <T> T observed(String targetType, Supplier<T> attempt) {
        long started = System.nanoTime();
        try {
            T value = attempt.get();
            listener.attempted(targetType, "ok", since(started));
            return value;
        } catch (RetryableDeliveryException e) {
            listener.attempted(targetType, "retryable", since(started));
            throw e;
        } catch (PermanentDeliveryException e) {
            listener.attempted(targetType, "permanent", since(started));
            throw e;
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private long interval(int attempt, Throwable failure, Instant deadline) {
        Duration wait = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
        if (failure instanceof RetryableDeliveryException retryable && retryable.retryAfter().isPresent()
                && retryable.retryAfter().get().compareTo(wait) > 0) {
            wait = retryable.retryAfter().get();
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.compareTo(wait) < 0) {
            wait = left.isNegative() ? Duration.ZERO : left;
        }
        return wait.toMillis();
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }

    /** Retries ran out; carries the last failure and the attempt count. */
    public static final class RetriesExhaustedException extends RuntimeException {
        private final RetryableDeliveryException last;
        private final int attempts;

        RetriesExhaustedException(RetryableDeliveryException last, int attempts) {
            super(last.getMessage(), null, false, false);
            this.last = last;
            this.attempts = attempts;
        }

        public RetryableDeliveryException last() {
            return last;
        }

        public int attempts() {
            return attempts;
        }
    }

    /** The target refused for good; carries the refusal and the attempt count. */
    public static final class PermanentFailureException extends RuntimeException {
        private final PermanentDeliveryException refusal;
        private final int attempts;

        PermanentFailureException(PermanentDeliveryException refusal, int attempts) {
            super(refusal.getMessage(), null, false, false);
            this.refusal = refusal;
            this.attempts = attempts;
        }

        public PermanentDeliveryException refusal() {
            return refusal;
        }

        public int attempts() {
            return attempts;
        }
    }
}
