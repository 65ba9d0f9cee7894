package dev.tecko.observability.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * When a runtime's main loop last completed a turn. Exposed as {@code tecko_heartbeat_age_seconds{runtime}} and used as
 * a readiness check: a loop stuck for longer than {@code maxAge} (a hung poll, a deadlock) makes the instance not ready.
 * Before the first beat the age counts from creation, so a loop that never turns shows up as ageing too.
 */
public final class Heartbeat implements HealthCheck {
    public static final String METRIC = "tecko.heartbeat.age";

    private final Clock clock;
    private final Duration maxAge;
    private volatile Instant last;

    public Heartbeat(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.last = clock.instant();
    }

    /** Registers the age gauge, tagged with the runtime (explicitly, so runtimes sharing one registry stay apart). */
    public Heartbeat register(MeterRegistry registry, String runtime) {
        TimeGauge.builder(METRIC, this, TimeUnit.MILLISECONDS, h -> h.age().toMillis())
                .description("time since the runtime's main loop last completed a turn")
                .tag("runtime", runtime)
                .register(registry);
        return this;
    }

    /** The loop completed a turn. */
    public void beat() {
        last = clock.instant();
    }

    public Duration age() {
        Duration age = Duration.between(last, clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    public boolean isRecent() {
        return age().compareTo(maxAge) <= 0;
    }

    @Override
    public String name() {
        return "heartbeat";
    }

    @Override
    public CheckResult check() {
        String detail = "last loop " + age().toMillis() + " ms ago (limit " + maxAge.toMillis() + " ms)";
        return isRecent() ? CheckResult.up(detail) : CheckResult.down(detail);
    }
}
