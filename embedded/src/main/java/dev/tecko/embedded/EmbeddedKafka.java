package dev.tecko.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) started in-process from Apache Kafka's own jars,
 * on 127.0.0.1 and free ports. With a persistent data directory it keeps its cluster id and topics across restarts;
 * with a temporary one it removes the directory on {@link #close()}.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String CLUSTER_ID_FILE = "tecko-cluster-id";
    /** The SASL mechanism of {@link #temporaryWithScram}: the one Confluent Platform and MSK offer for SCRAM. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    /** Names and passwords go into a JAAS line and StorageTool's argument unquoted: keep them to these characters. */
    private static final Pattern PLAIN_CREDENTIAL = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final Path dataDir;
    private final boolean temporary;
    private final Map<String, String> overrides;
    private final ScramUser scram;
    private KafkaRaftServer server;
    private int brokerPort;
    private int controllerPort;
    private int saslPort;

    /** A SCRAM user created when the storage is formatted, so it exists before the broker takes its first client. */
    private record ScramUser(String name, String password) {
    }

    private EmbeddedKafka(Path dataDir, boolean temporary, Map<String, String> overrides, ScramUser scram) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.overrides = Map.copyOf(overrides);
        this.scram = scram;
    }

    /** A broker in a fresh temporary directory, removed on close: for tests. */
    public static EmbeddedKafka temporary() {
        return temporary(Map.of());
    }

    /** A temporary broker with extra broker properties (e.g. listeners for SASL tests). */
    public static EmbeddedKafka temporary(Map<String, String> brokerOverrides) {
        return new EmbeddedKafka(temporaryDirectory(), true, brokerOverrides, null);
    }

    /**
     * A temporary broker that also listens for SASL_PLAINTEXT clients authenticating with SCRAM-SHA-512 as {@code user}
     * ({@link #saslBootstrapServers()}, {@link #scramClientProperties(String)}). Inter-broker and controller traffic and
     * {@link #bootstrapServers()} stay PLAINTEXT, for the test's own set-up (topics, fixtures).
     *
     * @param user     letters, digits, {@code . _ -}
     * @param password letters, digits, {@code . _ -}
     */
    public static EmbeddedKafka temporaryWithScram(String user, String password) {
        for (String value : new String[] {user, password}) {
            if (value == null || !PLAIN_CREDENTIAL.matcher(value).matches()) {
                throw new IllegalArgumentException("SCRAM user names and passwords must be 1..128 of [A-Za-z0-9._-]");
            }
        }
        return new EmbeddedKafka(temporaryDirectory(), true, Map.of(), new ScramUser(user, password));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("tecko-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker whose data survives restarts in {@code dataDir} (formatted once, then reused): for {@code tecko up}. */
    public static EmbeddedKafka persistent(Path dataDir) {
        return persistent(dataDir, 0);
    }

    /**
     * As {@link #persistent(Path)}, listening on {@code port}; with 0, on the port it had the last time it ran in
     * {@code dataDir} (when still free), so the addresses printed then (kcat commands, say) keep working.
     */
    public static EmbeddedKafka persistent(Path dataDir, int port) {
        var kafka = new EmbeddedKafka(dataDir, false, Map.of(), null);
        kafka.brokerPort = port;
        return kafka;
    }

    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        Instant begin = Instant.now();
        try {
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve("kraft");
            // a restart reuses the ports the broker had, so clients that knew it reconnect by themselves
            if (brokerPort == 0 || controllerPort == 0) {
                Properties previous = previousProperties(dataDir.resolve("server.properties"));
                if (brokerPort == 0) {
                    brokerPort = reusable(previous, "PLAINTEXT");
                }
                controllerPort = reusable(previous, "CONTROLLER");
                saslPort = scram == null ? 0 : freePort();
            }
            Properties props = brokerProperties(logDir);
            Path propsFile = dataDir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(propsFile, StandardCharsets.UTF_8)) {
                props.store(out, "written by tecko's EmbeddedKafka");
            }
            formatOnce(logDir, propsFile);
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            awaitReady(Duration.ofSeconds(60));
            log.info("embedded Kafka ready at {} in {} ms (data in {})", bootstrapServers(),
                    Duration.between(begin, Instant.now()).toMillis(), dataDir);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties brokerProperties(Path logDir) {
        var props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        if (scram != null) {
            addSaslListener(props);
        }
        props.put("log.dirs", logDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.putAll(overrides);
        return props;
    }

    /** A SASL_PLAINTEXT listener for clients, beside the PLAINTEXT one that brokers and the controller keep using. */
    private void addSaslListener(Properties props) {
        String sasl = "SASL_PLAINTEXT://127.0.0.1:" + saslPort;
        props.put("listeners", props.getProperty("listeners") + "," + sasl);
        props.put("advertised.listeners", props.getProperty("advertised.listeners") + "," + sasl);
        props.put("listener.security.protocol.map", props.getProperty("listener.security.protocol.map") + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
        props.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        props.put("listener.name.sasl_plaintext." + SCRAM_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }

    /** Formats the log directory the first time; later starts reuse it and its cluster id. */
    private void formatOnce(Path logDir, Path propsFile) throws IOException {
        Path idFile = dataDir.resolve(CLUSTER_ID_FILE);
        if (Files.exists(logDir.resolve("meta.properties")) && Files.exists(idFile)) {
            return;
        }
        String clusterId = Files.exists(idFile) ? Files.readString(idFile).trim() : Uuid.randomUuid().toString();
        var out = new ByteArrayOutputStream();
        var args = new ArrayList<>(List.of("format", "-t", clusterId, "-c", propsFile.toString(), "--ignore-formatted"));
        if (scram != null) {
            // KRaft keeps SCRAM credentials in the metadata log: adding them at format time means they exist from the start
            args.addAll(List.of("--add-scram", SCRAM_MECHANISM + "=[name=" + scram.name() + ",password=" + scram.password() + "]"));
        }
        int rc = StorageTool.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            // StorageTool's output echoes no arguments, so it cannot carry the password
            throw new IllegalStateException("formatting the embedded broker's storage failed: " + out.toString(StandardCharsets.UTF_8));
        }
        Files.writeString(idFile, clusterId);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000"))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("embedded broker did not become ready within " + timeout, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded broker", e);
        }
    }

    public String bootstrapServers() {
        if (brokerPort == 0) {
            throw new IllegalStateException("the embedded broker has not been started");
        }
        return "127.0.0.1:" + brokerPort;
    }

    /** The SASL_PLAINTEXT (SCRAM-SHA-512) listener's address; only for a broker made by {@link #temporaryWithScram}. */
    public String saslBootstrapServers() {
        if (scram == null) {
            throw new IllegalStateException("this embedded broker has no SASL listener: create it with temporaryWithScram");
        }
        bootstrapServers();
        return "127.0.0.1:" + saslPort;
    }

    /**
     * Kafka client properties that reach {@link #saslBootstrapServers()} as the SCRAM user, with the given password (pass
     * a wrong one to test a refusal): {@code bootstrap.servers}, {@code security.protocol}, {@code sasl.mechanism},
     * {@code sasl.jaas.config}. Prefix each name with {@code TECKO_KAFKA_} (upper case, dots to underscores) for tecko's
     * pass-through.
     */
    public Map<String, String> scramClientProperties(String password) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", saslBootstrapServers());
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", SCRAM_MECHANISM);
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + scram.name() + "\" password=\"" + password + "\";");
        return props;
    }

    /**
     * The same as tecko's configuration: {@code TECKO_KAFKA_BOOTSTRAP_SERVERS}, {@code TECKO_KAFKA_SECURITY_PROTOCOL},
     * {@code TECKO_KAFKA_SASL_MECHANISM}, {@code TECKO_KAFKA_SASL_JAAS_CONFIG}: what a runtime under test is given.
     */
    public Map<String, String> scramTeckoEnvironment(String password) {
        Map<String, String> env = new LinkedHashMap<>();
        scramClientProperties(password).forEach((name, value) ->
                env.put("TECKO_KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return env;
    }

    /** {@link #scramClientProperties(String)} with the user's own password. */
    public Map<String, String> scramClientProperties() {
        return scramClientProperties(scram == null ? "" : scram.password());
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker, keeping its data, so {@link #start()} brings it back on the same ports and data. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("embedded Kafka stopped");
    }

    @Override
    public synchronized void close() {
        stop();
        if (temporary) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }

    /** What the broker wrote the last time it ran in this directory, or nothing. */
    private static Properties previousProperties(Path file) throws IOException {
        var props = new Properties();
        if (Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            }
        }
        return props;
    }

    /** The port the listener {@code name} had last time, if it is free now; otherwise any free port. */
    private static int reusable(Properties previous, String name) throws IOException {
        var matcher = Pattern.compile(name + "://127\\.0\\.0\\.1:(\\d+)").matcher(previous.getProperty("listeners", ""));
        if (matcher.find()) {
            int port = Integer.parseInt(matcher.group(1));
            try (var socket = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                log.warn("port {} of the last run is taken now; the broker's {} listener takes another", port, name);
            }
        }
        return freePort();
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
