package dev.tecko.app.sandbox;

import dev.tecko.api.ApiSettings;
import dev.tecko.embedded.anthropic.SandboxAnthropic;
import dev.tecko.embedded.gemini.SandboxGemini;
import dev.tecko.embedded.keboola.SandboxKeboola;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.embedded.openai.SandboxBatchApi;
import dev.tecko.embedded.openai.SandboxOpenAi;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.JobCommand;
import dev.tecko.schemas.JobSpec;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.topics.Topic;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The local stand-ins for {@code tecko up --sandbox}: OpenAI's, Anthropic's and Gemini's batch APIs and a Keboola Queue
 * API on loopback, their credentials stored as encrypted secrets like real ones (typed {@code openai}, {@code anthropic},
 * {@code gemini}, {@code keboola}), and a demo job whose three batches finish within a minute.
 */
public final class Sandbox implements AutoCloseable {
    public static final String OPENAI_SECRET = "sandbox-openai";
    public static final String ANTHROPIC_SECRET = "sandbox-anthropic";
    public static final String GEMINI_SECRET = "sandbox-gemini";
    public static final String KEBOOLA_SECRET = "sandbox-keboola";
    public static final String COMPONENT = "kds-team.app-custom-python";
    public static final String CONFIG = "sandbox-demo";
    /** The Keboola configuration the Anthropic and Gemini demo jobs trigger, apart from the OpenAI demo's. */
    public static final String PROVIDERS_CONFIG = "sandbox-providers-demo";
    /** Demo batches finish in well under a minute, so the poller may look more often than the 10 s a job may ask for. */
    static final String DEMO_POLL_FLOOR_SECONDS = "2";
    /** In the data directory: the sandbox's ports and last Keboola job number, kept across restarts. */
    public static final String STATE_FILE = "sandbox.properties";

    private final SandboxOpenAi openAi;
    private final SandboxAnthropic anthropic;
    private final SandboxGemini gemini;
    private final SandboxKeboola keboola;
    private final Clock clock;
    /** Where the ports and the last Keboola job number are kept across restarts; null keeps nothing. */
    private final java.nio.file.Path stateFile;

    private Sandbox(SandboxOpenAi openAi, SandboxAnthropic anthropic, SandboxGemini gemini, SandboxKeboola keboola, Clock clock,
                    java.nio.file.Path stateFile) {
        this.openAi = openAi;
        this.anthropic = anthropic;
        this.gemini = gemini;
        this.keboola = keboola;
        this.clock = clock;
        this.stateFile = stateFile;
    }

    /** Starts the endpoints and stores their (random, per run) credentials on the secrets topic. */
    public static Sandbox start(TeckoConfig config, Clock clock) {
        return start(config, clock, null);
    }

    /**
     * As {@link #start(TeckoConfig, Clock)}, keeping in {@code stateFile} what a restart should keep: the endpoints'
     * ports (so the stack URL of the jobs created before stays valid) and the last Keboola job number (never handed out
     * twice).
     */
    public static Sandbox start(TeckoConfig config, Clock clock, java.nio.file.Path stateFile) {
        String apiKey = "sk-sandbox-" + randomHex();
        String token = "sandbox-" + randomHex();
        var state = stateFile == null ? new Properties() : state(stateFile);
        var sandbox = new Sandbox(SandboxOpenAi.start(clock, apiKey, number(state, "openai.port")),
                SandboxAnthropic.start(clock, apiKey, number(state, "anthropic.port")),
                SandboxGemini.start(clock, apiKey, number(state, "gemini.port")),
                SandboxKeboola.start(clock, number(state, "keboola.port"), longNumber(state, "keboola.lastJobId"), token),
                clock, stateFile);
        sandbox.keep();
        try {
            sandbox.storeSecrets(config, apiKey, token);
            return sandbox;
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /**
     * What the runtimes need to see in the sandbox: a poller allowed to look every few seconds, and an API that accepts
     * the sandbox's loopback URLs as targets.
     */
    public static TeckoConfig configure(TeckoConfig config) {
        TeckoConfig configured = config.optional("TECKO_POLLER_MIN_INTERVAL_SECONDS").isPresent() ? config
                : config.with("TECKO_POLLER_MIN_INTERVAL_SECONDS", DEMO_POLL_FLOOR_SECONDS);
        return configured.with(ApiSettings.ALLOW_LOOPBACK, "true");
    }

    private void storeSecrets(TeckoConfig config, String apiKey, String token) {
        var cipher = new SecretCipher(MasterKey.from(config).orElseThrow());
        var secrets = new LinkedHashMap<String, EncryptedSecret>();
        secrets.put(OPENAI_SECRET, cipher.encrypt(OPENAI_SECRET, SecretType.OPENAI, openAi.baseUrl(), apiKey, clock.instant()));
        secrets.put(ANTHROPIC_SECRET, cipher.encrypt(ANTHROPIC_SECRET, SecretType.ANTHROPIC, anthropic.baseUrl(), apiKey, clock.instant()));
        secrets.put(GEMINI_SECRET, cipher.encrypt(GEMINI_SECRET, SecretType.GEMINI, gemini.baseUrl(), apiKey, clock.instant()));
        secrets.put(KEBOOLA_SECRET, cipher.encrypt(KEBOOLA_SECRET, SecretType.KEBOOLA, null, token, clock.instant()));
        write(config, config.topics().secrets(), secrets, "the sandbox secrets");
    }

    /** Creates three batches in the sandbox OpenAI (two complete, one expires) and the job that watches them. */
    public DemoJob createDemoJob(TeckoConfig config) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
        String jobId = "demo-" + stamp;
        List<String> batchIds = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            batchIds.add("batch_demo_" + stamp.replace("-", "") + "_" + i);
        }
        openAi.createBatch(batchIds.get(0), BatchPlan.completesAfter(Duration.ofSeconds(15), 120));
        openAi.createBatch(batchIds.get(1), BatchPlan.completesAfter(Duration.ofSeconds(25), 80).withFailedRequests(3));
        openAi.createBatch(batchIds.get(2), BatchPlan.expiresAfter(Duration.ofSeconds(35), 50));

        var target = TriggerTarget.keboola(keboola.url(), COMPONENT, CONFIG, KEBOOLA_SECRET);
        var spec = new JobSpec("sandbox demo", batchIds, OPENAI_SECRET, target, JobSpec.MIN_POLL_INTERVAL_SECONDS, null, null, null, null, null);
        var command = JobCommand.create(UUID.randomUUID().toString(), jobId, spec, clock.instant());
        write(config, config.topics().jobCommands(), Map.of(jobId, command), "the demo job");
        return new DemoJob(jobId, batchIds);
    }

    /**
     * One job per other provider, each of one batch: an Anthropic job (secret {@link #ANTHROPIC_SECRET}) and a Gemini job
     * ({@link #GEMINI_SECRET}), both triggering the sandbox Keboola's {@code config}: {@code tecko up --sandbox} creates them
     * with the OpenAI demo job, on {@link #PROVIDERS_CONFIG}.
     */
    public List<DemoJob> createProviderDemoJobs(TeckoConfig config, String keboolaConfig) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
        var jobs = new ArrayList<DemoJob>();
        var commands = new LinkedHashMap<String, JobCommand>();
        for (var provider : List.of(Map.entry(ANTHROPIC_SECRET, (SandboxBatchApi) anthropic), Map.entry(GEMINI_SECRET, (SandboxBatchApi) gemini))) {
            String name = provider.getKey().substring("sandbox-".length());
            String batchId = name + "_demo_" + stamp;
            provider.getValue().createBatch(batchId, BatchPlan.completesAfter(Duration.ofSeconds(10), 40).withFailedRequests(2));
            String jobId = "demo-" + name + "-" + stamp;
            var target = TriggerTarget.keboola(keboola.url(), COMPONENT, keboolaConfig, KEBOOLA_SECRET);
            var spec = new JobSpec("sandbox " + name + " demo", List.of(batchId), provider.getKey(), target,
                    JobSpec.MIN_POLL_INTERVAL_SECONDS, null, null, null, null, null);
            commands.put(jobId, JobCommand.create(UUID.randomUUID().toString(), jobId, spec, clock.instant()));
            jobs.add(new DemoJob(jobId, List.of(batchId)));
        }
        write(config, config.topics().jobCommands(), commands, "the provider demo jobs");
        return jobs;
    }

    public record DemoJob(String jobId, List<String> batchIds) {
    }

    public SandboxOpenAi openAi() {
        return openAi;
    }

    public SandboxAnthropic anthropic() {
        return anthropic;
    }

    public SandboxGemini gemini() {
        return gemini;
    }

    public SandboxKeboola keboola() {
        return keboola;
    }

    /** Writes the records, key to value, and returns once the broker has them all. */
    private static <V> void write(TeckoConfig config, Topic<String, V> topic, Map<String, V> records, String what) {
        Properties props = config.kafka();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (var producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (var record : records.entrySet()) {
                producer.send(new ProducerRecord<>(topic.name(), record.getKey(), record.getValue())).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write " + what + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + what, e);
        }
    }

    /**
     * What a sandbox kept in {@code stateFile} ({@code openai.port}, {@code anthropic.port}, {@code gemini.port}, {@code keboola.port}, {@code keboola.lastJobId}):
     * empty when there is none; a damaged file only costs the old ports.
     */
    public static Properties state(java.nio.file.Path stateFile) {
        var state = new Properties();
        if (java.nio.file.Files.isRegularFile(stateFile)) {
            try (var in = java.nio.file.Files.newBufferedReader(stateFile)) {
                state.load(in);
            } catch (java.io.IOException | IllegalArgumentException e) {
                state.clear();
            }
        }
        return state;
    }

    private static int number(Properties state, String key) {
        return (int) Math.min(Integer.MAX_VALUE, longNumber(state, key));
    }

    private static long longNumber(Properties state, String key) {
        try {
            return Long.parseLong(state.getProperty(key, "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Writes the ports and the last job number, so a restart keeps them. */
    private void keep() {
        if (stateFile == null) {
            return;
        }
        var state = new Properties();
        state.setProperty("openai.port", Integer.toString(java.net.URI.create(openAi.baseUrl()).getPort()));
        state.setProperty("anthropic.port", Integer.toString(java.net.URI.create(anthropic.baseUrl()).getPort()));
        state.setProperty("gemini.port", Integer.toString(java.net.URI.create(gemini.baseUrl()).getPort()));
        state.setProperty("keboola.port", Integer.toString(java.net.URI.create(keboola.url()).getPort()));
        state.setProperty("keboola.lastJobId", Long.toString(keboola.lastJobId()));
        try {
            java.nio.file.Files.createDirectories(stateFile.getParent());
            try (var out = java.nio.file.Files.newBufferedWriter(stateFile)) {
                state.store(out, "the sandbox's ports and last Keboola job number, kept across restarts");
            }
        } catch (java.io.IOException e) {
            LoggerFactory.getLogger(Sandbox.class).warn("cannot keep the sandbox's ports in {}: {}", stateFile, e.getMessage());
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        keep();
        openAi.close();
        anthropic.close();
        gemini.close();
        keboola.close();
    }
}
