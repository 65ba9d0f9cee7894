package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.platform.config.TeckoConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox one can live in: started twice on the same data directory (its own embedded broker), the second start keeps
 * the broker's address (so printed kcat commands keep working) and the sandbox services' addresses (so the jobs created
 * before still point at them), and does not create a second demo job.
 */
class SandboxRestartIT {

    @Test
    void givenASandboxStartedBeforeWhenStartedAgainOnItsDataThenTheBrokerKeepsItsPortAndTheDemoJobIsNotCreatedAgain(
            @TempDir Path dataDir) {
        var config = TeckoConfig.of(Map.of("TECKO_TOPIC_PARTITIONS", "1", "TECKO_API_PORT", "0"));
        String firstBroker;
        String demoJob;
        String keboola;
        String openAi;
        try (var system = LocalSystem.start(config, dataDir, true, null)) {
            firstBroker = system.bootstrapServers();
            keboola = system.sandbox().orElseThrow().keboola().url();
            openAi = system.sandbox().orElseThrow().openAi().baseUrl();
            demoJob = system.demoJob().orElseThrow().jobId();
            assertThat(system.earlierDemoJob()).isEmpty();
        }
        try (var again = LocalSystem.start(config, dataDir, true, null)) {
            assertThat(again.bootstrapServers()).isEqualTo(firstBroker);
            assertThat(again.sandbox().orElseThrow().keboola().url()).as("the jobs' stack URL stays valid").isEqualTo(keboola);
            assertThat(again.sandbox().orElseThrow().openAi().baseUrl()).isEqualTo(openAi);
            assertThat(again.demoJob()).as("no second demo job").isEmpty();
            assertThat(again.earlierDemoJob()).hasValue(demoJob);
        }
    }
}
