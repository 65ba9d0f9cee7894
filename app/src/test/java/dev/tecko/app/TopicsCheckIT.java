package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code tecko topics check} against a real broker, on topics of a prefix of each test's own. */
@ExtendWith(KafkaBrokerExtension.class)
class TopicsCheckIT {

    private static Map<String, String> env(EmbeddedKafka kafka, String prefix) {
        return Map.of("TECKO_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "TECKO_TOPIC_PREFIX", prefix);
    }

    private static String prefix() {
        return "chk" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    /** Prints the line of the table that starts with this topic's name. */
    private static String line(String out, Topic<?, ?> topic) {
        return out.lines().filter(l -> l.startsWith(topic.name() + " ")).findFirst().orElseThrow(() -> new AssertionError(
                topic.name() + " is not in the table:\n" + out));
    }

    @Test
    void givenTopicsMadeByTopicsCreate_whenChecked_thenItExitsZeroAndSaysEveryTopicIsOk(EmbeddedKafka kafka) {
        String prefix = prefix();
        assertThat(TeckoCommandLineTest.run(env(kafka, prefix), "topics", "create", "--partitions", "3").exitCode()).isZero();

        var run = TeckoCommandLineTest.run(env(kafka, prefix), "topics", "check");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Tecko.OK);
        Topics topics = new Topics(prefix);
        assertThat(line(run.out(), topics.jobStatus())).matches(".*\\s3\\s+compact\\s+ok$");
        assertThat(line(run.out(), topics.triggers())).matches(".*\\s3\\s+delete\\s+ok$");
        assertThat(run.out()).contains("every topic is as the catalog wants it");
    }

    @Test
    void givenDeliberatelyBrokenTopics_whenChecked_thenItExitsOneNamingEachProblem(EmbeddedKafka kafka) throws Exception {
        String prefix = prefix();
        Topics topics = new Topics(prefix);
        List<NewTopic> broken = new ArrayList<>();
        for (Topic<?, ?> topic : topics.all()) {
            if (topic == topics.secrets()) {
                continue; // missing
            }
            int partitions = topic == topics.triggerResults() ? 4 : 2;
            broken.add(TopicAdmin.newTopic(topic, partitions, (short) 1));
        }
        // job-status as a plain stream: its snapshots would be deleted by retention instead of compacted
        broken.replaceAll(t -> t.name().equals(topics.jobStatus().name())
                ? new NewTopic(t.name(), 2, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")) : t);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicAdmin(admin).create(broken);
        }

        var run = TeckoCommandLineTest.run(env(kafka, prefix), "topics", "check");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Tecko.FAILED);
        assertThat(line(run.out(), topics.secrets())).contains("missing");
        assertThat(line(run.out(), topics.triggerResults())).contains("has 4 partitions, the other job-keyed topics 2");
        assertThat(line(run.out(), topics.jobStatus())).contains("cleanup.policy is delete, must be compact");
        assertThat(line(run.out(), topics.jobCommands())).endsWith("ok");
        assertThat(run.out()).contains("3 of " + topics.all().size() + " topics need attention");
    }
}
