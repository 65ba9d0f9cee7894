package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.config.TeckoConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class LocalSystemIT {

    @Test
    void givenBootstrapServersAreConfiguredWhenTheSystemStartsThenItUsesThatClusterAndStartsNoBroker(EmbeddedKafka kafka,
                                                                                                    @TempDir Path dataDir) {
        var config = TeckoConfig.of(Map.of(TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                TeckoConfig.TOPIC_PREFIX, "ls" + UUID.randomUUID().toString().substring(0, 8) + ".",
                "TECKO_TOPIC_PARTITIONS", "1"));
        try (var system = LocalSystem.start(config, dataDir, false, null)) {
            assertThat(system.embeddedBroker()).isFalse();
            assertThat(system.bootstrapServers()).isEqualTo(kafka.bootstrapServers());
            assertThat(system.topics()).hasSize(system.config().topics().all().size()).allMatch(t -> t.created());
        }
        assertThat(dataDir.resolve("kafka")).doesNotExist();
        assertThat(dataDir.resolve("master.key")).exists();
    }
}
