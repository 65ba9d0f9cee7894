package dev.tecko.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A successful (2xx) answer of the API: its status and JSON body ({@link MissingNode} when there is none, as for 204). */
record ApiAnswer(int status, JsonNode body) {
    static final int ACCEPTED = 202;

    /** The API took the write but the processor has not confirmed it within the API's wait (docs/api.md, "Writes"). */
    boolean pending() {
        return status == ACCEPTED;
    }

    static ApiAnswer empty(int status) {
        return new ApiAnswer(status, MissingNode.getInstance());
    }
}
