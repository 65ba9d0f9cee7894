package dev.tecko.platform.secrets;

import dev.tecko.platform.kafka.CompactedTopicView;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.topics.Topic;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Every secret of the compacted {@code secrets} topic, kept current by a {@link CompactedTopicView} (no consumer group: every
 * instance needs every secret). Tombstones remove; unreadable records, and records whose key is not the secret's name,
 * are skipped with a log line naming their offset.
 */
public final class TopicSecretSource implements SecretSource {
    private final CompactedTopicView<String, EncryptedSecret> byName;
    private final SecretCipher cipher;

    public TopicSecretSource(Properties kafka, Topic<String, EncryptedSecret> topic, SecretCipher cipher) {
        this.byName = SecretRecords.view(kafka, topic, "secrets");
        this.cipher = cipher;
    }

    /** Blocks until everything on the topic at start-up has been read, or the timeout passes. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return byName.awaitCaughtUp(timeout);
    }

    @Override
    public Optional<Secret> find(String name) {
        return byName.get(name).map(cipher::decrypt);
    }

    @Override
    public void close() {
        byName.close();
    }
}
