package dev.tecko.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.schemas.BatchOutcome;
import dev.tecko.schemas.BatchStatus;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A crashed dispatcher can leave a transaction open on the ledger until the broker aborts it. Read {@code read_committed}
 * only up to the last stable offset, the ledger would miss every mark committed after that transaction began, and a
 * trigger already sent would look new.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LedgerReaderIT {

    private static TriggerCommand trigger(String job) {
        return TriggerCommand.of(job, job, 1, TriggerTarget.keboola("https://connection.keboola.com", "c", "1", "kbc"),
                List.of(new BatchOutcome("b1", BatchStatus.COMPLETED, null, null, null)), Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static KafkaProducer<String, byte[]> transactional(EmbeddedKafka kafka, String id) {
        var props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("transactional.id", id);
        var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    @Test
    void givenACrashedIncarnationsOpenTransaction_whenTheLedgerIsRebuilt_thenMarksCommittedAfterItAreStillRead(EmbeddedKafka kafka)
            throws Exception {
        Topics topics = new Topics("l" + UUID.randomUUID().toString().substring(0, 8) + ".");
        var ledgerTopic = topics.dispatcherLedger();
        var props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            new TopicAdmin(admin).create(List.of(TopicAdmin.newTopic(ledgerTopic, 1, (short) 1)));
        }
        var serializer = ledgerTopic.valueSerde().serializer();
        DispatchMark sent = DispatchMark.sent(trigger("job-1"), null, Instant.now());
        try (var crashed = transactional(kafka, "crashed-" + UUID.randomUUID());
             var successor = transactional(kafka, "successor-" + UUID.randomUUID())) {
            // given the crashed incarnation's transaction, begun and never ended
            crashed.beginTransaction();
            crashed.send(new ProducerRecord<>(ledgerTopic.name(), 0, "job-0", serializer.serialize(ledgerTopic.name(),
                    DispatchMark.sent(trigger("job-0"), null, Instant.now())))).get();
            // and a mark another incarnation committed after it began
            successor.beginTransaction();
            successor.send(new ProducerRecord<>(ledgerTopic.name(), 0, "job-1", serializer.serialize(ledgerTopic.name(), sent))).get();
            successor.commitTransaction();
            // the broker ends the open transaction a while later (here: its owner aborts it after a second)
            var aborted = CompletableFuture.runAsync(() -> {
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                crashed.abortTransaction();
            });

            var ledger = new Ledger();
            try (var reader = new LedgerReader(props, ledgerTopic, Duration.ofSeconds(30))) {
                reader.load(List.of(0), ledger);
            }
            aborted.get(30, TimeUnit.SECONDS);

            assertThat(ledger.decide(0, trigger("job-1"), Instant.now()).verdict())
                    .as("the trigger committed as sent is reconciled, not sent as new").isEqualTo(Ledger.Verdict.RECOVER);
        }
    }
}
