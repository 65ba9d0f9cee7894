package dev.tecko.app;

import dev.tecko.api.ApiSettings;
import dev.tecko.api.ProcessorService;
import dev.tecko.app.sandbox.JobEventPrinter;
import dev.tecko.app.sandbox.Sandbox;
import dev.tecko.dispatcher.runtime.DispatcherRuntime;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.kafka.TopicAdmin;
import dev.tecko.poller.runtime.PollerRuntime;
import dev.tecko.processor.runtime.ProcessorRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code tecko up} runs in one JVM: the embedded broker unless bootstrap servers are configured, the catalog's
 * topics, the processor (with the REST API and web UI), poller and dispatcher, and with {@code --sandbox} the local OpenAI and Keboola stand-ins and a
 * demo job. Closing stops them in reverse order of start.
 */
final class LocalSystem implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);
    static final String PROCESSOR_STATE_DIR = "TECKO_PROCESSOR_STATE_DIR";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private TeckoConfig config;
    private EmbeddedKafka broker;
    private Sandbox sandbox;
    private Sandbox.DemoJob demoJob;
    private ProcessorService processor;
    private List<TopicAdmin.Outcome> topics = List.of();

    private LocalSystem(TeckoConfig config) {
        this.config = config;
    }

    /**
     * @param out where the sandbox prints the demo job's events; null prints nothing
     */
    static LocalSystem start(TeckoConfig config, Path dataDir, boolean withSandbox, PrintWriter out) {
        var system = new LocalSystem(config);
        try {
            system.startBroker(dataDir);
            system.config = MasterKeyFile.ensure(system.config, dataDir);
            system.config = ApiTokenFile.ensure(system.config, dataDir);
            if (system.config.optional(ApiSettings.BIND).isEmpty()) {
                // one machine, one user: the API is not reachable from the network unless asked for
                system.config = system.config.with(ApiSettings.BIND, "127.0.0.1");
            }
            if (system.config.optional(PROCESSOR_STATE_DIR).isEmpty()) {
                system.config = system.config.with(PROCESSOR_STATE_DIR, dataDir.resolve("streams").toString());
            }
            system.createTopics();
            if (withSandbox) {
                system.startSandbox();
            }
            system.startRuntimes();
            if (withSandbox) {
                system.createDemoJob(out);
            }
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private void startBroker(Path dataDir) {
        if (config.hasBootstrapServers()) {
            return;
        }
        broker = EmbeddedKafka.persistent(dataDir.resolve("kafka")).start();
        started.push(broker);
        config = config.with(TeckoConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    }

    private void createTopics() {
        var settings = TopicSettings.from(config, null, null);
        try (Admin admin = KafkaClients.admin(config)) {
            topics = new TopicAdmin(admin).createAll(config.topics(), settings.partitions(), settings.replicationFactor());
        }
    }

    private void startSandbox() {
        sandbox = Sandbox.start(config, Clock.systemUTC());
        started.push(sandbox);
        config = Sandbox.configure(config);
    }

    private void startRuntimes() {
        processor = ProcessorService.start(config);
        started.push(processor);
        started.push(new PollerRuntime(config).start());
        started.push(new DispatcherRuntime(config).start());
        log.info("processor, poller and dispatcher started");
    }

    private void createDemoJob(PrintWriter out) {
        if (out != null) {
            started.push(new JobEventPrinter(config.kafka(), config.topics().jobEvents(), out,
                    e -> e.jobId().startsWith("demo-") && JobEventPrinter.isWorthShowing(e)));
        }
        demoJob = sandbox.createDemoJob(config);
    }

    /** The configuration the runtimes got: the given one, pointed at the embedded broker when there is one. */
    TeckoConfig config() {
        return config;
    }

    boolean embeddedBroker() {
        return broker != null;
    }

    String bootstrapServers() {
        return config.required(TeckoConfig.BOOTSTRAP_SERVERS);
    }

    List<TopicAdmin.Outcome> topics() {
        return topics;
    }

    Optional<Sandbox> sandbox() {
        return Optional.ofNullable(sandbox);
    }

    Optional<Sandbox.DemoJob> demoJob() {
        return Optional.ofNullable(demoJob);
    }

    ProcessorRuntime processor() {
        return processor.runtime();
    }

    /** Where the REST API and the web UI answer, e.g. {@code http://127.0.0.1:8080}. */
    String apiUrl() {
        return processor.apiUrl();
    }

    String apiToken() {
        return config.required(ApiSettings.TOKEN);
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
