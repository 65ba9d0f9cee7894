package dev.tecko.api.system;

import dev.tecko.observability.health.CheckResult;
import dev.tecko.observability.health.HealthCheck;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Whether the Kafka cluster answers; asked at most once per {@link #CACHE_FOR}, so health checks cannot load the cluster. */
public final class BrokerProbe implements HealthCheck, AutoCloseable {
    static final Duration CACHE_FOR = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;
    private long checkedAt = Long.MIN_VALUE;
    private boolean reachable;

    public BrokerProbe(Properties kafka) {
        var props = new Properties();
        props.putAll(kafka);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(props);
    }

    public synchronized boolean reachable() {
        long now = System.nanoTime();
        if (checkedAt != Long.MIN_VALUE && now - checkedAt < CACHE_FOR.toNanos()) {
            return reachable;
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis())).clusterId()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            reachable = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reachable = false;
        } catch (Exception e) {
            reachable = false;
        }
        checkedAt = System.nanoTime();
        return reachable;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public CheckResult check() {
        return reachable() ? CheckResult.up("reachable") : CheckResult.down("unreachable (cluster id not answered within "
                + TIMEOUT.toMillis() + " ms)");
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
