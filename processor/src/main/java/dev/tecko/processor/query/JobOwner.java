package dev.tecko.processor.query;

import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance owns a job's partition.
 *
 * @param local whether it is this instance
 * @param host  the owner's {@code application.server}, when the group knows it (empty before assignment, or when no
 *              {@code TECKO_PROCESSOR_APPLICATION_SERVER} is configured)
 */
public record JobOwner(boolean local, Optional<HostInfo> host) {
    public static final JobOwner UNKNOWN = new JobOwner(false, Optional.empty());
}
