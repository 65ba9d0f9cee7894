package dev.tecko.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.platform.config.TeckoConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code bench …} as the command line would, on a test's broker, and keeps what it printed. */
public final class BenchCli {
    private BenchCli() {
    }

    public record Run(int exitCode, String out, String err) {
        /** The JSON report: the line after the table that starts with '{'. */
        public JsonNode json() {
            String line = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no JSON report in:\n" + out + "\nstderr:\n" + err));
            try {
                return new ObjectMapper().readTree(line);
            } catch (Exception e) {
                throw new AssertionError("the JSON report does not parse: " + line, e);
            }
        }
    }

    public static Run run(EmbeddedKafka kafka, String... args) {
        return run(Map.of(TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers()), args);
    }

    public static Run run(Map<String, String> environment, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = new CommandLine(new BenchCommand(environment));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
