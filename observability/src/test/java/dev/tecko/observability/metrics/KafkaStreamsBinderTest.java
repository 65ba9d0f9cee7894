package dev.tecko.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.observability.testing.PrometheusScrape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the processor will use: a running Kafka Streams instance's metrics in the Prometheus scrape. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaStreamsBinderTest {
    @TempDir
    Path stateDir;

    @Test
    void givenABoundStreamsInstance_whenRunning_thenItsStreamMetricsAreScrapedAndGoneOnceClosed(EmbeddedKafka kafka) throws Exception {
        String in = "streams-in-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(in, 1, (short) 1))).all().get();
        }
        var builder = new StreamsBuilder();
        builder.stream(in).foreach((k, v) -> { });
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "binder-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        var registry = RuntimeRegistry.prometheus("processor", "host-1");

        try (var streams = new KafkaStreams(builder.build(), props)) {
            AutoCloseable binder = KafkaStreamsBinder.bind(streams, registry);
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            assertThat(PrometheusScrape.parse(registry.scrape()).samples())
                    .anyMatch(s -> s.name().startsWith("kafka_stream_") && "processor".equals(s.labels().get("runtime")));

            binder.close();
            assertThat(registry.getMeters()).noneMatch(m -> m.getId().getName().startsWith("kafka.stream"));
        }
    }
}
