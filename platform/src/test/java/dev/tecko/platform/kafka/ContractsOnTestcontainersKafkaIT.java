package dev.tecko.platform.kafka;

import dev.tecko.schemas.topics.Topics;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same round trip on Apache Kafka's official image; skipped where no Docker engine runs (as on the CI machine). */
@Testcontainers(disabledWithoutDocker = true)
class ContractsOnTestcontainersKafkaIT {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Test
    void givenTheOfficialKafkaImageWhenTopicsAreCreatedThenEveryContractRoundTripsThroughItsSerde() throws Exception {
        ContractRoundTrip.run(KAFKA.getBootstrapServers(), Topics.withDefaultPrefix());
    }
}
