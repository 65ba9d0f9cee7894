package dev.tecko.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class ContractsOnEmbeddedBrokerIT {

    @Test
    void givenTheCatalogWhenTopicsAreCreatedOnARealBrokerThenEveryContractRoundTripsThroughItsSerde(EmbeddedKafka kafka) throws Exception {
        ContractRoundTrip.run(kafka.bootstrapServers(), new Topics("rt" + UUID.randomUUID().toString().substring(0, 8) + "."));
    }

    /** What another team sees with a non-Java client: the topics, and our JSON as plain text. */
    @Test
    void givenKcatIsInstalledWhenAnotherTeamReadsJobStatusThenItSeesTheTopicsAndPlainJson(EmbeddedKafka kafka) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kcat")), "kcat is not installed (apt-get install kcat)");
        Topics topics = new Topics("kc" + UUID.randomUUID().toString().substring(0, 8) + ".");
        ContractRoundTrip.run(kafka.bootstrapServers(), topics);

        String metadata = run("kcat", "-b", kafka.bootstrapServers(), "-L");
        topics.all().forEach(topic -> assertThat(metadata).contains("topic \"" + topic.name() + "\" with 3 partitions"));

        String snapshot = run("kcat", "-b", kafka.bootstrapServers(), "-C", "-t", topics.jobStatus().name(), "-e", "-q",
                "-f", "%k %s\\n");
        assertThat(snapshot).contains(ContractRoundTrip.JOB + " {").contains("\"status\":\"triggering\"").contains("\"schemaVersion\":1");
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("kcat finished").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
