package dev.tecko.app;

import dev.tecko.config.TeckoConfig;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.schemas.topics.TopicAdmin;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code tecko up} runs in one JVM: the embedded broker unless bootstrap servers are configured, the catalog's
 * topics, then the runtimes. Closing stops them in reverse order of start.
 */
final class LocalSystem implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private TeckoConfig config;
    private EmbeddedKafka broker;
    private List<TopicAdmin.Outcome> topics = List.of();

    private LocalSystem(TeckoConfig config) {
        this.config = config;
    }

    static LocalSystem start(TeckoConfig config, Path dataDir) {
        var system = new LocalSystem(config);
        try {
            system.startBroker(dataDir);
            system.createTopics();
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private void startBroker(Path dataDir) {
        if (config.hasBootstrapServers()) {
            return;
        }
        broker = EmbeddedKafka.persistent(dataDir.resolve("kafka")).start();
        started.push(broker);
        config = config.with(TeckoConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    }

    private void createTopics() {
        var settings = TopicSettings.from(config, null, null);
        try (Admin admin = KafkaClients.admin(config)) {
            topics = new TopicAdmin(admin).createAll(config.topics(), settings.partitions(), settings.replicationFactor());
        }
    }

    /** The configuration the runtimes get: the given one, pointed at the embedded broker when there is one. */
    TeckoConfig config() {
        return config;
    }

    boolean embeddedBroker() {
        return broker != null;
    }

    String bootstrapServers() {
        return config.required(TeckoConfig.BOOTSTRAP_SERVERS);
    }

    List<TopicAdmin.Outcome> topics() {
        return topics;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
