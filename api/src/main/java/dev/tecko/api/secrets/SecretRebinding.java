package dev.tecko.api.secrets;

import dev.tecko.api.kafka.RecordWriter;
import dev.tecko.api.views.SecretsView;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.topics.Topic;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets written before their ciphertext was bound to type and base URL (bound to the name alone) are re-encrypted and
 * written back once, at the API's start: their value and creation time stay the same. Every API instance does it; the
 * first write wins and the others find nothing left to do (a second write of the same secret would be harmless).
 */
public final class SecretRebinding {
    private static final Logger log = LoggerFactory.getLogger(SecretRebinding.class);

    private SecretRebinding() {
    }

    /** @return how many secrets were re-encrypted */
    public static int run(SecretsView secrets, SecretCipher cipher, RecordWriter writer, Topic<String, EncryptedSecret> topic,
                          Duration timeout) {
        List<EncryptedSecret> old = secrets.all().stream().filter(EncryptedSecret::boundToNameOnly).toList();
        for (EncryptedSecret secret : old) {
            EncryptedSecret rebound = cipher.rebind(secret);
            writer.write(topic, secret.name(), rebound);
            secrets.awaitState(secret.name(), rebound, timeout);
        }
        if (!old.isEmpty()) {
            log.info("re-encrypted {} secret(s) bound to their name alone, now bound to name, type and base URL", old.size());
        }
        return old.size();
    }
}
