package dev.tecko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownVariablesTest {
    private static final KnownVariables KNOWN = KnownVariables.fromClassPath();

    @Test
    void givenTheMainJars_whenScanned_thenLiteralAndFoldedConstantsOfEveryRuntimeAreKnown() {
        assertThat(KNOWN.names()).contains(
                "TECKO_API_TOKEN",                  // ApiSettings, a plain constant
                "TECKO_PROCESSOR_APPLICATION_SERVER",
                "TECKO_POLLER_CONCURRENCY",
                "TECKO_DISPATCHER_GROUP_ID",        // DispatcherSettings: PREFIX + "GROUP_ID", folded by javac
                "TECKO_MASTER_KEY",
                "TECKO_TOPIC_PARTITIONS",           // package-private in the app
                "TECKO_LOG_FORMAT");                // only in logback.xml
    }

    @Test
    void givenVariablesBuiltFromARuntimeName_whenChecked_thenTheyAreKnownThroughTheConcatenationRecipe() {
        assertThat(KNOWN.isKnown("TECKO_POLLER_METRICS_PORT")).isTrue();
        assertThat(KNOWN.isKnown("TECKO_DISPATCHER_READY_MAX_LOOP_AGE_SECONDS")).isTrue();
        assertThat(KNOWN.isKnown("TECKO__METRICS_PORT")).as("a hole is one word, never empty").isFalse();
    }

    @Test
    void givenTheKafkaPassThrough_whenChecked_thenAnyNameAfterThePrefixIsKnownButNotThePrefixAlone() {
        assertThat(KNOWN.isKnown("TECKO_KAFKA_SASL_JAAS_CONFIG")).isTrue();
        assertThat(KNOWN.isKnown("TECKO_KAFKA_")).isFalse();
    }

    @Test
    void givenMisspelledOrInventedNames_whenChecked_thenTheyAreUnknown() {
        assertThat(KNOWN.isKnown("TECKO_API_TOKN")).isFalse();
        assertThat(KNOWN.isKnown("TECKO_PROCESSOR_REPLICAS")).isFalse();
        assertThat(KNOWN.isKnown("KAFKA_BOOTSTRAP_SERVERS")).isFalse();
    }
}
