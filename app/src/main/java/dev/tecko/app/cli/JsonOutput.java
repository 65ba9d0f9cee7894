package dev.tecko.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.schemas.json.Json;
import java.io.PrintWriter;

/** {@code --json}: the API's JSON, pretty-printed, for jq and scripts. */
final class JsonOutput {
    private JsonOutput() {
    }

    static void print(PrintWriter out, JsonNode json) {
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (JsonProcessingException e) {
            // a tree that was just parsed can always be written back
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
