package dev.tecko.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.observability.testing.PrometheusScrape;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaClientBindersTest {

    @Test
    void givenABoundProducer_whenItSends_thenItsClientMetricsAreScrapedAndGoneOnceUnbound(EmbeddedKafka kafka) throws Exception {
        String topic = "binders-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        var registry = RuntimeRegistry.prometheus("poller", "host-1");
        var binders = new KafkaClientBinders(registry);
        try (var producer = binders.bind(new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer()))) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();

            var scrape = PrometheusScrape.parse(registry.scrape());
            assertThat(scrape.value("kafka_producer_record_send_total", Map.of("runtime", "poller"))).hasValueSatisfying(
                    sent -> assertThat(sent).isGreaterThanOrEqualTo(1.0));

            binders.unbind(producer);
            assertThat(binders.size()).isZero();
            assertThat(PrometheusScrape.parse(registry.scrape()).has("kafka_producer_record_send_total")).isFalse();
        }
    }

    @Test
    void givenABoundConsumer_whenTheBindersClose_thenItsMetricsAreRemoved(EmbeddedKafka kafka) {
        var registry = RuntimeRegistry.prometheus("dispatcher", "host-1");
        var binders = new KafkaClientBinders(registry);
        try (var consumer = binders.bind(new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "binders-" + UUID.randomUUID()), new StringDeserializer(), new StringDeserializer()))) {
            assertThat(registry.getMeters()).anyMatch(m -> m.getId().getName().startsWith("kafka.consumer"));

            binders.close();

            assertThat(registry.getMeters()).noneMatch(m -> m.getId().getName().startsWith("kafka.consumer"));
        }
    }
}
