package dev.tecko.app;

import dev.tecko.config.TeckoConfig;
import dev.tecko.schemas.topics.TopicAdmin;
import java.io.PrintWriter;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Manage the Kafka topics of the catalog.",
        subcommands = {TopicsCommand.Create.class})
final class TopicsCommand implements Runnable {
    @ParentCommand
    Tecko tecko;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create every topic of the catalog (idempotent: existing topics are left as they are).",
                    "Needs TECKO_KAFKA_BOOTSTRAP_SERVERS."})
    static final class Create implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        TopicsCommand topics;

        @Option(names = "--partitions", paramLabel = "N",
                description = "Partitions of every job-keyed topic (default: TECKO_TOPIC_PARTITIONS or ${DEFAULT-VALUE}).")
        Integer partitions;

        @Option(names = "--replication-factor", paramLabel = "N",
                description = "Replication factor (default: TECKO_TOPIC_REPLICATION_FACTOR or 1).")
        Short replicationFactor;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TeckoConfig config = topics.tecko.config();
            config.required(TeckoConfig.BOOTSTRAP_SERVERS);
            var settings = TopicSettings.from(config, partitions, replicationFactor);
            try (Admin admin = KafkaClients.admin(config)) {
                print(spec.commandLine().getOut(), new TopicAdmin(admin).createAll(config.topics(), settings.partitions(),
                        settings.replicationFactor()));
            }
            return Tecko.OK;
        }
    }

    static void print(PrintWriter out, List<TopicAdmin.Outcome> outcomes) {
        int width = outcomes.stream().mapToInt(o -> o.topic().length()).max().orElse(10);
        for (TopicAdmin.Outcome outcome : outcomes) {
            out.printf("%-" + width + "s  %s%n", outcome.topic(), outcome.created() ? "created" : "exists");
        }
        out.flush();
    }
}
