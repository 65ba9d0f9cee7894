package dev.tecko.poller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.poller.tag.TagSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PollerSettingsTagTest {
    @Test
    @DisplayName("given no tag settings when read then the margin is 10 s, the page budget 100 and a sealing job is searched every second")
    void defaults() {
        assertThat(PollerSettings.from(TeckoConfig.of(Map.of())).tag()).isEqualTo(TagSettings.DEFAULTS)
                .isEqualTo(new TagSettings(Duration.ofSeconds(10), 100, Duration.ofSeconds(1)));
    }

    @Test
    @DisplayName("given tag settings when read then they are used")
    void given() {
        TagSettings tag = PollerSettings.from(TeckoConfig.of(Map.of(PollerSettings.TAG_LIST_LAG_SECONDS, "0", PollerSettings.TAG_MAX_PAGES, "7",
                PollerSettings.TAG_SEALING_MILLIS, "250"))).tag();

        assertThat(tag).isEqualTo(new TagSettings(Duration.ZERO, 7, Duration.ofMillis(250)));
    }

    @Test
    @DisplayName("given a bad tag setting when read then the error names the variable")
    void bad() {
        assertThatThrownBy(() -> PollerSettings.from(TeckoConfig.of(Map.of(PollerSettings.TAG_LIST_LAG_SECONDS, "3601"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TECKO_POLLER_TAG_LIST_LAG_SECONDS");
        assertThatThrownBy(() -> PollerSettings.from(TeckoConfig.of(Map.of(PollerSettings.TAG_MAX_PAGES, "lots"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TECKO_POLLER_TAG_MAX_PAGES");
    }
}
