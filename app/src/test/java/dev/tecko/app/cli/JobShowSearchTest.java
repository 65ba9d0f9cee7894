package dev.tecko.app.cli;

import static dev.tecko.app.cli.Cli.apiAt;
import static dev.tecko.app.cli.Cli.json;
import static dev.tecko.app.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.app.Tecko;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@code tecko job show} and {@code job list} of a job that finds its batches by their tag: where its batch list stands. */
class JobShowSearchTest {
    private static final String TWO_FOUND = ApiFixtures.TAGGED_JOB
            .replace("\"batches\": []", "\"batches\": [{\"batchId\": \"batch_1\", \"status\": \"completed\"},"
                    + " {\"batchId\": \"batch_2\", \"status\": \"in_progress\"}]")
            .replace("\"counts\": {\"total\": 0, \"completed\": 0, \"failed\": 0, \"open\": 0}",
                    "\"counts\": {\"total\": 2, \"completed\": 1, \"failed\": 0, \"open\": 1}");

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void givenAnOpenSearch_whenShown_thenTheTagWindowStateFoundListedExpectedAndSealAtAreOneLineEach() {
        server.enqueue(json(200, TWO_FOUND.replace("\"state\": \"open\"", "\"listedUpTo\": \"2026-12-04T01:59:50Z\", \"state\": \"open\"")));

        Cli.Run run = run(apiAt(server), "job", "show", "nightly-tagged", "--events", "0");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(Tecko.OK);
        assertThat(run.out())
                .contains("tag       run=nightly-2026-12-04 (batches created since 2026-12-04T00:00:00Z)")
                .contains("search    open: 2 batches found, listed up to 2026-12-04T01:59:50Z, expected 12, seals at 2026-12-04T03:00:00Z")
                .contains("batch_1").contains("batch_2");
    }

    @Test
    void givenASealedSearch_whenShown_thenItSaysWhatSealedItAndWhenAndNoLongerWhenItWillSeal() {
        server.enqueue(json(200, TWO_FOUND.replace("\"state\": \"open\"", "\"sealRequestedAt\": \"2026-12-04T02:00:00Z\","
                + " \"listedUpTo\": \"2026-12-04T02:00:05Z\", \"sealedAt\": \"2026-12-04T02:00:15Z\", \"sealedBy\": \"command\","
                + " \"state\": \"sealed\"")));

        Cli.Run run = run(apiAt(server), "job", "show", "nightly-tagged", "--events", "0");

        assertThat(run.out()).contains("search    sealed by command at 2026-12-04T02:00:15Z: 2 batches found, listed up to "
                + "2026-12-04T02:00:05Z, expected 12" + System.lineSeparator());
    }

    @Test
    void givenAJobWithoutATag_whenShown_thenThereIsNoTagOrSearchLine() {
        server.enqueue(json(200, ApiFixtures.JOB));

        Cli.Run run = run(apiAt(server), "job", "show", "nightly-2026-11-21", "--events", "0");

        assertThat(run.out()).doesNotContain("tag  ").doesNotContain("search  ");
    }

    @Test
    void givenATaggedJobWhoseListIsOpen_whenListed_thenItsBatchesSayMoreMayJoin() {
        server.enqueue(json(200, "{\"jobs\": [" + ApiFixtures.jobSummary("tagged-1", "active", 2, 1, 0)
                .replace("\"finishedAt\": null", "\"batchSearch\": {\"tag\": {\"key\": \"run\", \"value\": \"n\"},"
                        + " \"since\": \"2026-11-21T10:00:00Z\", \"state\": \"sealing\"}") + "], \"total\": 1}"));

        Cli.Run run = run(apiAt(server), "job", "list");

        assertThat(run.out()).as(run.err()).contains("1/2 (list sealing)");
    }
}
