package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Why the processor refused a command, machine-readable: a {@code command_rejected} job event carries one, so a reader
 * (the REST API, another team) decides on the code, never on the English message next to it.
 */
public enum RejectionCode {
    /** The command names a job that does not exist (or was deleted). */
    @JsonProperty("not_found") NOT_FOUND,
    /** A create for a job id that is in use. */
    @JsonProperty("already_exists") ALREADY_EXISTS,
    /** The job's status does not allow the command (e.g. pause a cancelled job, retrigger while triggering). */
    @JsonProperty("invalid_state") INVALID_STATE,
    /** The command itself is not acceptable: unreadable, a field out of bounds, a target or secret refused. */
    @JsonProperty("invalid") INVALID;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
