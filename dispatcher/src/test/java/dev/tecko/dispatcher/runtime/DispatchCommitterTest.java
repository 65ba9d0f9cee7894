package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's transactional writes, against kafka-clients' {@link MockProducer}: what goes out together, and when nothing does. */
class DispatchCommitterTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final ConsumerGroupMetadata GROUP = new ConsumerGroupMetadata("tecko-dispatcher");
    private final Topics topics = Topics.withDefaultPrefix();
    private final TopicPartition partition = new TopicPartition(topics.triggers().name(), 0);
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final ExecutorService workers = Executors.newSingleThreadExecutor();
    private final OutputRecords records = new OutputRecords(topics, Clock.fixed(NOW, ZoneOffset.UTC));
    private boolean killed;
    private final DispatchCommitter committer = new DispatchCommitter(producer, records, () -> killed);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void givenFinishedStepsAroundAnOpenOne_whenCommitted_thenTheirRecordsAndTheOffsetUpToTheOpenOneGoInOneTransaction() {
        committer.initTransactions();
        PartitionWork work = readOffsets(0, 1, 2);
        var first = record("job-a");
        var third = record("job-c");
        work.finished.add(PartitionWork.Step.immediate(0, "job-a", List.of(first)));
        work.finished.add(PartitionWork.Step.immediate(2, "job-c", List.of(third)));

        DispatchCommitter.Turn turn = committer.collect(List.of(), List.of(work));
        committer.commit(turn, GROUP);

        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.history()).containsExactly(first, third);
        // offset 1 is still being delivered: a successor must read it again
        assertThat(producer.consumerGroupOffsetsHistory()).containsExactly(Map.of("tecko-dispatcher", Map.of(partition, new OffsetAndMetadata(1))));
        assertThat(work.openCount()).isEqualTo(1);
    }

    @Test
    void givenOnlyASentMark_whenCommitted_thenItGoesWithThePartitionsUnchangedOffset_soTheCommitCarriesTheGroupsGeneration() {
        committer.initTransactions();
        PartitionWork work = readOffsets(5, 6);
        DispatchMark mark = DispatchMark.sent(trigger(), null, NOW, 5L);
        var request = new SentMarks.Request(work, mark, new CompletableFuture<>());

        DispatchCommitter.Turn turn = committer.collect(List.of(request), List.of(work));
        committer.commit(turn, GROUP);

        assertThat(turn.isEmpty()).isFalse();
        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo(topics.dispatcherLedger().name());
            assertThat(r.partition()).isEqualTo(0);
        });
        assertThat(producer.consumerGroupOffsetsHistory()).containsExactly(Map.of("tecko-dispatcher", Map.of(partition, new OffsetAndMetadata(5))));
    }

    @Test
    void givenNothingFinished_thenTheTurnIsEmptyAndNoTransactionIsOpened() {
        committer.initTransactions();

        DispatchCommitter.Turn turn = committer.collect(List.of(), List.of(readOffsets(0)));

        assertThat(turn.isEmpty()).isTrue();
        assertThat(producer.transactionInFlight()).isFalse();
    }

    @Test
    void givenAFencedProducer_whenCommitted_thenItThrowsAndNothingOfTheTurnIsCommitted() {
        committer.initTransactions();
        PartitionWork work = readOffsets(0);
        work.finished.add(PartitionWork.Step.immediate(0, "job-a", List.of(record("job-a"))));
        producer.fenceProducer();

        DispatchCommitter.Turn turn = committer.collect(List.of(), List.of(work));

        assertThatThrownBy(() -> committer.commit(turn, GROUP)).isInstanceOf(ProducerFencedException.class);
        assertThat(producer.history()).isEmpty();
        assertThat(producer.consumerGroupOffsetsHistory()).isEmpty();
    }

    @Test
    void givenACommitThatFails_whenAborted_thenNothingOfTheTurnIsVisible() {
        committer.initTransactions();
        PartitionWork work = readOffsets(0);
        work.finished.add(PartitionWork.Step.immediate(0, "job-a", List.of(record("job-a"))));
        producer.commitTransactionException = new KafkaException("broker went away");

        DispatchCommitter.Turn turn = committer.collect(List.of(), List.of(work));
        assertThatThrownBy(() -> committer.commit(turn, GROUP)).hasMessageContaining("broker went away");

        assertThat(committer.abortIfOpen()).isTrue();
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();
        assertThat(committer.abortIfOpen()).as("aborted once").isFalse();
    }

    @Test
    void givenAKilledSession_whenItWouldCommit_thenNoTransactionIsEvenBegun() {
        committer.initTransactions();
        PartitionWork work = readOffsets(0);
        work.finished.add(PartitionWork.Step.immediate(0, "job-a", List.of(record("job-a"))));
        killed = true;

        DispatchCommitter.Turn turn = committer.collect(List.of(), List.of(work));

        assertThatThrownBy(() -> committer.commit(turn, GROUP)).isInstanceOf(WakeupException.class);
        assertThat(producer.transactionInFlight()).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    private PartitionWork readOffsets(long... offsets) {
        var work = new PartitionWork(partition, workers);
        for (long offset : offsets) {
            work.admit(offset);
        }
        return work;
    }

    private ProducerRecord<byte[], byte[]> record(String jobId) {
        return new ProducerRecord<>(topics.triggerResults().name(), jobId.getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    private static TriggerCommand trigger() {
        return TriggerCommand.of("job-1", "job", 1, TriggerTarget.keboola("https://connection.keboola.com", "c", "1", "kbc"),
                List.of(new BatchOutcome("b", BatchStatus.COMPLETED, null, null, null)), NOW);
    }
}
