package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum CommandType {
    @JsonProperty("create") CREATE,
    @JsonProperty("update") UPDATE,
    @JsonProperty("pause") PAUSE,
    @JsonProperty("resume") RESUME,
    @JsonProperty("cancel") CANCEL,
    @JsonProperty("retrigger") RETRIGGER,
    @JsonProperty("delete") DELETE,
    /** A tagged job's batch list is complete: no batch created after this is added (see {@link SealState}). */
    @JsonProperty("seal") SEAL
}
