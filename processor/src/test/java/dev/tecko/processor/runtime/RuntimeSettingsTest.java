package dev.tecko.processor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.processor.query.JobOwner;
import dev.tecko.processor.topology.CountedDeserializationHandler;
import dev.tecko.processor.topology.CountedProcessingHandler;
import dev.tecko.processor.topology.ProcessorSettings;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {
    @Test
    @DisplayName("given no processor settings, then exactly-once, one thread, no standby, application id tecko-processor, native DLQ")
    void defaults() {
        var settings = RuntimeSettings.from(TeckoConfig.of(Map.of(TeckoConfig.BOOTSTRAP_SERVERS, "k:9092")));
        var props = settings.streamsProperties(Topics.withDefaultPrefix());
        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("tecko-processor");
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(1);
        assertThat(props.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(0);
        assertThat(props).doesNotContainKeys(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, StreamsConfig.APPLICATION_SERVER_CONFIG);
        assertThat(props.get("bootstrap.servers")).isEqualTo("k:9092");
        assertThat(props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("tecko.dlq");
        assertThat(props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(CountedDeserializationHandler.class.getName());
        assertThat(props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(CountedProcessingHandler.class.getName());
        assertThat(props.get(StreamsConfig.producerPrefix("max.block.ms"))).as("a commit waits out a broker outage")
                .isEqualTo(Long.toString(RuntimeSettings.COMMIT_WAITS_FOR_BROKER.toMillis()));
    }

    @Test
    @DisplayName("given the commit's wait for the broker set through TECKO_KAFKA_, then that wait applies")
    void theCommitsWaitCanBeOverridden() {
        var props = RuntimeSettings.from(TeckoConfig.of(Map.of("TECKO_KAFKA_PRODUCER_MAX_BLOCK_MS", "30000")))
                .streamsProperties(Topics.withDefaultPrefix());
        assertThat(props.get(StreamsConfig.producerPrefix("max.block.ms"))).isEqualTo("30000");
    }

    @Test
    @DisplayName("given every TECKO_PROCESSOR_* variable, then each reaches its Streams property")
    void everySetting() {
        var config = TeckoConfig.of(Map.of(
                RuntimeSettings.APPLICATION_ID, "app", RuntimeSettings.STATE_DIR, "/var/lib/tecko",
                RuntimeSettings.THREADS, "3", RuntimeSettings.STANDBY_REPLICAS, "1",
                RuntimeSettings.COMMIT_INTERVAL_MS, "250", RuntimeSettings.GUARANTEE, "at-least-once",
                RuntimeSettings.APPLICATION_SERVER, "proc-1:8080", "TECKO_KAFKA_PROCESSING_GUARANTEE", "ignored"));
        var props = RuntimeSettings.from(config).streamsProperties(new Topics("x."));
        assertThat(props).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "app")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/tecko")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 3)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250L)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE)
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "proc-1:8080")
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "x.dlq");
    }

    @Test
    @DisplayName("given bad values, then a ConfigException names the variable")
    void badValues() {
        assertThatThrownBy(() -> RuntimeSettings.from(TeckoConfig.of(Map.of(RuntimeSettings.APPLICATION_SERVER, "nope"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(RuntimeSettings.APPLICATION_SERVER);
        assertThatThrownBy(() -> RuntimeSettings.from(TeckoConfig.of(Map.of(RuntimeSettings.GUARANTEE, "maybe"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(RuntimeSettings.GUARANTEE);
        assertThatThrownBy(() -> RuntimeSettings.from(TeckoConfig.of(Map.of(RuntimeSettings.THREADS, "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(RuntimeSettings.THREADS);
        assertThatThrownBy(() -> ProcessorSettings.from(TeckoConfig.of(Map.of(ProcessorSettings.MAX_BATCHES_PER_JOB, "10001"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ProcessorSettings.MAX_BATCHES_PER_JOB);
    }

    @Test
    @DisplayName("given topology settings in config, then ProcessorSettings reads them with their defaults")
    void processorSettings() {
        var defaults = ProcessorSettings.from(TeckoConfig.of(Map.of()));
        assertThat(defaults.maxBatchesPerJob()).isEqualTo(1000);
        assertThat(defaults.storeName()).isEqualTo("jobs");
        assertThat(defaults.deadlineCheckInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.snapshotInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(defaults.batchStoreName()).isEqualTo("jobs-batches");
        var custom = ProcessorSettings.from(TeckoConfig.of(Map.of(ProcessorSettings.MAX_BATCHES_PER_JOB, "5",
                ProcessorSettings.DEADLINE_CHECK_INTERVAL_MS, "500", ProcessorSettings.SNAPSHOT_INTERVAL_MS, "2000",
                TeckoConfig.TOPIC_PREFIX, "p.")));
        assertThat(custom.maxBatchesPerJob()).isEqualTo(5);
        assertThat(custom.deadlineCheckInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(custom.snapshotInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(custom.topics().jobCommands().name()).isEqualTo("p.job-commands");
    }

    @Test
    @DisplayName("given a runtime not started, then its state is CREATED, queries say so, and close is harmless")
    void notStarted() {
        var runtime = new ProcessorRuntime(TeckoConfig.of(Map.of()));
        assertThat(runtime.isRunning()).isFalse();
        assertThat(runtime.queries().ownerOf("job-1")).isEqualTo(JobOwner.UNKNOWN);
        assertThatThrownBy(() -> runtime.queries().get("job-1")).isInstanceOf(IllegalStateException.class);
        runtime.close();
    }
}
