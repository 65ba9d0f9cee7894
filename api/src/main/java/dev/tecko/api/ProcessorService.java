package dev.tecko.api;

import dev.tecko.api.jobs.CommandGateway;
import dev.tecko.api.jobs.JobReader;
import dev.tecko.api.jobs.JobRequests;
import dev.tecko.api.jobs.JobRoutes;
import dev.tecko.api.jobs.SecretReferences;
import dev.tecko.api.kafka.RecordWriter;
import dev.tecko.api.secrets.MasterKeyCheck;
import dev.tecko.api.secrets.SecretRebinding;
import dev.tecko.api.secrets.SecretRoutes;
import dev.tecko.api.system.BrokerProbe;
import dev.tecko.api.system.HealthRoutes;
import dev.tecko.api.system.MetricsRoute;
import dev.tecko.api.system.OpenApiRoute;
import dev.tecko.api.system.StatsRoute;
import dev.tecko.api.views.JobEventsView;
import dev.tecko.api.views.JobGauges;
import dev.tecko.api.views.JobStatusView;
import dev.tecko.api.views.SecretsView;
import dev.tecko.observability.metrics.RuntimeRegistry;
import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.processor.runtime.ProcessorRuntime;
import dev.tecko.processor.runtime.RuntimeSettings;
import dev.tecko.processor.topology.ProcessorSettings;
import dev.tecko.schemas.topics.Topics;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor instance as {@code tecko processor} and {@code tecko up} run it: the Kafka Streams runtime and, unless
 * {@code TECKO_API_ENABLED=false}, the REST API and web UI in front of it, sharing one Prometheus registry (tagged
 * {@code runtime="processor"} and {@code instance_id}) that {@code GET /metrics} serves.
 *
 * <p>Start-up order: the topic views catch up (and the master key is checked against the stored secrets), the HTTP
 * server binds (so its actual port is known), then the runtime starts with {@code application.server} = this
 * instance's advertised {@code host:port} unless {@code TECKO_PROCESSOR_APPLICATION_SERVER} says otherwise.
 */
public final class ProcessorService implements AutoCloseable {
    /** How long the views may take to read the topics at start-up. */
    public static final Duration VIEW_CATCH_UP = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);

    private final ProcessorRuntime runtime;
    private final PrometheusMeterRegistry registry;
    private final Javalin server;
    private final String apiUrl;
    /** Closed in reverse order of opening, after the server and the runtime. */
    private final List<AutoCloseable> parts;

    private ProcessorService(ProcessorRuntime runtime, PrometheusMeterRegistry registry, Javalin server, String apiUrl,
                             List<AutoCloseable> parts) {
        this.runtime = runtime;
        this.registry = registry;
        this.server = server;
        this.apiUrl = apiUrl;
        this.parts = parts;
    }

    public static ProcessorService start(TeckoConfig config) {
        ApiSettings settings = ApiSettings.from(config);
        var registry = RuntimeRegistry.create(ProcessorRuntime.RUNTIME).scrape();
        if (!settings.enabled()) {
            return new ProcessorService(new ProcessorRuntime(config, registry).start(), registry, null, null, List.of());
        }
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            return startWithApi(config, settings, registry, parts);
        } catch (RuntimeException e) {
            closeAll(parts);
            throw e;
        }
    }

    private static ProcessorService startWithApi(TeckoConfig config, ApiSettings settings, PrometheusMeterRegistry registry,
                                                 List<AutoCloseable> parts) {
        MasterKey key = MasterKey.from(config).orElseThrow(() -> new ConfigException(
                MasterKey.ENV + " or " + MasterKey.FILE_ENV + " is required: the REST API encrypts the secrets it receives"));
        String keyVariable = config.optional(MasterKey.ENV).isPresent() ? MasterKey.ENV : MasterKey.FILE_ENV;
        var cipher = new SecretCipher(key);
        Topics topics = config.topics();
        Properties kafka = config.kafka();

        var secrets = opened(parts, new SecretsView(kafka, topics.secrets()));
        var jobs = opened(parts, new JobStatusView(kafka, topics.jobStatus()));
        var events = opened(parts, new JobEventsView(kafka, topics.jobEvents()));
        awaitViews(secrets, jobs, events);
        JobGauges.register(jobs, registry);
        MasterKeyCheck.verify(secrets.all(), cipher, keyVariable, topics.secrets().name());

        var writer = opened(parts, new RecordWriter(kafka, settings.commandTimeout()));
        SecretRebinding.run(secrets, cipher, writer, topics.secrets(), settings.commandTimeout());
        var broker = opened(parts, new BrokerProbe(kafka));
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
                .callTimeout(6, TimeUnit.SECONDS).followRedirects(false).build();
        parts.add(() -> {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        });
        // the same rules as the processor and the poller apply (targets, and OpenAI hosts for secrets' base URLs)
        var allowList = TargetAllowList.from(config);
        var current = new AtomicReference<ProcessorRuntime>();
        var jobRoutes = new JobRoutes(
                new JobRequests(allowList, ProcessorSettings.from(config).maxBatchesPerJob()),
                new SecretReferences(secrets),
                new CommandGateway(writer, topics.jobCommands(), events, jobs, settings.commandTimeout()),
                new JobReader(current::get, jobs, http, settings.forwardInsecure()), jobs, events);
        var secretRoutes = new SecretRoutes(secrets, jobs, cipher, writer, topics.secrets(), allowList, settings.commandTimeout());
        Javalin server = ApiServer.create(settings.token(), registry, List.of(
                jobRoutes::register, secretRoutes::register,
                new HealthRoutes(current::get, broker)::register,
                new StatsRoute(jobs, events, secrets)::register,
                new MetricsRoute(registry)::register,
                new OpenApiRoute()::register));
        server.start(settings.bind(), settings.port());
        parts.add(server::stop);
        int port = server.port();

        TeckoConfig runtimeConfig = config.optional(RuntimeSettings.APPLICATION_SERVER).isPresent() ? config
                : config.with(RuntimeSettings.APPLICATION_SERVER, settings.advertisedHost() + ":" + port);
        ProcessorRuntime runtime = new ProcessorRuntime(runtimeConfig, registry).start();
        current.set(runtime);
        parts.remove(parts.size() - 1);
        String apiUrl = "http://" + urlHost(settings.bind()) + ":" + port;
        LOG.info("REST API at {} (advertised to other instances as {}:{})", apiUrl, settings.advertisedHost(), port);
        return new ProcessorService(runtime, registry, server, apiUrl, parts);
    }

    private static <T extends AutoCloseable> T opened(List<AutoCloseable> parts, T part) {
        parts.add(part);
        return part;
    }

    private static void awaitViews(SecretsView secrets, JobStatusView jobs, JobEventsView events) {
        try {
            if (!secrets.awaitCaughtUp(VIEW_CATCH_UP) || !jobs.awaitCaughtUp(VIEW_CATCH_UP) || !events.awaitCaughtUp(VIEW_CATCH_UP)) {
                throw new IllegalStateException("the API could not read the topics within " + VIEW_CATCH_UP.toSeconds()
                        + " s: check " + TeckoConfig.BOOTSTRAP_SERVERS + " and that the topics exist (tecko topics create)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the API read the topics", e);
        }
    }

    /** Where this process's own clients reach the API: the bind address, or loopback when bound to every address. */
    private static String urlHost(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1" : bind;
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:54321}; null when the API is disabled. */
    public String apiUrl() {
        return apiUrl;
    }

    public ProcessorRuntime runtime() {
        return runtime;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The HTTP server, for tests that compare its routes with the OpenAPI document; null when the API is disabled. */
    Javalin server() {
        return server;
    }

    /** Stops taking requests first, then the processor (leaving its group), then the views and clients. */
    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        runtime.close();
        closeAll(parts);
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", parts.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
