package dev.tecko.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.config.TeckoConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class BenchClusterIT {

    @Test
    void givenBootstrapServers_thenTheBenchUsesThatClusterAndSaysSo(EmbeddedKafka kafka) {
        try (var cluster = BenchCluster.open(Map.of(TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers()))) {
            assertThat(cluster.embedded()).isFalse();
            assertThat(cluster.describe()).isEqualTo("kafka: " + kafka.bootstrapServers() + " (TECKO_KAFKA_BOOTSTRAP_SERVERS)");
        }
    }

    @Test
    void givenNoBootstrapServers_thenTheBenchStartsItsOwnBrokerAndTopicsServeRightAway() throws Exception {
        try (var cluster = BenchCluster.open(Map.of())) {
            assertThat(cluster.embedded()).isTrue();
            assertThat(cluster.describe()).startsWith("kafka: temporary embedded broker in this JVM at 127.0.0.1:");
            String runId = BenchCluster.runId("cluster");
            var topics = cluster.createTopics(runId, 2);
            try (var loader = new JobLoader(cluster.kafka(), topics);
                 var tail = RecordCounter.counting(cluster.kafka(), topics.jobCommands().name())) {
                loader.creates(0, 5, 2).flush();
                assertThat(tail.awaitCount(5, Deadline.in(java.time.Duration.ofSeconds(30)))).isTrue();
            }
        }
    }
}
