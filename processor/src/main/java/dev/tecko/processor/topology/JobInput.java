package dev.tecko.processor.topology;

import dev.tecko.schemas.BatchDiscovery;
import dev.tecko.schemas.BatchObservation;
import dev.tecko.schemas.DeliveryProgress;
import dev.tecko.schemas.DownstreamObservation;
import dev.tecko.schemas.TriggerResult;

/**
 * What reaches the job processor: one type per source, merged into one stream, so the processor dispatches on the type
 * and never on a topic's name. A value is null where the record had none (the processor refuses it).
 */
sealed interface JobInput {
    /** A command as the bytes its writer sent: read by the processor, so that an unreadable one is still answered. */
    record Command(byte[] value) implements JobInput {
    }

    record Observation(BatchObservation value) implements JobInput {
    }

    record Result(TriggerResult value) implements JobInput {
    }

    /** What the dispatcher saw of the Keboola job a trigger created. */
    record Downstream(DownstreamObservation value) implements JobInput {
    }

    /** What a search of the provider's list found for a tagged job (its poller's). */
    record Discovery(BatchDiscovery value) implements JobInput {
    }

    /** How the dispatcher's delivery of a trigger is going (advisory, best effort). */
    record Delivery(DeliveryProgress value) implements JobInput {
    }
}
