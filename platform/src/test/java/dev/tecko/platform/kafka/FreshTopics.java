package dev.tecko.platform.kafka;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.schemas.topics.Topics;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Every topic of the catalog under a prefix of its own, so tests on one broker never see each other's records. */
final class FreshTopics {
    private FreshTopics() {
    }

    static Topics create(EmbeddedKafka kafka, String prefix) {
        Topics topics = new Topics(prefix + UUID.randomUUID().toString().substring(0, 8) + ".");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicAdmin(admin).createAll(topics, 2, (short) 1);
        }
        return topics;
    }

    /** The client properties a reader of the broker needs. */
    static Properties clientProps(EmbeddedKafka kafka) {
        var props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        return props;
    }
}
