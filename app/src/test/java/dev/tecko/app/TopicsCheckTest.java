package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.app.TopicsCommand.Described;
import dev.tecko.app.TopicsCommand.Finding;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison behind {@code tecko topics check}, on described topics made up here (the IT runs it on a broker). */
class TopicsCheckTest {
    private final Topics catalog = new Topics("t.");

    /** Every catalog topic as {@code topics create} makes it. */
    private Map<String, Described> healthy(int partitions) {
        Map<String, Described> described = new LinkedHashMap<>();
        for (Topic<?, ?> topic : catalog.all()) {
            described.put(topic.name(), new Described(partitions, topic.compacted() ? "compact" : "delete"));
        }
        return described;
    }

    private static Finding finding(List<Finding> findings, String topic) {
        return findings.stream().filter(f -> f.topic().equals(topic)).findFirst().orElseThrow();
    }

    @Test
    void givenTheTopicsAsCreated_whenChecked_thenEveryTopicIsOkAndTheOptionalLedgerIsNotRequired() {
        List<Finding> findings = TopicsCommand.check(catalog, healthy(6));

        assertThat(findings).allMatch(Finding::ok).hasSize(catalog.all().size());
        assertThat(findings).extracting(Finding::topic).doesNotContain(catalog.dispatcherLedger().name());
    }

    @Test
    void givenOneJobKeyedTopicWithOtherPartitions_whenChecked_thenOnlyThatOneBreaksCoPartitioning() {
        Map<String, Described> described = healthy(6);
        described.put(catalog.batchStatus().name(), new Described(3, "delete"));
        // not job-keyed: its partition count is free
        described.put(catalog.dlq().name(), new Described(1, "delete"));

        List<Finding> findings = TopicsCommand.check(catalog, described);

        assertThat(finding(findings, catalog.batchStatus().name()).problems())
                .containsExactly("has 3 partitions, the other job-keyed topics 6: not co-partitioned");
        assertThat(findings).filteredOn(f -> !f.ok()).extracting(Finding::topic).containsExactly(catalog.batchStatus().name());
    }

    @Test
    void givenACompactedTopicWithDeletePolicyAndAMissingTopic_whenChecked_thenBothAreNamed() {
        Map<String, Described> described = healthy(2);
        described.put(catalog.jobStatus().name(), new Described(2, "delete"));
        described.remove(catalog.secrets().name());

        List<Finding> findings = TopicsCommand.check(catalog, described);

        assertThat(finding(findings, catalog.jobStatus().name()).problems()).containsExactly("cleanup.policy is delete, must be compact");
        assertThat(finding(findings, catalog.secrets().name()).problems()).containsExactly("missing (tecko topics create)");
        assertThat(finding(findings, catalog.secrets().name()).found()).isNull();
    }

    @Test
    void givenCompactAndDelete_whenChecked_thenTheCompactionIsAccepted() {
        Map<String, Described> described = healthy(2);
        described.put(catalog.jobStatus().name(), new Described(2, "compact,delete"));

        assertThat(TopicsCommand.check(catalog, described)).allMatch(Finding::ok);
    }

    @Test
    void givenALedgerThatExistsWithOtherPartitions_whenChecked_thenTheLedgerIsCheckedToo() {
        Map<String, Described> described = healthy(4);
        described.put(catalog.dispatcherLedger().name(), new Described(2, "delete"));

        Finding ledger = finding(TopicsCommand.check(catalog, described), catalog.dispatcherLedger().name());

        assertThat(ledger.problems()).containsExactly("has 2 partitions, the other job-keyed topics 4: not co-partitioned",
                "cleanup.policy is delete, must be compact");
    }

    @Test
    void givenNoTopicsAtAll_whenChecked_thenEveryCatalogTopicIsMissing() {
        assertThat(TopicsCommand.check(catalog, Map.of()))
                .hasSize(catalog.all().size())
                .allSatisfy(f -> assertThat(f.problems()).containsExactly("missing (tecko topics create)"));
    }

    @Test
    void givenNoBootstrapServers_whenCheckRuns_thenItExitsWithBadInputNamingTheVariable() {
        var run = TeckoCommandLineTest.run(Map.of(), "topics", "check");

        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("TECKO_KAFKA_BOOTSTRAP_SERVERS is required");
    }
}
