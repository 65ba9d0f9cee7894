package dev.tecko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tecko.app.Tecko;
import dev.tecko.deploy.ComposeFile.Service;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.processor.runtime.RuntimeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.server.config.AbstractKafkaConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** docker-compose.yml checked against the code, since there is no Docker engine here to run it. */
class ComposeFileTest {
    private static final ComposeFile COMPOSE = ComposeFile.read(Repository.file("docker-compose.yml"));
    private static final ImageProfile IMAGE = ImageProfile.fromPom(Repository.file("app/pom.xml"));
    private static final String TECKO_IMAGE = IMAGE.targetImage() + ":latest";

    private static List<Service> tecko() {
        return COMPOSE.teckoServices(TECKO_IMAGE);
    }

    private static List<Service> runtimes(Runtime runtime) {
        return tecko().stream().filter(s -> Runtime.of(s.command()).equals(java.util.Optional.of(runtime))).toList();
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Properties values = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            values.load(reader);
        }
        Map<String, String> env = new TreeMap<>();
        values.stringPropertyNames().forEach(name -> env.put(name, values.getProperty(name)));
        return env;
    }

    @Test
    void givenTheComposeFile_whenItsServicesAreListed_thenItRunsKafkaTopicsTwoProcessorsAPollerADispatcherAndPrometheus() {
        assertThat(tecko()).as("services on the image %s", TECKO_IMAGE).hasSizeGreaterThanOrEqualTo(5);
        assertThat(runtimes(Runtime.PROCESSOR)).hasSize(2);
        assertThat(runtimes(Runtime.POLLER)).hasSize(1);
        assertThat(runtimes(Runtime.DISPATCHER)).hasSize(1);
        assertThat(tecko()).filteredOn(s -> s.command().equals(List.of("topics", "create"))).hasSize(1);
        assertThat(COMPOSE.service("prometheus").image()).startsWith("prom/prometheus:");
    }

    @Test
    void givenEveryTeckoVariableTheComposeFileAndTheEnvFileExamplesSet_whenLookedUp_thenTheCodeReadsEachOne() throws IOException {
        KnownVariables known = KnownVariables.fromClassPath();
        List<String> unknown = new ArrayList<>();
        for (Service service : COMPOSE.services().values()) {
            service.environment().keySet().stream().filter(v -> v.startsWith("TECKO_") && !known.isKnown(v))
                    .forEach(v -> unknown.add(service.name() + ": " + v));
            for (String file : service.envFiles()) {
                envFile(Repository.file(file + ".example")).keySet().stream().filter(v -> !known.isKnown(v))
                        .forEach(v -> unknown.add(file + ".example: " + v));
            }
        }
        assertThat(unknown).as("variables no code reads (misspelled, or renamed in the code)").isEmpty();
    }

    @Test
    void givenTheComposeFile_whenSecretsAreLookedFor_thenNoneIsInItAndEachEnvFileHasACommittedExample() throws IOException {
        Map<String, String> fromEnvFiles = new TreeMap<>();
        for (Service service : COMPOSE.services().values()) {
            assertThat(service.environment().keySet()).as(service.name()).noneMatch(TeckoConfig::isSensitive);
            for (String file : service.envFiles()) {
                assertThat(file).as("git-ignored as deploy/*.env").startsWith("deploy/").endsWith(".env");
                fromEnvFiles.putAll(envFile(Repository.file(file + ".example")));
            }
        }
        assertThat(fromEnvFiles).containsKeys("TECKO_API_TOKEN", "TECKO_MASTER_KEY");
        for (Service processor : runtimes(Runtime.PROCESSOR)) {
            assertThat(processor.envFiles()).containsExactlyInAnyOrder("deploy/api-token.env", "deploy/master-key.env");
        }
        for (Service other : List.of(runtimes(Runtime.POLLER).get(0), runtimes(Runtime.DISPATCHER).get(0))) {
            assertThat(other.envFiles()).as("%s needs the master key only", other.name()).containsExactly("deploy/master-key.env");
        }
    }

    @Test
    void givenEveryTeckoService_whenItsCommandIsParsedByTheTeckoCommandLine_thenItNamesACommandThatRuns() {
        for (Service service : tecko()) {
            CommandLine.ParseResult parsed = Tecko.commandLine(Map.of()).parseArgs(service.command().toArray(String[]::new));
            CommandLine.ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            assertThat(leaf.commandSpec().subcommands()).as("%s runs %s, a group of commands", service.name(), service.command())
                    .isEmpty();
            assertThat(leaf.commandSpec().name()).isNotEqualTo("help");
        }
    }

    @Test
    void givenEveryRuntimeService_whenItsPortsAndHealthCheckAreRead_thenTheyAreThePortTheRuntimeListensOn() {
        for (Runtime runtime : Runtime.values()) {
            for (Service service : runtimes(runtime)) {
                int port = runtime.port(service.environment());
                assertThat(service.httpProbe()).as("%s's health check", service.name())
                        .hasValue(new ComposeFile.HttpProbe(port, Runtime.READINESS_PATH));
                assertThat(service.publishedContainerPorts()).as(service.name()).allMatch(p -> p == port);
                assertThat(IMAGE.ports()).as("the image exposes %s's port", service.name()).contains(port);
            }
        }
    }

    @Test
    void givenTwoProcessorReplicas_whenTheirSettingsAreRead_thenTheyShareOneApplicationAndEachHasItsOwnAddressAndStateVolume() {
        List<Service> processors = runtimes(Runtime.PROCESSOR);
        List<RuntimeSettings> settings = processors.stream()
                .map(s -> RuntimeSettings.from(TeckoConfig.of(s.environment()))).toList();

        assertThat(settings).extracting(RuntimeSettings::applicationId).containsOnly(settings.get(0).applicationId());
        assertThat(settings).allMatch(s -> s.standbyReplicas() == 1);
        for (int i = 0; i < processors.size(); i++) {
            Service processor = processors.get(i);
            assertThat(settings.get(i).applicationServer()).as("reachable by the other replica at its service name")
                    .hasValueSatisfying(host -> {
                        assertThat(host.host()).isEqualTo(processor.name());
                        assertThat(host.port()).isEqualTo(Runtime.PROCESSOR.port(processor.environment()));
                    });
            String stateDir = settings.get(i).stateDir().toString();
            assertThat(processor.volumes()).as("%s keeps %s on a named volume", processor.name(), stateDir)
                    .anyMatch(v -> COMPOSE.namedVolumes().contains(v.split(":")[0]) && stateDir.startsWith(v.split(":")[1]));
        }
        assertThat(processors.stream().flatMap(p -> p.volumes().stream()).distinct()).hasSize(processors.size());
    }

    @Test
    void givenTheStartOrder_whenDependenciesAreRead_thenEveryRuntimeWaitsForTheTopicsWhichWaitForAHealthyKafka() {
        Service topics = tecko().stream().filter(s -> s.command().equals(List.of("topics", "create"))).findFirst().orElseThrow();
        assertThat(topics.dependsOn()).containsEntry("kafka", "service_healthy");
        assertThat(String.valueOf(topics.spec().get("restart"))).isEqualTo("no");
        for (Runtime runtime : Runtime.values()) {
            for (Service service : runtimes(runtime)) {
                assertThat(service.dependsOn()).as(service.name()).containsEntry(topics.name(), "service_completed_successfully");
            }
        }
        assertThat(COMPOSE.service("kafka").healthcheck()).isPresent();
    }

    @Test
    void givenTheKafkaService_whenItsSettingsAreReadAsTheImageDoes_thenTheyMakeAValidKraftBrokerOfTheClientsVersion() {
        Service kafka = COMPOSE.service("kafka");
        assertThat(kafka.image()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());

        // the apache/kafka image turns KAFKA_FOO_BAR into foo.bar; CLUSTER_ID is the image's own
        Properties broker = new Properties();
        kafka.environment().forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                broker.put(name.substring("KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
            }
        });
        assertThat(broker.stringPropertyNames()).as("broker settings Kafka knows")
                .allMatch(AbstractKafkaConfig.CONFIG_DEF.names()::contains);
        KafkaConfig config = KafkaConfig.fromProps(broker, false);
        assertThat(config.processRoles().size()).as("broker and controller in one node").isEqualTo(2);

        String bootstrap = tecko().get(0).environment().get(TeckoConfig.BOOTSTRAP_SERVERS);
        assertThat(tecko()).allMatch(s -> bootstrap.equals(s.environment().get(TeckoConfig.BOOTSTRAP_SERVERS)));
        assertThat(broker.getProperty("advertised.listeners")).contains("://" + bootstrap);
    }
}
