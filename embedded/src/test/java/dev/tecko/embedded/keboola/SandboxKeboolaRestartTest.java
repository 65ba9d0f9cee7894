package dev.tecko.embedded.keboola;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A restarted sandbox Keboola keeps its port (when free) and numbers its jobs after the last one it handed out. */
class SandboxKeboolaRestartTest {
    private static final String TOKEN = "kbc-restart";

    private static String create(SandboxKeboola keboola) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(keboola.url() + "/jobs")).header("X-StorageApi-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"run\",\"component\":\"c\",\"config\":\"x\"}")).build();
        return new ObjectMapper().readTree(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body())
                .path("id").asText();
    }

    @Test
    void givenASandboxThatHandedOutJobsWhenStartedAgainWithItsPortAndLastNumberThenBothCarryOn() throws Exception {
        String url;
        long last;
        String first;
        try (var keboola = SandboxKeboola.start(Clock.systemUTC(), TOKEN)) {
            url = keboola.url();
            first = create(keboola);
            last = keboola.lastJobId();
        }
        assertThat(Long.parseLong(first)).isEqualTo(last);
        int port = URI.create(url).getPort();
        try (var again = SandboxKeboola.start(Clock.systemUTC(), port, last, TOKEN)) {
            assertThat(again.url()).isEqualTo(url);
            assertThat(Long.parseLong(create(again))).as("no job number twice").isEqualTo(last + 1);
        }
    }
}
