package dev.tecko.app;

import dev.tecko.platform.config.TeckoConfig;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Kafka clients built from the {@code TECKO_KAFKA_*} pass-through. */
final class KafkaClients {
    private KafkaClients() {
    }

    static Admin admin(TeckoConfig config) {
        Properties props = config.kafka();
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        return Admin.create(props);
    }
}
