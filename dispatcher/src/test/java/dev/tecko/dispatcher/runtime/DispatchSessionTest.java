package dev.tecko.dispatcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.dispatcher.ledger.LedgerLoader;
import dev.tecko.observability.RuntimeOperations;
import dev.tecko.observability.health.GroupMembership;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session's loop against kafka-clients' {@link MockConsumer} and {@link MockProducer}: records that need no delivery
 * (a dead letter, a trigger the ledger says is done) are committed with the consumer's offsets, and a clean stop
 * commits what is finished. Deliveries themselves are tested against a real broker and the sandbox Keboola
 * ({@code DispatcherCrashRecoveryIT}, {@code DispatcherLanesIT}, ...).
 */
class DispatchSessionTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Topics topics = Topics.withDefaultPrefix();
    private final TopicPartition partition = new TopicPartition(topics.triggers().name(), 0);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final RuntimeOperations ops = RuntimeOperations.create(TeckoConfig.of(Map.of()), "dispatcher", 0, new SimpleMeterRegistry(),
            Clock.systemUTC());
    private Thread loop;

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.join(10_000);
        }
        workers.shutdownNow();
        ops.close();
    }

    @Test
    void givenAnUnreadableTriggerAndOneAlreadyDone_whenRead_thenADeadLetterIsWrittenAndBothOffsetsAreCommittedWithoutASecondResult() {
        TriggerCommand done = trigger();
        DispatchMark doneMark = DispatchMark.sent(done, null, NOW, 1L).done("kbc-7", NOW, 1L);
        DispatchSession session = session((partitions, ledger) -> partitions.forEach(p -> ledger.completed(p, doneMark)));
        onAssignment(bytes("{not json"), serialized(done));

        start(session);

        await().atMost(Duration.ofSeconds(10)).until(() -> committedOffset() == 2);
        session.stop();
        assertThat(producer.history()).singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo(topics.dlq().name()));
        assertThat(producer.transactionCommitted()).isTrue();
    }

    @Test
    void givenATriggerReadAfterItsDoneMarkWasCommitted_whenReadAgain_thenNothingIsWrittenButTheOffsetMoves() {
        TriggerCommand done = trigger();
        DispatchMark doneMark = DispatchMark.sent(done, null, NOW, 0L).done("kbc-7", NOW, 0L);
        DispatchSession session = session((partitions, ledger) -> partitions.forEach(p -> ledger.completed(p, doneMark)));
        onAssignment(serialized(done));

        start(session);

        await().atMost(Duration.ofSeconds(10)).until(() -> committedOffset() == 1);
        session.stop();
        assertThat(producer.history()).as("no second result for a trigger whose result is committed").isEmpty();
    }

    private DispatchSession session(LedgerLoader ledger) {
        var settings = DispatcherSettings.from(TeckoConfig.of(Map.of()));
        // no trigger here needs delivering: the dispatcher is never asked
        return new DispatchSession(new DispatchClients(consumer, producer, ledger), settings, topics, null,
                new DispatchMetrics(new SimpleMeterRegistry()), workers, Clock.systemUTC(), ops, new GroupMembership("kafka_consumer"));
    }

    /** The partition is assigned at the session's first poll, holding these values from offset 0 on. */
    private void onAssignment(byte[]... values) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(partition));
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
            consumer.seek(partition, 0);
            for (int offset = 0; offset < values.length; offset++) {
                consumer.addRecord(new ConsumerRecord<>(partition.topic(), 0, offset, bytes("job-1"), values[offset]));
            }
        });
    }

    private byte[] serialized(TriggerCommand trigger) {
        return topics.triggers().valueSerde().serializer().serialize(partition.topic(), trigger);
    }

    private void start(DispatchSession session) {
        loop = new Thread(session::run, "dispatch-session-test");
        loop.start();
    }

    /** The offset of the consumer's group in the producer's committed transactions, -1 before any. */
    private long committedOffset() {
        var history = producer.consumerGroupOffsetsHistory();
        return history.stream().flatMap(byGroup -> byGroup.values().stream()).map(offsets -> offsets.get(partition))
                .filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).max().orElse(-1);
    }

    private static TriggerCommand trigger() {
        return TriggerCommand.of("job-1", "job", 1, TriggerTarget.keboola("https://connection.keboola.com", "c", "1", "kbc"),
                List.of(new BatchOutcome("b", BatchStatus.COMPLETED, null, null, null)), NOW);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
