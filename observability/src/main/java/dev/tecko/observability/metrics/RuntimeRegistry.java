package dev.tecko.observability.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The registry a runtime records into and the Prometheus registry its {@code /metrics} serves. Fresh registries carry the
 * common tags {@code runtime} and {@code instance_id} (not {@code instance}: Prometheus sets that label itself on every
 * scrape and would rename ours to {@code exported_instance}).
 *
 * @param meters where the runtime registers its meters
 * @param scrape what {@code /metrics} renders; receives everything registered in {@code meters}
 */
public record RuntimeRegistry(MeterRegistry meters, PrometheusMeterRegistry scrape) {
    public static final String RUNTIME_TAG = "runtime";
    public static final String INSTANCE_TAG = "instance_id";

    /** A new Prometheus registry tagged with the runtime's name and this host's name. */
    public static RuntimeRegistry create(String runtime) {
        var prometheus = prometheus(runtime, instanceId());
        return new RuntimeRegistry(prometheus, prometheus);
    }

    /**
     * For a runtime given a registry by its caller (a test's {@code SimpleMeterRegistry}, or one shared by every runtime of
     * {@code tecko up}): a Prometheus registry is served as it is; any other is paired with a new Prometheus registry through
     * a composite, so the caller still sees every meter and {@code /metrics} still has them all.
     */
    public static RuntimeRegistry around(MeterRegistry given, String runtime) {
        if (given instanceof PrometheusMeterRegistry prometheus) {
            return new RuntimeRegistry(prometheus, prometheus);
        }
        var prometheus = prometheus(runtime, instanceId());
        return new RuntimeRegistry(new CompositeMeterRegistry().add(given).add(prometheus), prometheus);
    }

    public static PrometheusMeterRegistry prometheus(String runtime, String instanceId) {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(RUNTIME_TAG, runtime, INSTANCE_TAG, instanceId);
        return registry;
    }

    /** The container's host name (what Kubernetes sets to the pod name), else the machine's. */
    static String instanceId() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
