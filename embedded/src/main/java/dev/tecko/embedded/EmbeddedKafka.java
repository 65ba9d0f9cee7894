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
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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

    private final Path dataDir;
    private final boolean temporary;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;
    private int brokerPort;
    private int controllerPort;

    private EmbeddedKafka(Path dataDir, boolean temporary, Map<String, String> overrides) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.overrides = Map.copyOf(overrides);
    }

    /** A broker in a fresh temporary directory, removed on close: for tests. */
    public static EmbeddedKafka temporary() {
        return temporary(Map.of());
    }

    /** A temporary broker with extra broker properties (e.g. listeners for SASL tests). */
    public static EmbeddedKafka temporary(Map<String, String> brokerOverrides) {
        try {
            return new EmbeddedKafka(Files.createTempDirectory("tecko-kafka-"), true, brokerOverrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker whose data survives restarts in {@code dataDir} (formatted once, then reused): for {@code tecko up}. */
    public static EmbeddedKafka persistent(Path dataDir) {
        return new EmbeddedKafka(dataDir, false, Map.of());
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
            if (brokerPort == 0) {
                brokerPort = freePort();
                controllerPort = freePort();
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

    /** Formats the log directory the first time; later starts reuse it and its cluster id. */
    private void formatOnce(Path logDir, Path propsFile) throws IOException {
        Path idFile = dataDir.resolve(CLUSTER_ID_FILE);
        if (Files.exists(logDir.resolve("meta.properties")) && Files.exists(idFile)) {
            return;
        }
        String clusterId = Files.exists(idFile) ? Files.readString(idFile).trim() : Uuid.randomUuid().toString();
        var out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString(), "--ignore-formatted"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
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

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
