package dev.tecko.dispatcher.runtime;

import dev.tecko.schemas.Check;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerOutcome;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.topics.DlqHeaders;
import dev.tecko.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The records a dispatch session writes: results, ledger marks and dead letters, each to its catalog topic. */
final class OutputRecords {
    private final Topics topics;
    private final Clock clock;

    OutputRecords(Topics topics, Clock clock) {
        this.topics = topics;
        this.clock = clock;
    }

    ProducerRecord<byte[], byte[]> result(TriggerResult result) {
        var topic = topics.triggerResults();
        return new ProducerRecord<>(topic.name(), utf8(result.jobId()), topic.valueSerde().serializer().serialize(topic.name(), result));
    }

    /** Same partition number as the trigger: the ledger is rebuilt per owned partition. */
    ProducerRecord<byte[], byte[]> mark(int partition, DispatchMark mark) {
        var topic = topics.dispatcherLedger();
        return new ProducerRecord<>(topic.name(), partition, utf8(mark.jobId()), topic.valueSerde().serializer().serialize(topic.name(), mark));
    }

    ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, Exception e) {
        return new ProducerRecord<>(topics.dlq().name(), null, record.key(), record.value(),
                DlqHeaders.describe(new RecordHeaders(), record.topic(), record.partition(), record.offset(), e));
    }

    /** The answer to a trigger the ledger says was handled already: no job is to wait for a result that never comes. */
    TriggerResult skipped(TriggerCommand trigger, DispatchMark known) {
        boolean earlierJob = known.jobCreatedAt() != null && trigger.jobCreatedAt() != null
                && trigger.jobCreatedAt().isBefore(known.jobCreatedAt());
        boolean same = !earlierJob && known.generation() == trigger.generation();
        String why = earlierJob ? "superseded: this job id names a job created later (" + known.jobCreatedAt()
                + "), which the dispatcher already handled"
                : same ? "already delivered by an earlier run (dispatcher ledger)"
                + (known.keboolaJobId() == null ? "" : ": Keboola job " + known.keboolaJobId())
                : "superseded: the dispatcher already handled generation " + known.generation() + " of this job";
        return new TriggerResult(Check.CURRENT_SCHEMA_VERSION, trigger.triggerId(), trigger.jobId(), trigger.generation(),
                TriggerOutcome.SKIPPED, same ? known.keboolaJobId() : null, null, null, null, null, 0, why, clock.instant());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
