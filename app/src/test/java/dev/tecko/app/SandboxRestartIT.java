package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.platform.config.TeckoConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox one can live in: started twice on the same data directory (its own embedded broker), the second start keeps
 * the broker's address (so printed kcat commands keep working) and does not create a second demo job.
 */
class SandboxRestartIT {

    @Test
    void givenASandboxStartedBeforeWhenStartedAgainOnItsDataThenTheBrokerKeepsItsPortAndTheDemoJobIsNotCreatedAgain(
            @TempDir Path dataDir) {
        var config = TeckoConfig.of(Map.of("TECKO_TOPIC_PARTITIONS", "1", "TECKO_API_PORT", "0"));
        String firstBroker;
        String demoJob;
        try (var system = LocalSystem.start(config, dataDir, true, null)) {
            firstBroker = system.bootstrapServers();
            demoJob = system.demoJob().orElseThrow().jobId();
            assertThat(system.earlierDemoJob()).isEmpty();
        }
        try (var again = LocalSystem.start(config, dataDir, true, null)) {
            assertThat(again.bootstrapServers()).isEqualTo(firstBroker);
            assertThat(again.demoJob()).as("no second demo job").isEmpty();
            assertThat(again.earlierDemoJob()).hasValue(demoJob);
        }
    }
}
