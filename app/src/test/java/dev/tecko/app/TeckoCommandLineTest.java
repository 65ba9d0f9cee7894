package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeckoCommandLineTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = Tecko.commandLine(env);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void givenNoArgumentsWhenRunThenItPrintsUsageListingEveryCommand() {
        Run run = run(Map.of());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: tecko").contains("up").contains("topics").contains("TECKO_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void givenHelpOnEveryCommandWhenRunThenEachDescribesItself() {
        assertThat(run(Map.of(), "--help").out()).contains("Watches LLM batch jobs");
        assertThat(run(Map.of(), "up", "--help").out()).contains("--sandbox").contains("--data-dir");
        assertThat(run(Map.of(), "topics", "--help").out()).contains("create");
        assertThat(run(Map.of(), "topics").out()).contains("create");
        assertThat(run(Map.of(), "topics", "create", "--help").out()).contains("--partitions").contains("--replication-factor");
        assertThat(run(Map.of(), "help", "up").out()).contains("--sandbox");
    }

    @Test
    void givenVersionFlagWhenRunThenItPrintsTheBuildsVersion() {
        assertThat(run(Map.of(), "--version").out().strip()).matches("tecko \\d+\\.\\d+\\.\\d+.*");
        assertThat(run(Map.of(), "-V").out()).doesNotContain("development build");
    }

    @Test
    void givenAnUnknownCommandWhenRunThenItExitsWithBadInputAndSaysWhat() {
        Run run = run(Map.of(), "frobnicate");
        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("frobnicate");
    }

    @Test
    void givenANonNumericFlagWhenRunThenItExitsWithBadInputNamingTheFlag() {
        Run run = run(Map.of(), "topics", "create", "--partitions", "many");
        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("--partitions").contains("many");
    }

    @Test
    void givenNoBootstrapServersWhenCreatingTopicsThenItExitsWithBadInputNamingTheVariable() {
        Run run = run(Map.of(), "topics", "create");
        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("TECKO_KAFKA_BOOTSTRAP_SERVERS is required");
    }

    @Test
    void givenAnOutOfRangePartitionFlagWhenCreatingTopicsThenItExitsWithBadInput() {
        Run run = run(Map.of("TECKO_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"), "topics", "create", "--partitions", "0");
        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("--partitions must be between 1 and 10000, got 0");
    }

    @Test
    void givenABadEnvironmentValueWhenCreatingTopicsThenTheMessageNamesTheVariable() {
        Run run = run(Map.of("TECKO_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "TECKO_TOPIC_PARTITIONS", "six"), "topics", "create");
        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("TECKO_TOPIC_PARTITIONS must be a whole number").contains("'six'");
    }

    @Test
    void givenAnIllegalTopicPrefixWhenCreatingTopicsThenTheMessageNamesTheVariable() {
        Run run = run(Map.of("TECKO_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "TECKO_TOPIC_PREFIX", "bad prefix!"), "topics", "create");
        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("TECKO_TOPIC_PREFIX");
    }

    @Test
    void givenAConfigFileThatDoesNotExistWhenRunThenTheMessageNamesTheVariable() {
        Run run = run(Map.of("TECKO_CONFIG_FILE", "/nonexistent/tecko.properties"), "topics", "create");
        assertThat(run.exitCode()).isEqualTo(Tecko.BAD_INPUT);
        assertThat(run.err()).contains("TECKO_CONFIG_FILE").contains("/nonexistent/tecko.properties");
    }
}
