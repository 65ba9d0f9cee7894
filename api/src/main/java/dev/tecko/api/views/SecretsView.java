package dev.tecko.api.views;

import dev.tecko.platform.kafka.CompactedTopicView;
import dev.tecko.platform.secrets.SecretRecords;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.topics.Topic;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** Every secret of the compacted {@code secrets} topic, as ciphertext: for listing, the 422/409 checks and the key check. */
public final class SecretsView implements AutoCloseable {
    private final CompactedTopicView<String, EncryptedSecret> byName;

    public SecretsView(Properties kafka, Topic<String, EncryptedSecret> topic) {
        this.byName = SecretRecords.view(kafka, topic, "secrets-view");
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return byName.awaitCaughtUp(timeout);
    }

    public Optional<EncryptedSecret> get(String name) {
        return byName.get(name);
    }

    /** Sorted by name. */
    public List<EncryptedSecret> all() {
        return byName.values().stream().sorted(Comparator.comparing(EncryptedSecret::name)).toList();
    }

    /** Waits, bounded, until the view holds exactly this secret (or, for null, none of that name). */
    public boolean awaitState(String name, EncryptedSecret expected, Duration timeout) {
        return byName.awaitUntil(secrets -> expected == null ? !secrets.containsKey(name)
                : expected.nonce().equals(Optional.ofNullable(secrets.get(name)).map(EncryptedSecret::nonce).orElse(null)), timeout);
    }

    @Override
    public void close() {
        byName.close();
    }
}
