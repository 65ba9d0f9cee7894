package dev.tecko.bench.kafka;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.processor.runtime.RuntimeSettings;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The Kafka cluster a benchmark runs on: the one {@code TECKO_KAFKA_BOOTSTRAP_SERVERS} names, or else a temporary
 * embedded broker in this JVM. Each run works on topics of its own prefix, so runs never see each other's records.
 */
public final class BenchCluster implements AutoCloseable {
    public static final String REPLICATION_FACTOR = "TECKO_TOPIC_REPLICATION_FACTOR";

    private final TeckoConfig config;
    private final EmbeddedKafka embedded;
    private final Admin admin;

    private BenchCluster(TeckoConfig config, EmbeddedKafka embedded) {
        this.config = config;
        this.embedded = embedded;
        Properties props = config.kafka();
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        this.admin = Admin.create(props);
    }

    public static BenchCluster open(Map<String, String> environment) {
        TeckoConfig config = TeckoConfig.load(environment);
        if (config.hasBootstrapServers()) {
            return new BenchCluster(config, null);
        }
        EmbeddedKafka kafka = EmbeddedKafka.temporary().start();
        return new BenchCluster(config.with(TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers()), kafka);
    }

    /** Which broker the numbers come from; printed with every report. */
    public String describe() {
        String servers = config.required(TeckoConfig.BOOTSTRAP_SERVERS);
        return embedded != null
                ? "kafka: temporary embedded broker in this JVM at " + servers + " (set TECKO_KAFKA_BOOTSTRAP_SERVERS to use another)"
                : "kafka: " + servers + " (TECKO_KAFKA_BOOTSTRAP_SERVERS)";
    }

    public boolean embedded() {
        return embedded != null;
    }

    public Properties kafka() {
        return config.kafka();
    }

    /** A fresh id for one run: names its topic prefix, application id and transactional ids. */
    public static String runId(String bench) {
        return "bench-" + bench + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Every catalog topic under the run's own prefix, {@code partitions} each, all leaders serving. */
    public Topics createTopics(String runId, int partitions) {
        Topics topics = new Topics(runId + ".");
        new TopicAdmin(admin).createAll(topics, partitions, replicationFactor());
        return topics;
    }

    /** An extra topic (for a baseline), leaders serving. */
    public void createTopic(String name, int partitions) {
        new TopicAdmin(admin).create(List.of(new NewTopic(name, partitions, replicationFactor())));
    }

    private short replicationFactor() {
        return (short) config.integer(REPLICATION_FACTOR, 1, 1, Short.MAX_VALUE);
    }

    /** The processor's configuration for this run: its topics ({@link #createTopics}), application id and state directory. */
    public TeckoConfig processorConfig(String runId, Path stateDir) {
        return config.with(TeckoConfig.TOPIC_PREFIX, runId + ".")
                .with(RuntimeSettings.APPLICATION_ID, runId)
                .with(RuntimeSettings.STATE_DIR, stateDir.toString());
    }

    @Override
    public void close() {
        admin.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
