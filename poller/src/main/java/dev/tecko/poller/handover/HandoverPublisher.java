package dev.tecko.poller.handover;

import dev.tecko.poller.webhook.WebhookReceiver.BatchEvent;
import dev.tecko.poller.webhook.WebhookReceiver.Handler;
import dev.tecko.poller.webhook.WebhookReceiver.Outcome;
import dev.tecko.schemas.WebhookHandover;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of a webhook: one {@code webhook-handover} record per job holding the batch, written to the job's
 * {@code job-status} partition number (so it reaches that partition's owner whatever partitioner a client uses), and the
 * answer only once every record is acknowledged by all in-sync replicas: a 2xx means the event cannot be lost any more,
 * anything less is a 503 and OpenAI delivers it again. No job holding the batch is a 200 only when the index has read
 * all of {@code job-status}; before that the job may just not be known yet, so 503.
 */
public final class HandoverPublisher implements Handler {
    private static final Logger log = LoggerFactory.getLogger(HandoverPublisher.class);

    private final Producer<String, WebhookHandover> producer;
    private final String topic;
    private final BatchIndex index;
    private final BooleanSupplier indexCaughtUp;
    private final Duration timeout;
    private final MeterRegistry meters;

    /**
     * @param producer acks=all and idempotent (see {@link WebhookHandovers})
     * @param timeout  how long a webhook's answer waits for the acknowledgements at most
     */
    public HandoverPublisher(Producer<String, WebhookHandover> producer, String topic, BatchIndex index, BooleanSupplier indexCaughtUp,
                             Duration timeout, MeterRegistry meters) {
        this.producer = producer;
        this.topic = topic;
        this.index = index;
        this.indexCaughtUp = indexCaughtUp;
        this.timeout = timeout;
        this.meters = meters;
    }

    @Override
    public Outcome handle(BatchEvent event) {
        // read once: an index that catches up between the look-up and the check must not turn a miss into "unknown"
        boolean caughtUp = indexCaughtUp.getAsBoolean();
        List<BatchIndex.Holder> holders = index.holders(event.batchId());
        if (holders.isEmpty()) {
            Outcome outcome = caughtUp ? Outcome.UNKNOWN_BATCH : Outcome.NOT_READY;
            count(caughtUp ? "unknown_batch" : "not_ready", 1);
            return outcome;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(holders.size());
        try {
            for (BatchIndex.Holder holder : holders) {
                var value = new WebhookHandover(1, holder.jobId(), event.batchId(), event.eventId(), event.eventType(), event.receivedAt());
                sends.add(producer.send(new ProducerRecord<>(topic, holder.partition(), holder.jobId(), value)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<RecordMetadata> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // some records may be written after all: a retried webhook writes them again, and the owner's fetch is idempotent
            log.warn("webhook for batch {} not handed over, answering 503 so it is delivered again: {}", event.batchId(),
                    e instanceof ExecutionException ? e.getCause().toString() : e.toString());
            count("failed", 1);
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            count("failed", 1);
            return Outcome.FAILED;
        }
        count("sent", holders.size());
        return Outcome.ACCEPTED;
    }

    private void count(String outcome, int n) {
        Counter.builder("tecko.poller.webhook.handovers")
                .description("webhook handovers written for the jobs' owners (sent, per record) or not (failed, unknown_batch, not_ready: per webhook)")
                .tag("outcome", outcome).register(meters).increment(n);
    }
}
