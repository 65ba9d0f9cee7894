package dev.tecko.schemas.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.schemas.Check;
import dev.tecko.schemas.EventType;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobStatus;
import dev.tecko.schemas.RejectionCode;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/examples/JobEventsWithContracts.java, the "with the tecko-schemas jar" example of docs/consuming-topics.md,
 * compiled with javax.tools against this module's classes, kafka-clients, Jackson and slf4j-api only (the contract jar
 * alone, as another team would use it) and run in a child JVM against the embedded broker.
 */
@ExtendWith(KafkaBrokerExtension.class)
class JobEventsWithContractsExampleIT {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path classes;

    @Test
    void givenEventsAndARejection_whenTheDocumentedExampleRuns_thenItPrintsThemWithTheRejectionCode(EmbeddedKafka kafka) throws Exception {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        var topics = new Topics(prefix);
        String topic = topics.jobEvents().name();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                topics.jobEvents().keySerde().serializer(), topics.jobEvents().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic, "job-1", new JobEvent(Check.CURRENT_SCHEMA_VERSION, "job-1", 1, EventType.CREATED,
                    AT, JobStatus.ACTIVE, 1, null, null, null, null, "cmd-1", null))).get();
            producer.send(new ProducerRecord<>(topic, "job-2", new JobEvent(Check.CURRENT_SCHEMA_VERSION, "job-2", 0,
                    EventType.COMMAND_REJECTED, AT, null, 0, null, null, null, null, "cmd-2", "job job-2 does not exist",
                    RejectionCode.NOT_FOUND))).get();
        }
        List<String> output = DocumentedExample.compileAndRun(classes, DocumentedExample.classPathOf(List.of(JobEvent.class,
                KafkaConsumer.class, ObjectMapper.class, JsonFactory.class, JsonAutoDetect.class, JavaTimeModule.class,
                org.slf4j.LoggerFactory.class)), "JobEventsWithContracts", kafka.bootstrapServers(), prefix, "2");

        assertThat(output).containsExactly("job job-1 #1 created", "job job-2 #0 command_rejected not_found");
    }
}
