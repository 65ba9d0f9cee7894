package dev.tecko.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.app.Tecko;
import dev.tecko.schemas.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one job: its settings, every batch, and its latest events.")
final class JobShowCommand extends ApiCommand {
    @Parameters(paramLabel = "JOB_ID", description = "The job to show.")
    String jobId;

    @Option(names = "--events", paramLabel = "N", defaultValue = "10", description = "How many of the latest events to show; 0 for none (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--event-type", paramLabel = "TYPE", split = ",",
            description = "Show only events of this type (e.g. batch_changed, triggered, downstream_failed); repeat or separate with commas.")
    java.util.List<String> eventTypes;

    @Option(names = "--json", description = "Print {\"job\": …, \"events\": […]} with the API's JSON of each.")
    boolean json;

    @Override
    int run(TeckoApiClient api) {
        JsonNode job = api.get(api.endpoint().path("api", "jobs", jobId).build()).body();
        JsonNode latest = events > 0
                ? api.get(eventsUrl(api))
                        .body().path("events")
                : Json.mapper().createArrayNode();
        // what the latest trigger sent, once there is one
        JsonNode sent = job.path("lastTrigger").isObject()
                ? api.get(api.endpoint().path("api", "jobs", jobId, "variables").build()).body().path("variables")
                : null;
        if (json) {
            ObjectNode both = Json.mapper().createObjectNode();
            both.set("job", job);
            both.set("events", latest);
            if (sent != null) {
                both.set("variables", sent);
            }
            JsonOutput.print(out(), both);
            return Tecko.OK;
        }
        JobView.header(out(), job);
        out().println();
        JobView.batches(out(), job);
        if (sent != null && sent.isObject()) {
            out().println();
            out().println("variables sent");
            sent.fields().forEachRemaining(v -> out().println("  " + PlainText.of(v.getKey() + " = " + v.getValue().asText())));
        }
        if (events > 0) {
            out().println();
            out().println(eventTypes == null || eventTypes.isEmpty() ? "latest events" : "latest events of type " + String.join(", ", eventTypes));
            JobView.events(out(), latest);
        }
        return Tecko.OK;
    }

    /** The latest events, of the asked types only: the API filters (and names an unknown type in a 400). */
    private okhttp3.HttpUrl eventsUrl(TeckoApiClient api) {
        var url = api.endpoint().path("api", "jobs", jobId, "events").addQueryParameter("limit", Integer.toString(events));
        if (eventTypes != null && !eventTypes.isEmpty()) {
            url.addQueryParameter("type", String.join(",", eventTypes));
        }
        return url.build();
    }
}
