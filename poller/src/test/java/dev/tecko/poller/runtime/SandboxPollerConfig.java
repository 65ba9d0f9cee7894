package dev.tecko.poller.runtime;

import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.platform.secrets.FileSecretSource;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.platform.targets.TargetAllowList;
import dev.tecko.schemas.SecretType;
import dev.tecko.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A poller's configuration for the poller ITs: the test's broker and topics, its own group, a fresh master key and a
 * secrets file holding the {@code openai-main} key for the sandbox OpenAI (on loopback, so loopback is allowed), a fast
 * tick, and whatever the test adds.
 */
final class SandboxPollerConfig {
    static final String SECRET = "openai-main";

    private SandboxPollerConfig() {
    }

    static TeckoConfig of(EmbeddedKafka kafka, Topics topics, Path dir, String sandboxBaseUrl, String apiKey, Map<String, String> extra)
            throws Exception {
        String master = MasterKey.generateBase64();
        var cipher = new SecretCipher(MasterKey.fromBase64(master, "test"));
        Path secrets = Files.createTempFile(dir, "secrets", ".jsonl");
        FileSecretSource.write(secrets, List.of(cipher.encrypt(SECRET, SecretType.OPENAI, sandboxBaseUrl, apiKey, Instant.now())));
        var settings = new HashMap<String, String>(Map.of(
                TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                TeckoConfig.TOPIC_PREFIX, topics.jobStatus().name().replace("job-status", ""),
                MasterKey.ENV, master,
                FileSecretSource.ENV, secrets.toString(),
                PollerSettings.GROUP_ID, "poller-" + UUID.randomUUID(),
                PollerSettings.TICK_MILLIS, "50",
                // the sandbox OpenAI, the secret's base URL, is on loopback
                TargetAllowList.ALLOW_LOOPBACK, "true"));
        settings.putAll(extra);
        return TeckoConfig.of(settings);
    }
}
