package dev.tecko.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {
    private static final String TOKEN = "a-token-of-16-chars-or-more";

    @Test
    void givenOnlyAToken_whenRead_thenTheDocumentedDefaultsApply() {
        ApiSettings settings = ApiSettings.from(TeckoConfig.of(Map.of(ApiSettings.TOKEN, TOKEN, ApiSettings.BIND, "127.0.0.1")));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.advertisedHost()).as("a specific bind address is where others reach us").isEqualTo("127.0.0.1");
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.targetHosts()).isEmpty();
        assertThat(settings.allowLoopback()).isFalse();
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("token=****");
    }

    @Test
    void givenNoTokenOrAShortOne_whenRead_thenTheErrorNamesTheVariable() {
        assertThatThrownBy(() -> ApiSettings.from(TeckoConfig.of(Map.of()))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("TECKO_API_TOKEN is required");
        assertThatThrownBy(() -> ApiSettings.from(TeckoConfig.of(Map.of(ApiSettings.TOKEN, "short-secret"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TECKO_API_TOKEN must be at least 16 characters long, it has 12")
                .hasMessageNotContaining("short-secret");
        assertThat(ApiSettings.from(TeckoConfig.of(Map.of(ApiSettings.ENABLED, "false"))).enabled()).as("no API, no token").isFalse();
    }

    @Test
    void givenTargetHostPatterns_whenRead_thenValidOnesAreKeptAndABadOneIsNamed() {
        var settings = ApiSettings.from(TeckoConfig.of(Map.of(ApiSettings.TOKEN, TOKEN,
                ApiSettings.TARGET_HOSTS, " Hooks.Example.com, *.corp.example ,")));
        assertThat(settings.targetHosts()).isEqualTo(List.of("hooks.example.com", "*.corp.example"));

        assertThatThrownBy(() -> ApiSettings.from(TeckoConfig.of(Map.of(ApiSettings.TOKEN, TOKEN, ApiSettings.TARGET_HOSTS, "*"))))
                .hasMessage("TECKO_API_TARGET_HOSTS holds '*', which is neither host.example.com nor *.example.com");
    }
}
