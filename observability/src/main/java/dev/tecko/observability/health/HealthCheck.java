package dev.tecko.observability.health;

/** One readiness condition of a runtime, named in the {@code /health/ready} body. */
public interface HealthCheck {
    /** Short snake_case name, e.g. {@code heartbeat}, {@code kafka_consumer}. */
    String name();

    CheckResult check();
}
