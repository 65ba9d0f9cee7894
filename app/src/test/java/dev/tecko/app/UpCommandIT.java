package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tecko.embedded.ChildJvm;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tecko up} as a user runs it: its own JVM, stopped with SIGTERM as Ctrl-C would, then started again on the same data. */
class UpCommandIT {
    private static final Pattern KAFKA_LINE = Pattern.compile("kafka\\s+(127\\.0\\.0\\.1:\\d+)");
    /** Free ports, so the test does not collide with anything on 8080, 9401 or 9402. */
    static final Map<String, String> ANY_FREE_PORTS = Map.of("TECKO_API_PORT", "0", "TECKO_POLLER_METRICS_PORT", "0",
            "TECKO_DISPATCHER_METRICS_PORT", "0");

    @Test
    void givenAFreshDataDirWhenUpRunsThenItStartsABrokerWithEveryTopicStopsOnSigtermAndKeepsTheTopicsOnRestart(@TempDir Path dataDir)
            throws Exception {
        var first = UpProcess.start(dataDir, "up", "--data-dir", dataDir.toString());
        String bootstrap = first.awaitBootstrap();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            assertThat(admin.listTopics().names().get())
                    .containsAll(Topics.withDefaultPrefix().all().stream().map(Topic::name).toList());
        }
        assertThat(first.output()).contains(Topics.withDefaultPrefix().all().size() + " created now");
        first.stopAndAwaitExit();
        assertThat(first.output()).contains("stopped");

        var second = UpProcess.start(dataDir, "up", "--data-dir", dataDir.toString());
        second.awaitBootstrap();
        assertThat(second.output()).contains("0 created now");
        second.stopAndAwaitExit();
    }

    /** The child's output goes to a file: {@code Process.destroy()} closes the pipes, and what it prints while stopping matters. */
    static final class UpProcess {
        private final Process process;
        private final Path log;

        private UpProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static UpProcess start(Path workDir, String... args) throws IOException {
            Path log = Files.createTempFile("tecko-up-", ".log");
            var builder = new ProcessBuilder(ChildJvm.command("512m", Tecko.class, args))
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("TECKO_"));
            builder.environment().putAll(ANY_FREE_PORTS);
            return new UpProcess(builder.start(), log);
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<cannot read " + log + ": " + e.getMessage() + ">";
            }
        }

        String awaitBootstrap() {
            await("tecko up to print its summary").atMost(Duration.ofSeconds(90)).until(() -> output().contains("Press Ctrl-C"));
            return printed(KAFKA_LINE);
        }

        /** The first group of {@code pattern} in what the process printed. */
        String printed(Pattern pattern) {
            Matcher m = pattern.matcher(output());
            assertThat(m.find()).as("%s in:%n%s", pattern, output()).isTrue();
            return m.group(1);
        }

        void stopAndAwaitExit() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM:\n" + output()).isTrue();
            assertThat(output()).contains("stopped");
        }
    }
}
