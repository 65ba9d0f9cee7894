package dev.tecko.platform.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetAllowListTest {
    private final TargetAllowList strict = new TargetAllowList(List.of("hooks.example.com", "*.corp.example"), false);
    private final TargetAllowList sandbox = new TargetAllowList(List.of(), true);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "https://connection.keboola.com|allowed",
            "https://connection.eu-central-1.keboola.com/|allowed",
            "https://connection.north-europe.azure.keboola.cloud|allowed",
            "https://CONNECTION.KEBOOLA.COM|allowed",
            "https://hooks.example.com/x|allowed",
            "https://a.b.corp.example/x|allowed",
            "https://keboola.com|host keboola.com is not on the allow-list (*.keboola.com, *.keboola.cloud, hooks.example.com, *.corp.example)",
            "https://evilkeboola.com|host evilkeboola.com is not on the allow-list (*.keboola.com, *.keboola.cloud, hooks.example.com, *.corp.example)",
            "https://connection.keboola.com.evil.io|host connection.keboola.com.evil.io is not on the allow-list (*.keboola.com, *.keboola.cloud, hooks.example.com, *.corp.example)",
            "https://other.example.com|host other.example.com is not on the allow-list (*.keboola.com, *.keboola.cloud, hooks.example.com, *.corp.example)",
            "http://connection.keboola.com|must be https",
            "https://169.254.169.254/latest/meta-data|must name a host, not an IP address",
            "https://10.0.0.1|must name a host, not an IP address",
            "https://2130706433/|must name a host, not an IP address",
            "https://[::1]/|must name a host, not an IP address",
            "http://127.0.0.1:8080/|must be https",
            "https://localhost/|host localhost is not on the allow-list (*.keboola.com, *.keboola.cloud, hooks.example.com, *.corp.example)",
            "https://user:pw@connection.keboola.com|must not carry credentials",
            "https://x@connection.keboola.com|must not carry credentials",
            "ftp://connection.keboola.com|must be an absolute https URL",
            "connection.keboola.com|must be an absolute https URL",
            "https:///path|must name a host",
            "https://bad host|is not a valid URL"})
    void givenATargetUrl_whenCheckedWithoutLoopback_thenOnlyHttpsHostsOnTheListPass(String url, String expected) {
        assertThat(strict.refuseTarget(url).orElse("allowed")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:8080/|allowed",
            "http://localhost:9000/x|allowed",
            "https://127.0.0.1/|allowed",
            "http://127.0.0.2/|must be https",
            "https://10.1.2.3/|must name a host, not an IP address",
            "https://connection.keboola.com|allowed"})
    void givenLoopbackAllowed_whenChecked_thenOnlyTheLoopbackHostsAreAddedToTheList(String url, String expected) {
        assertThat(sandbox.refuseTarget(url).orElse("allowed")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "https://api.openai.com/v1|allowed",
            "https://llm.internal.example/v1|allowed",
            "http://api.openai.com/v1|must be https",
            "http://localhost:1234/v1|must be https"})
    void givenASecretBaseUrl_whenChecked_thenAnyHttpsHostPassesButPlainHttpDoesNot(String url, String expected) {
        assertThat(strict.refuseBaseUrl(url).orElse("allowed")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "https://api.openai.com/v1|allowed",
            "https://my-resource.openai.azure.com/openai?api-version=2024-10-21|allowed",
            "https://litellm.corp.example/v1|allowed",
            "https://llm.internal.example/v1|host llm.internal.example is not on the allow-list (api.openai.com, *.openai.azure.com, *.corp.example)",
            "https://openai.azure.com/|host openai.azure.com is not on the allow-list (api.openai.com, *.openai.azure.com, *.corp.example)",
            "https://api.openai.com.evil.io/v1|host api.openai.com.evil.io is not on the allow-list (api.openai.com, *.openai.azure.com, *.corp.example)",
            "https://connection.keboola.com|host connection.keboola.com is not on the allow-list (api.openai.com, *.openai.azure.com, *.corp.example)",
            "http://api.openai.com/v1|must be https",
            "https://10.0.0.1/v1|must name a host, not an IP address",
            "https://key@api.openai.com/v1|must not carry credentials",
            "http://localhost:1234/v1|must be https"})
    void givenAnOpenAiBaseUrl_whenChecked_thenOnlyOpenAiHostsAndTheConfiguredOnesPass(String url, String expected) {
        var list = new TargetAllowList(List.of(), List.of("*.corp.example"), false);
        assertThat(list.refuseOpenAiBaseUrl(url).orElse("allowed")).isEqualTo(expected);
    }

    @Test
    void givenTheOpenAiHostsSetting_whenReadFromConfig_thenUsed_andABadPatternNamesTheVariable() {
        var list = TargetAllowList.from(TeckoConfig.of(Map.of(TargetAllowList.OPENAI_HOSTS, "llm.corp.example")));
        assertThat(list.refuseOpenAiBaseUrl("https://llm.corp.example/v1")).isEmpty();
        assertThat(list.refuseTarget("https://llm.corp.example/v1")).isPresent();
        assertThatThrownBy(() -> TargetAllowList.from(TeckoConfig.of(Map.of(TargetAllowList.OPENAI_HOSTS, "http://x"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TECKO_OPENAI_HOSTS");
    }
}
