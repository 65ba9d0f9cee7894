package dev.tecko.app;

import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.schemas.topics.Topic;
import dev.tecko.schemas.topics.Topics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Manage the Kafka topics of the catalog.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.Check.class})
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

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Compare the cluster's topics with the catalog: missing topics, job-keyed topics whose partition",
                    "counts differ (they must be co-partitioned), compacted topics without cleanup.policy=compact.",
                    "Exit code 0 when everything is right, 1 when something is wrong. Needs TECKO_KAFKA_BOOTSTRAP_SERVERS."})
    static final class Check implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        TopicsCommand topics;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            TeckoConfig config = topics.tecko.config();
            config.required(TeckoConfig.BOOTSTRAP_SERVERS);
            Topics catalog = config.topics();
            try (Admin admin = KafkaClients.admin(config)) {
                List<Finding> findings = check(catalog, describe(admin, catalog));
                printFindings(spec.commandLine().getOut(), findings);
                return findings.stream().allMatch(Finding::ok) ? Tecko.OK : Tecko.FAILED;
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot describe the topics: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** What the cluster says about one topic of the catalog. */
    record Described(int partitions, String cleanupPolicy) {
    }

    /** One row of {@code topics check}: the topic as found (null when missing) and what is wrong with it, if anything. */
    record Finding(String topic, Described found, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * The catalog's topics compared with what exists. The dispatcher's ledger is checked only when it exists, because the
     * dispatcher creates it itself; job-keyed topics are compared with the partition count most of them have.
     */
    static List<Finding> check(Topics catalog, Map<String, Described> existing) {
        List<Topic<?, ?>> wanted = new ArrayList<>(catalog.all());
        if (existing.containsKey(catalog.dispatcherLedger().name())) {
            wanted.add(catalog.dispatcherLedger());
        }
        Optional<Integer> common = commonPartitionCount(wanted, existing);
        List<Finding> findings = new ArrayList<>();
        for (Topic<?, ?> topic : wanted) {
            Described found = existing.get(topic.name());
            List<String> problems = new ArrayList<>();
            if (found == null) {
                problems.add("missing (tecko topics create)");
            } else {
                if (topic.jobKeyed() && common.isPresent() && found.partitions() != common.get()) {
                    problems.add("has " + found.partitions() + " partitions, the other job-keyed topics " + common.get()
                            + ": not co-partitioned");
                }
                if (topic.compacted() && !found.cleanupPolicy().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                    problems.add("cleanup.policy is " + found.cleanupPolicy() + ", must be compact");
                }
            }
            findings.add(new Finding(topic.name(), found, List.copyOf(problems)));
        }
        return findings;
    }

    /** The partition count most existing job-keyed topics share; on a tie, the one found first in catalog order. */
    private static Optional<Integer> commonPartitionCount(List<Topic<?, ?>> wanted, Map<String, Described> existing) {
        Map<Integer, Long> counts = wanted.stream().filter(Topic::jobKeyed).map(t -> existing.get(t.name()))
                .filter(d -> d != null).collect(Collectors.groupingBy(Described::partitions, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a).map(Map.Entry::getKey);
    }

    private static Map<String, Described> describe(Admin admin, Topics catalog) throws ExecutionException, InterruptedException {
        List<String> names = new ArrayList<>(catalog.all().stream().map(Topic::name).toList());
        names.add(catalog.dispatcherLedger().name());
        var present = admin.listTopics().names().get();
        names.retainAll(present);
        Map<String, Described> described = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return described;
        }
        var descriptions = admin.describeTopics(names).allTopicNames().get();
        Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get();
        for (String name : names) {
            var policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get(TopicConfig.CLEANUP_POLICY_CONFIG);
            described.put(name, new Described(descriptions.get(name).partitions().size(), policy == null ? "" : policy.value()));
        }
        return described;
    }

    static void printFindings(PrintWriter out, List<Finding> findings) {
        int width = Math.max("TOPIC".length(), findings.stream().mapToInt(f -> f.topic().length()).max().orElse(0));
        String row = "%-" + width + "s  %10s  %-14s  %s%n";
        out.printf(row, "TOPIC", "PARTITIONS", "CLEANUP POLICY", "STATUS");
        for (Finding f : findings) {
            out.printf(row, f.topic(), f.found() == null ? "-" : String.valueOf(f.found().partitions()),
                    f.found() == null ? "-" : f.found().cleanupPolicy(), f.ok() ? "ok" : String.join("; ", f.problems()));
        }
        long wrong = findings.stream().filter(f -> !f.ok()).count();
        out.println(wrong == 0 ? "every topic is as the catalog wants it" : wrong + " of " + findings.size() + " topics need attention");
        out.flush();
    }

    static void print(PrintWriter out, List<TopicAdmin.Outcome> outcomes) {
        int width = outcomes.stream().mapToInt(o -> o.topic().length()).max().orElse(10);
        for (TopicAdmin.Outcome outcome : outcomes) {
            out.printf("%-" + width + "s  %s%n", outcome.topic(), outcome.created() ? "created" : "exists");
        }
        out.flush();
    }
}
