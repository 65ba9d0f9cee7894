package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherSettingsTest {
    @Test
    void givenNoSettings_whenRead_thenTheDocumentedDefaultsApply() {
        var settings = DispatcherSettings.from(TeckoConfig.of(Map.of()));
        assertThat(settings.groupId()).isEqualTo("tecko-dispatcher");
        assertThat(settings.retry().total()).isEqualTo(Duration.ofSeconds(900));
        assertThat(settings.retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.recovery().inFlightGrace()).isEqualTo(Duration.ofSeconds(31));
        assertThat(settings.recovery().clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.breaker().window()).isEqualTo(10);
        assertThat(settings.concurrency()).isEqualTo(32);
        assertThat(settings.maxOpenPerPartition()).isEqualTo(1_000);
        assertThat(settings.maxPollRecords()).isEqualTo(100);
        assertThat(settings.instanceId()).isNotBlank();
    }

    @Test
    void givenSettings_whenRead_thenTheyAreUsed() {
        var settings = DispatcherSettings.from(TeckoConfig.of(Map.of("TECKO_DISPATCHER_GROUP_ID", "g", "TECKO_DISPATCHER_RETRY_TOTAL_SECONDS", "5")));
        assertThat(settings.groupId()).isEqualTo("g");
        assertThat(settings.retry().total()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> DispatcherSettings.from(TeckoConfig.of(Map.of("TECKO_DISPATCHER_CONCURRENCY", "0"))))
                .isInstanceOf(ConfigException.class);
    }
}
