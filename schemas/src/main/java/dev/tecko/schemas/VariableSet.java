package dev.tecko.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which Keboola variables a job's trigger sends: TeckoChecker's five (the default, exactly as TeckoChecker sent them),
 * or those five and the extended ones ({@link KeboolaVariables#extended}).
 */
public enum VariableSet {
    @JsonProperty("teckochecker") TECKOCHECKER,
    @JsonProperty("extended") EXTENDED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code null} for the default, so a job that does not ask for more is written exactly as before. */
    static VariableSet normalized(VariableSet value) {
        return value == EXTENDED ? EXTENDED : null;
    }
}
