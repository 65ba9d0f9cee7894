package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class TopicsCreateIT {

    @Test
    void givenABrokerWhenTopicsCreateRunsTwiceThenTheFirstCreatesEveryTopicAndTheSecondLeavesThem(EmbeddedKafka kafka) throws Exception {
        String prefix = "tc" + UUID.randomUUID().toString().substring(0, 8) + ".";
        Map<String, String> env = Map.of("TECKO_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "TECKO_TOPIC_PREFIX", prefix);

        var first = TeckoCommandLineTest.run(env, "topics", "create", "--partitions", "2");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Topics topics = new Topics(prefix);
        for (Topic<?, ?> topic : topics.all()) {
            assertThat(first.out()).containsPattern(topic.name().replace(".", "\\.") + "\\s+created");
        }

        var second = TeckoCommandLineTest.run(env, "topics", "create");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).doesNotContain("created").contains("exists");

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            var described = admin.describeTopics(topics.all().stream().map(Topic::name).toList()).allTopicNames().get();
            assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(2));
        }
    }
}
