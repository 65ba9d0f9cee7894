package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * A Keboola job's status, as its Job Queue API reports it. {@code waiting} is normal (a long queue, a locked
 * configuration); {@code terminating} is on its way to {@code terminated}. Finished: {@code success}, {@code warning},
 * {@code error}, {@code terminated}, {@code cancelled}.
 */
public enum DownstreamStatus {
    @JsonProperty("created") CREATED,
    @JsonProperty("waiting") WAITING,
    @JsonProperty("processing") PROCESSING,
    @JsonProperty("terminating") TERMINATING,
    @JsonProperty("success") SUCCESS,
    @JsonProperty("warning") WARNING,
    @JsonProperty("error") ERROR,
    @JsonProperty("terminated") TERMINATED,
    @JsonProperty("cancelled") CANCELLED;

    public boolean isFinished() {
        return rank() == 4;
    }

    /** The job ran and ended well ({@code warning} too: Keboola counts it as done with notes). */
    public boolean succeeded() {
        return this == SUCCESS || this == WARNING;
    }

    /**
     * The place in the job's life: created, then waiting, processing, terminating, and one of the finished statuses last.
     * A report of a lower place than one already seen is older news (the follower's answers can be reordered).
     */
    public int rank() {
        return switch (this) {
            case CREATED -> 0;
            case WAITING -> 1;
            case PROCESSING -> 2;
            case TERMINATING -> 3;
            default -> 4;
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status the Queue API names, or null for one this build does not know (it is then not followed further). */
    public static DownstreamStatus fromWire(String value) {
        for (DownstreamStatus s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
