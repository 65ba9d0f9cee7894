package dev.tecko.schemas.topics;

import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.DispatchMark;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobEvent;
import dev.tecko.schemas.JobSnapshot;
import dev.tecko.schemas.TriggerCommand;
import dev.tecko.schemas.TriggerResult;
import dev.tecko.schemas.WebhookHandover;
import dev.tecko.schemas.json.JsonSerde;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The topic catalog: the only place that names a topic and says what its keys and values are. */
public final class Topics {
    public static final String DEFAULT_PREFIX = "tecko.";
    private static final Pattern LEGAL_PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,200}");

    private final Topic<String, JobCommand> jobCommands;
    private final Topic<String, BatchObservation> batchStatus;
    private final Topic<String, JobSnapshot> jobStatus;
    private final Topic<String, JobEvent> jobEvents;
    private final Topic<String, TriggerCommand> triggers;
    private final Topic<String, TriggerResult> triggerResults;
    private final Topic<String, DeliveryProgress> deliveryStatus;
    private final Topic<String, DownstreamObservation> downstreamStatus;
    private final Topic<String, WebhookHandover> webhookHandover;
    private final Topic<String, BatchDiscovery> batchDiscovery;
    private final Topic<String, EncryptedSecret> secrets;
    private final Topic<byte[], byte[]> dlq;
    private final Topic<String, DispatchMark> dispatcherLedger;

    public Topics(String prefix) {
        if (prefix == null || !LEGAL_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("topic prefix must be up to 200 characters of [A-Za-z0-9._-], got '" + prefix + "'");
        }
        Serde<String> key = Serdes.String();
        // records that carry a whole job, and the rest (RecordLimits)
        int whole = RecordLimits.JOB_RECORD_BYTES;
        int part = RecordLimits.DEFAULT_RECORD_BYTES;
        jobCommands = new Topic<>(prefix + "job-commands", key, new JsonSerde<>(JobCommand.class), true, false, whole,
                "Requests to create, update, pause, resume, cancel, retrigger or delete a job");
        batchStatus = new Topic<>(prefix + "batch-status", key, new JsonSerde<>(BatchObservation.class), true, false, part,
                "Batch status observed by the poller or a webhook, published when status or counts change");
        jobStatus = new Topic<>(prefix + "job-status", key, new JsonSerde<>(JobSnapshot.class), true, true, whole,
                "The latest snapshot of each job; tombstone when a job is deleted");
        jobEvents = new Topic<>(prefix + "job-events", key, new JsonSerde<>(JobEvent.class), true, false, part,
                "One event per job transition: the audit trail");
        triggers = new Topic<>(prefix + "triggers", key, new JsonSerde<>(TriggerCommand.class), true, false, whole,
                "One trigger command per job generation, for the dispatcher");
        triggerResults = new Topic<>(prefix + "trigger-results", key, new JsonSerde<>(TriggerResult.class), true, false, part,
                "How each trigger's delivery ended");
        deliveryStatus = new Topic<>(prefix + "delivery-status", key, new JsonSerde<>(DeliveryProgress.class), true, false, part,
                "How a trigger's delivery is going while the dispatcher is at it: attempts, last error, next try, open breaker");
        downstreamStatus = new Topic<>(prefix + "downstream-status", key, new JsonSerde<>(DownstreamObservation.class), true, false,
                part, "The Keboola job a trigger created, followed to its end; published when its status changes");
        webhookHandover = new Topic<>(prefix + "webhook-handover", key, new JsonSerde<>(WebhookHandover.class), true, false, part,
                "Verified provider webhooks, handed from the poller that received one to the poller that owns the job");
        batchDiscovery = new Topic<>(prefix + "batch-discovery", key, new JsonSerde<>(BatchDiscovery.class), true, false, whole,
                "Batches found by a tagged job's tag in the provider's list, and how far the search has covered");
        secrets = new Topic<>(prefix + "secrets", key, new JsonSerde<>(EncryptedSecret.class), false, true, part,
                "Named credentials, AES-256-GCM ciphertext only");
        dlq = new Topic<>(prefix + "dlq", Serdes.ByteArray(), Serdes.ByteArray(), false, false, whole,
                "Records that could not be processed, as they were, with headers naming source and reason");
        dispatcherLedger = new Topic<>(prefix + "dispatcher-ledger", key, new JsonSerde<>(DispatchMark.class), true, true, part,
                "Dispatcher-internal: per job, whether its latest trigger was sent and whether its result is written");
    }

    public static Topics withDefaultPrefix() {
        return new Topics(DEFAULT_PREFIX);
    }

    public Topic<String, JobCommand> jobCommands() {
        return jobCommands;
    }

    public Topic<String, BatchObservation> batchStatus() {
        return batchStatus;
    }

    public Topic<String, JobSnapshot> jobStatus() {
        return jobStatus;
    }

    public Topic<String, JobEvent> jobEvents() {
        return jobEvents;
    }

    public Topic<String, TriggerCommand> triggers() {
        return triggers;
    }

    public Topic<String, TriggerResult> triggerResults() {
        return triggerResults;
    }

    public Topic<String, DeliveryProgress> deliveryStatus() {
        return deliveryStatus;
    }

    public Topic<String, DownstreamObservation> downstreamStatus() {
        return downstreamStatus;
    }

    public Topic<String, WebhookHandover> webhookHandover() {
        return webhookHandover;
    }

    public Topic<String, BatchDiscovery> batchDiscovery() {
        return batchDiscovery;
    }

    public Topic<String, EncryptedSecret> secrets() {
        return secrets;
    }

    public Topic<byte[], byte[]> dlq() {
        return dlq;
    }

    /**
     * Internal to the dispatcher, which creates it itself (with the partition count of {@code triggers}) when missing;
     * not part of {@link #all()}, the public catalog.
     */
    public Topic<String, DispatchMark> dispatcherLedger() {
        return dispatcherLedger;
    }

    public List<Topic<?, ?>> all() {
        return List.of(jobCommands, batchStatus, jobStatus, jobEvents, triggers, triggerResults, deliveryStatus, downstreamStatus,
                webhookHandover, batchDiscovery, secrets, dlq);
    }
}
