package dev.tecko.schemas.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.json.Json;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/JobStatusConsumer.java, the Java example of docs/consuming-topics.md, compiled with javax.tools against
 * kafka-clients, Jackson and slf4j-api only (what another team has) and run in a child JVM against the embedded broker:
 * it must print the snapshot and the tombstone this test writes.
 */
@ExtendWith(KafkaBrokerExtension.class)
class JobStatusConsumerExampleIT {
    @TempDir
    Path classes;

    @Test
    void givenASnapshotAndATombstoneOnJobStatus_whenTheDocumentedExampleRuns_thenItPrintsBoth(EmbeddedKafka kafka) throws Exception {
        var topics = new Topics("t" + UUID.randomUUID().toString().substring(0, 8) + ".");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topics.jobStatus().name(), 2, (short) 1))).all().get();
        }
        JobSnapshot snapshot = Json.mapper().readValue(DocumentedExample.repository().resolve("schemas/examples/job-snapshot/completed-full.json").toFile(),
                JobSnapshot.class);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            String topic = topics.jobStatus().name();
            producer.send(new ProducerRecord<>(topic, snapshot.jobId(), Json.mapper().writeValueAsString(snapshot))).get();
            producer.send(new ProducerRecord<>(topic, "job-gone", null)).get();
        }
        // what another team has: kafka-clients, Jackson and slf4j-api, nothing of tecko's
        List<String> output = DocumentedExample.compileAndRun(classes, DocumentedExample.classPathOf(List.of(KafkaConsumer.class,
                ObjectMapper.class, JsonFactory.class, JsonAutoDetect.class, org.slf4j.LoggerFactory.class)), "JobStatusConsumer",
                kafka.bootstrapServers(), topics.jobStatus().name(), "2");

        assertThat(output).containsExactlyInAnyOrder(
                "job " + snapshot.jobId() + " status=" + snapshot.status().wire() + " generation=" + snapshot.generation()
                        + " batches completed=" + snapshot.counts().completed() + " failed=" + snapshot.counts().failed()
                        + " open=" + snapshot.counts().open() + " total=" + snapshot.counts().total(),
                "job job-gone deleted");
    }
}
