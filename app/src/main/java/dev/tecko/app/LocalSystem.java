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
    /** The Anthropic and the Gemini demo job, created with the OpenAI one. */
    private List<Sandbox.DemoJob> providerDemoJobs = List.of();
    private String earlierDemoJob;
    /** Where the demo job's id is kept, so a restart does not create another. */
    static final String DEMO_JOB_FILE = "sandbox-demo-job";
    private ProcessorService processor;
    private List<TopicAdmin.Outcome> topics = List.of();

    /** The embedded broker's port; 0 (the default) keeps the one of the last run, or takes a free one. */
    static final String EMBEDDED_KAFKA_PORT = "TECKO_EMBEDDED_KAFKA_PORT";

    private LocalSystem(TeckoConfig config) {
        this.config = config;
    }

    /**
     * @param out where the sandbox prints the demo job's events; null prints nothing
     */
    static LocalSystem start(TeckoConfig config, Path dataDir, boolean withSandbox, PrintWriter out) {
        return start(config, dataDir, withSandbox, withSandbox, out);
    }

    /**
     * @param demo create the sandbox's demo job, unless one was created in {@code dataDir} before (its id is kept there)
     * @param out  where the sandbox prints the demo job's events; null prints nothing
     */
    static LocalSystem start(TeckoConfig config, Path dataDir, boolean withSandbox, boolean demo, PrintWriter out) {
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
                system.startSandbox(dataDir);
            }
            system.startRuntimes();
            if (withSandbox && demo) {
                system.createDemoJobOnce(dataDir, out);
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
        // the port of the last run (or TECKO_EMBEDDED_KAFKA_PORT), so printed addresses and kcat commands keep working
        broker = EmbeddedKafka.persistent(dataDir.resolve("kafka"), config.integer(EMBEDDED_KAFKA_PORT, 0, 0, 65_535)).start();
        started.push(broker);
        config = config.with(TeckoConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    }

    private void createTopics() {
        var settings = TopicSettings.from(config, null, null);
        try (Admin admin = KafkaClients.admin(config)) {
            topics = new TopicAdmin(admin).createAll(config.topics(), settings.partitions(), settings.replicationFactor());
        }
    }

    private void startSandbox(Path dataDir) {
        // its ports and job numbers kept in the data directory: jobs created before a restart still point at it
        sandbox = Sandbox.start(config, Clock.systemUTC(), dataDir.resolve(Sandbox.STATE_FILE));
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

    /** The demo job, the first time only: its id is kept in the data directory, and a restart shows that one instead. */
    private void createDemoJobOnce(Path dataDir, PrintWriter out) {
        Path marker = dataDir.resolve(DEMO_JOB_FILE);
        try {
            if (java.nio.file.Files.isRegularFile(marker)) {
                earlierDemoJob = java.nio.file.Files.readString(marker).strip();
                return;
            }
            if (out != null) {
                started.push(new JobEventPrinter(config.kafka(), config.topics().jobEvents(), out,
                        e -> e.jobId().startsWith("demo-") && JobEventPrinter.isWorthShowing(e)));
            }
            demoJob = sandbox.createDemoJob(config);
            providerDemoJobs = sandbox.createProviderDemoJobs(config, Sandbox.PROVIDERS_CONFIG);
            java.nio.file.Files.createDirectories(dataDir);
            java.nio.file.Files.writeString(marker, demoJob.jobId() + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the demo job's id in " + marker, e);
        }
    }

    /** The demo job created on an earlier start in the same data directory, if there was one. */
    Optional<String> earlierDemoJob() {
        return Optional.ofNullable(earlierDemoJob);
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

    List<Sandbox.DemoJob> providerDemoJobs() {
        return providerDemoJobs;
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
