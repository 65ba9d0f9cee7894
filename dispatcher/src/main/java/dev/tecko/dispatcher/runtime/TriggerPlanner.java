package dev.tecko.dispatcher.runtime;

import dev.tecko.dispatcher.delivery.CancelledException;
import dev.tecko.dispatcher.delivery.TriggerDispatcher;
import dev.tecko.dispatcher.ledger.Ledger;
import dev.tecko.observability.logging.LogContext;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.topics.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of each trigger record a session reads: decided on the loop thread against the ledger (a dead letter or
 * a skip is finished at once), delivered in its lane otherwise, with its {@code sent} mark committed first. The
 * outcome is queued on the partition's work as a step for the loop to commit.
 */
final class TriggerPlanner {
    private static final Logger log = LoggerFactory.getLogger(TriggerPlanner.class);

    private final Topics topics;
    private final Ledger ledger;
    private final OutputRecords records;
    private final SentMarks sentMarks;
    private final TriggerDispatcher dispatcher;
    private final DispatchMetrics metrics;
    private final Clock clock;

    TriggerPlanner(Topics topics, Ledger ledger, OutputRecords records, SentMarks sentMarks, TriggerDispatcher dispatcher,
                   DispatchMetrics metrics, Clock clock) {
        this.topics = topics;
        this.ledger = ledger;
        this.records = records;
        this.sentMarks = sentMarks;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Decides on one record now (loop thread): finished at once, or queued in its lane. */
    void plan(PartitionWork work, ConsumerRecord<byte[], byte[]> record) {
        TriggerCommand trigger;
        try {
            trigger = topics.triggers().valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (trigger == null) {
                throw new SerializationException("a trigger record has no value (tombstone)");
            }
        } catch (RuntimeException e) {
            log.warn("trigger record {}-{}@{} is unreadable, sent to the DLQ: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            metrics.deadLettered();
            work.finished.add(PartitionWork.Step.immediate(record.offset(), null, List.of(records.deadLetter(record, e))));
            return;
        }
        try (var logContext = LogContext.job(trigger.jobId()).trigger(trigger.triggerId())) {
            planDelivery(work, record, trigger);
        }
    }

    private void planDelivery(PartitionWork work, ConsumerRecord<byte[], byte[]> record, TriggerCommand trigger) {
        DeliveryPlan plan = DeliveryPlan.decide(ledger, record.partition(), record.offset(), trigger, clock.instant());
        switch (plan.action()) {
            case SKIP, ANSWER_SKIPPED -> {
                log.info("trigger {} was already handled; skipped", trigger.triggerId());
                metrics.skipped();
                List<ProducerRecord<byte[], byte[]>> answer = plan.action() == DeliveryPlan.Action.SKIP ? List.of()
                        : List.of(records.result(records.skipped(trigger, plan.mark())));
                work.finished.add(PartitionWork.Step.immediate(record.offset(), trigger.jobId(), answer));
                return;
            }
            case SEND -> {
                // the mark is written when the lane gets to it (SentMarks)
            }
            case RECOVER -> log.info("trigger {} was marked sent by an earlier run without a result; reconciling", trigger.triggerId());
        }
        boolean recovering = plan.action() == DeliveryPlan.Action.RECOVER;
        DispatchMark planned = plan.mark();
        work.deliver(trigger.jobId(), plan.lane(), () -> {
            DispatchMark mark = planned;
            if (!recovering) {
                // durable before any request goes out, stamped now: it is what a successor reconciles from
                mark = DispatchMark.sent(trigger, planned.previousKeboolaJobId(), clock.instant(), record.offset());
                if (!sentMarks.write(work, mark, work.cancelled::get)) {
                    return;
                }
            }
            deliver(work, record, trigger, mark, recovering);
        });
    }

    private void deliver(PartitionWork work, ConsumerRecord<byte[], byte[]> record, TriggerCommand trigger, DispatchMark mark,
                         boolean recovering) {
        try (var logContext = LogContext.job(trigger.jobId()).trigger(trigger.triggerId())) {
            deliverInContext(work, record, trigger, mark, recovering);
        }
    }

    private void deliverInContext(PartitionWork work, ConsumerRecord<byte[], byte[]> record, TriggerCommand trigger, DispatchMark mark,
                                  boolean recovering) {
        try {
            TriggerResult result = dispatcher.dispatch(trigger, mark, recovering, work.cancelled::get);
            metrics.result(result.outcome());
            log.info("trigger {} → {}{}", trigger.triggerId(), result.outcome().name().toLowerCase(Locale.ROOT),
                    result.keboolaJobId() == null ? "" : " (Keboola job " + result.keboolaJobId() + ")");
            DispatchMark done = mark.done(result.keboolaJobId(), clock.instant(), record.offset());
            work.finished.add(new PartitionWork.Step(record.offset(), trigger.jobId(),
                    List.of(records.result(result), records.mark(record.partition(), done)), done, true));
        } catch (CancelledException e) {
            work.cancelled.set(true);
        } catch (RuntimeException e) {
            // a bug, not bad input: leave the trigger to the next session rather than report something untrue
            log.error("delivering trigger {} failed unexpectedly: {}", trigger.triggerId(), e.toString());
            work.cancelled.set(true);
        }
    }
}
