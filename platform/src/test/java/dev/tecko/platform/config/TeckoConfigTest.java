package dev.tecko.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TeckoConfig")
class TeckoConfigTest {
    enum Mode { FAST, SLOW_AND_STEADY }

    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        Path file = dir.resolve("tecko.properties");
        Files.writeString(file, content);
        return file;
    }

    @Test
    @DisplayName("given a file spelling names both ways and an environment when loaded then the environment wins and both spellings are read")
    void givenFileAndEnvironment_whenLoaded_thenEnvironmentWins() throws Exception {
        Path file = file("tecko.poll.concurrency = 4\nTECKO_TOPIC_PREFIX=file.\ntecko-max-batches=7\n");
        var config = TeckoConfig.load(Map.of(TeckoConfig.CONFIG_FILE, file.toString(), "TECKO_TOPIC_PREFIX", "env.", "PATH", "/bin"));
        assertThat(config.string("TECKO_POLL_CONCURRENCY", "1")).isEqualTo("4");
        assertThat(config.integer("TECKO_MAX_BATCHES", 1, 1, 10)).isEqualTo(7);
        assertThat(config.string("TECKO_TOPIC_PREFIX", "tecko.")).isEqualTo("env.");
        assertThat(config.topics().jobStatus().name()).isEqualTo("env.job-status");
        assertThat(config.optional("PATH")).as("only TECKO_* is taken from the environment").isEmpty();
    }

    @Test
    @DisplayName("given a config file that does not exist when loaded then the message names TECKO_CONFIG_FILE and the path")
    void givenMissingFile_whenLoaded_thenMessageNamesVariable() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> TeckoConfig.load(Map.of(TeckoConfig.CONFIG_FILE, missing.toString())))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("TECKO_CONFIG_FILE names '" + missing + "'");
    }

    @Test
    @DisplayName("given TECKO_KAFKA_* values when kafka() is asked then they become dotted lower-case client properties")
    void givenKafkaPassThrough_whenAsked_thenDottedLowerCase() {
        var config = TeckoConfig.of(Map.of("TECKO_KAFKA_BOOTSTRAP_SERVERS", "b:9092", "TECKO_KAFKA_SASL_JAAS_CONFIG", "x required;",
                "TECKO_KAFKA_", "ignored", "TECKO_OTHER", "y"));
        assertThat(config.kafka()).containsOnly(Map.entry("bootstrap.servers", "b:9092"), Map.entry("sasl.jaas.config", "x required;"));
        assertThat(config.hasBootstrapServers()).isTrue();
        assertThat(TeckoConfig.of(Map.of()).hasBootstrapServers()).isFalse();
    }

    @Test
    @DisplayName("given integers when read then defaults, underscores and bounds apply and errors name the variable")
    void givenIntegers_whenRead_thenParsedOrRejected() {
        var config = TeckoConfig.of(Map.of("TECKO_A", "1_000", "TECKO_B", "ten", "TECKO_C", "99", "TECKO_D", "  "));
        assertThat(config.integer("TECKO_A", 0, 0, 5000)).isEqualTo(1000);
        assertThat(config.integer("TECKO_D", 5, 0, 10)).as("blank means unset").isEqualTo(5);
        assertThat(config.number("TECKO_MISSING", 7L, 0, 10)).isEqualTo(7L);
        assertThatThrownBy(() -> config.integer("TECKO_B", 0, 1, 10)).isInstanceOf(ConfigException.class)
                .hasMessage("TECKO_B must be a whole number between 1 and 10, got 'ten'");
        assertThatThrownBy(() -> config.integer("TECKO_C", 0, 1, 10)).hasMessage("TECKO_C must be between 1 and 10, got 99");
    }

    @Test
    @DisplayName("given booleans when read then the usual spellings work and others are rejected naming the variable")
    void givenBooleans_whenRead_thenParsedOrRejected() {
        var config = TeckoConfig.of(Map.of("TECKO_A", "Yes", "TECKO_B", "off", "TECKO_C", "maybe"));
        assertThat(config.bool("TECKO_A", false)).isTrue();
        assertThat(config.bool("TECKO_B", true)).isFalse();
        assertThat(config.bool("TECKO_MISSING", true)).isTrue();
        assertThatThrownBy(() -> config.bool("TECKO_C", false)).hasMessage("TECKO_C must be true or false, got 'maybe'");
    }

    @Test
    @DisplayName("given choices when read then names match case-insensitively with dashes, others list the options")
    void givenChoices_whenRead_thenMatchedOrRejected() {
        var config = TeckoConfig.of(Map.of("TECKO_MODE", "slow-and-steady", "TECKO_BAD", "turbo"));
        assertThat(config.choice("TECKO_MODE", Mode.class, Mode.FAST)).isEqualTo(Mode.SLOW_AND_STEADY);
        assertThat(config.choice("TECKO_MISSING", Mode.class, Mode.FAST)).isEqualTo(Mode.FAST);
        assertThatThrownBy(() -> config.choice("TECKO_BAD", Mode.class, Mode.FAST))
                .hasMessage("TECKO_BAD must be one of fast, slow_and_steady, got 'turbo'");
    }

    @Test
    @DisplayName("given required, with() and a bad prefix when used then missing names the variable, with() overrides, prefix errors name TECKO_TOPIC_PREFIX")
    void givenRequiredWithAndPrefix_whenUsed_thenClearBehaviour() {
        var config = TeckoConfig.of(Map.of());
        assertThatThrownBy(() -> config.required("TECKO_MASTER_KEY")).hasMessage("TECKO_MASTER_KEY is required but not set");
        assertThat(config.with("TECKO_X", "1").required("TECKO_X")).isEqualTo("1");
        assertThat(config.optional("TECKO_X")).as("with() returns a copy").isEmpty();
        assertThat(config.topics().jobStatus().name()).isEqualTo("tecko.job-status");
        assertThatThrownBy(() -> config.with(TeckoConfig.TOPIC_PREFIX, "bad/prefix").topics())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("TECKO_TOPIC_PREFIX: topic prefix must be");
    }

    @Test
    @DisplayName("given credentials in the config when described or printed then they are masked and the rest is shown")
    void givenCredentials_whenDescribed_thenMasked() {
        var config = TeckoConfig.of(Map.of("TECKO_MASTER_KEY", "c2VjcmV0", "TECKO_KAFKA_SASL_JAAS_CONFIG", "password=\"hunter2\"",
                "TECKO_KAFKA_SSL_KEY_PASSWORD", "pw", "TECKO_API_TOKEN", "t", "TECKO_SIGNING_KEY", "k", "TECKO_POLL_CONCURRENCY", "4"));
        assertThat(config.describe()).containsEntry("TECKO_MASTER_KEY", "****").containsEntry("TECKO_KAFKA_SASL_JAAS_CONFIG", "****")
                .containsEntry("TECKO_KAFKA_SSL_KEY_PASSWORD", "****").containsEntry("TECKO_API_TOKEN", "****")
                .containsEntry("TECKO_SIGNING_KEY", "****").containsEntry("TECKO_POLL_CONCURRENCY", "4");
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("c2VjcmV0").contains("TECKO_POLL_CONCURRENCY=4");
        assertThat(TeckoConfig.isSensitive("tecko_kafka_sasl_jaas_config")).isTrue();
        assertThat(TeckoConfig.isSensitive("TECKO_KEYBOARD")).isFalse();
    }

    @Test
    @DisplayName("given the process environment when loaded then it works without a config file")
    void givenProcessEnvironment_whenLoaded_thenNoError() {
        assertThat(TeckoConfig.fromEnvironment()).isNotNull();
    }
}
