package dev.tecko.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.keboola.ReceivedJobRequest;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.TriggerTarget;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What became of the triggers on {@code triggers} (written by the processor, or here by {@link #send} as the processor
 * would): the results committed on {@code trigger-results} and the POSTs the sandbox Keboola accepted. Every trigger's
 * batches are its own, so each accepted POST names the trigger it was for.
 */
final class Deliveries implements AutoCloseable {
    static final String TOKEN_SECRET = "kbc";

    private final Cluster cluster;
    private final SandboxKeboola keboola;
    private final Map<String, TriggerCommand> triggers = new HashMap<>();
    private final Map<String, Integer> commitsPerTrigger = new HashMap<>();
    private final CommittedReader<String, TriggerCommand> triggerReader;
    private final CommittedReader<String, TriggerResult> resultReader;
    private final Map<String, Integer> resultsPerTrigger = new HashMap<>();
    private final Map<String, TriggerResult> lastResult = new HashMap<>();

    Deliveries(Cluster cluster, SandboxKeboola keboola) {
        this.cluster = cluster;
        this.keboola = keboola;
        this.triggerReader = cluster.reader(cluster.topics().triggers());
        this.resultReader = cluster.reader(cluster.topics().triggerResults());
    }

    /** Writes triggers {@code from} (inclusive) to {@code to} (exclusive). */
    void send(int from, int to) {
        try (var producer = cluster.producer(cluster.topics().triggers())) {
            for (int i = from; i < to; i++) {
                TriggerCommand trigger = trigger(i);
                producer.send(new ProducerRecord<>(cluster.topics().triggers().name(), trigger.jobId(), trigger));
            }
        }
    }

    private TriggerCommand trigger(int i) {
        var batches = List.of(
                new BatchOutcome("batch_" + i + "_a", BatchStatus.COMPLETED, null, "file-" + i, null),
                new BatchOutcome("batch_" + i + "_b", i % 3 == 0 ? BatchStatus.FAILED : BatchStatus.COMPLETED, null, null, null));
        var target = TriggerTarget.keboola(keboola.url(), "keboola.ex-generic-v2", "cfg-1", TOKEN_SECRET);
        return TriggerCommand.of("job-" + i, "job number " + i, 1, target, batches, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Reads the triggers and results committed since the last call; returns how many triggers have a result by now. */
    int collectResults() {
        for (var record : triggerReader.poll()) {
            triggers.put(record.value().triggerId(), record.value());
            commitsPerTrigger.merge(record.value().triggerId(), 1, Integer::sum);
        }
        for (var record : resultReader.poll()) {
            resultsPerTrigger.merge(record.value().triggerId(), 1, Integer::sum);
            lastResult.put(record.value().triggerId(), record.value());
        }
        return resultsPerTrigger.size();
    }

    long resultsCommitted() {
        return resultsPerTrigger.values().stream().mapToLong(Integer::longValue).sum();
    }

    long unknownOutcomes() {
        return outcomes(TriggerOutcome.UNKNOWN);
    }

    long outcomes(TriggerOutcome outcome) {
        return lastResult.values().stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Accepted POSTs beyond the first for the same trigger: Keboola jobs created twice. */
    long duplicatePosts() {
        List<ReceivedJobRequest> posts = keboola.received();
        return posts.size() - posts.stream().map(Deliveries::triggerOf).distinct().count();
    }

    /** A job's batch ids are its own, so the two lists name the trigger a POST was for. */
    private static String triggerOf(ReceivedJobRequest post) {
        return batchesOf(post.variables());
    }

    private static String batchesOf(Map<String, String> variables) {
        return variables.get("batch_ids_completed") + " " + variables.get("batch_ids_failed");
    }

    /**
     * The dispatcher's promise for every trigger sent: one result each; at most one Keboola job each; an ok result names
     * the very job Keboola created for it. {@code unknown} results are allowed (the documented outcome when the
     * dispatcher cannot tell) and reported by the caller; the rest must be ok.
     */
    void assertEveryTriggerDeliveredOnce(int expectedTriggers) {
        collectResults();
        assertThat(commitsPerTrigger).as("triggers on the topic").hasSize(expectedTriggers)
                .allSatisfy((id, n) -> assertThat(n).as("commits of %s", id).isOne());
        assertThat(resultsPerTrigger.keySet()).as("triggers with a result").isEqualTo(triggers.keySet());
        assertThat(resultsPerTrigger).allSatisfy((id, n) -> assertThat(n).as("results of %s", id).isOne());
        assertThat(duplicatePosts()).as("duplicate Keboola jobs").isZero();
        Map<String, String> jobByTrigger = keboola.received().stream()
                .collect(Collectors.toMap(Deliveries::triggerOf, ReceivedJobRequest::jobId));
        Map<String, String> keyOf = triggers.values().stream()
                .collect(Collectors.toMap(TriggerCommand::triggerId, t -> batchesOf(t.variables())));
        assertThat(lastResult.values()).allSatisfy(result -> {
            if (result.outcome() != TriggerOutcome.UNKNOWN) {
                assertThat(result.outcome()).as(result.triggerId() + ": " + result.error()).isEqualTo(TriggerOutcome.OK);
                assertThat(result.keboolaJobId()).as(result.triggerId()).isEqualTo(jobByTrigger.get(keyOf.get(result.triggerId())));
            }
        });
    }

    @Override
    public void close() {
        triggerReader.close();
        resultReader.close();
    }
}
