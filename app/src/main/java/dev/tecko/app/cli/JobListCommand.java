package dev.tecko.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.app.Tecko;
import dev.tecko.schemas.json.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs, newest first.")
final class JobListCommand extends ApiCommand {
    @Option(names = "--status", split = ",", paramLabel = "STATUS",
            description = "Only jobs in these statuses, comma-separated (e.g. active,paused).")
    List<String> statuses;

    @Option(names = {"-q", "--query"}, paramLabel = "TEXT", description = "Only jobs whose id, name or a batch id contains this text.")
    String query;

    @Option(names = "--limit", paramLabel = "N", description = "At most this many jobs a page (API default: 50).")
    Integer limit;

    @Option(names = "--all", description = "Fetch every page, not just the first.")
    boolean all;

    @Option(names = "--json", description = "Print the API's JSON (with --all: every page's jobs in one list).")
    boolean json;

    @Override
    int run(TeckoApiClient api) {
        JsonNode page = api.get(url(api, null)).body();
        ArrayNode jobs = Json.mapper().createArrayNode();
        page.path("jobs").forEach(jobs::add);
        Set<String> seen = new HashSet<>();
        // a cursor seen before would loop forever; the API should never send one, but a script must not hang on it
        while (all && JobView.text(page, "nextCursor") != null && seen.add(JobView.text(page, "nextCursor"))) {
            page = api.get(url(api, JobView.text(page, "nextCursor"))).body();
            page.path("jobs").forEach(jobs::add);
        }
        if (json) {
            JsonOutput.print(out(), all ? everyPage(jobs, page) : page);
        } else {
            print(jobs, page);
        }
        return Tecko.OK;
    }

    private HttpUrl url(TeckoApiClient api, String cursor) {
        HttpUrl.Builder url = api.endpoint().path("api", "jobs");
        if (statuses != null && !statuses.isEmpty()) {
            url.addQueryParameter("status", String.join(",", statuses));
        }
        if (query != null) {
            url.addQueryParameter("q", query);
        }
        if (limit != null) {
            url.addQueryParameter("limit", limit.toString());
        }
        if (cursor != null) {
            url.addQueryParameter("cursor", cursor);
        }
        return url.build();
    }

    private static ObjectNode everyPage(ArrayNode jobs, JsonNode lastPage) {
        ObjectNode merged = Json.mapper().createObjectNode();
        merged.set("jobs", jobs);
        merged.set("total", lastPage.path("total"));
        return merged;
    }

    private void print(ArrayNode jobs, JsonNode lastPage) {
        if (jobs.isEmpty()) {
            out().println("no jobs");
            return;
        }
        var table = new Table("ID", "NAME", "STATUS", "BATCHES", "FAILED", "DOWNSTREAM", "UPDATED");
        for (JsonNode job : jobs) {
            JsonNode counts = job.path("counts");
            table.row(JobView.text(job, "jobId"), JobView.text(job, "name"), JobView.text(job, "status"),
                    JobView.batchesDone(counts) + BatchSearchView.listNotFinal(job), counts.path("failed").asInt(), JobView.text(job, "downstreamStatus"),
                    JobView.text(job, "updatedAt"));
        }
        table.print(out());
        if (JobView.text(lastPage, "nextCursor") != null) {
            out().println("(" + jobs.size() + " of " + lastPage.path("total").asText() + " jobs; --all lists every one)");
        }
    }
}
