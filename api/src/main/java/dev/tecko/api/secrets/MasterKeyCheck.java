package dev.tecko.api.secrets;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.schemas.EncryptedSecret;
import java.util.Collection;
import java.util.List;

/**
 * Refuses to start with a master key that did not encrypt the stored secrets: otherwise the API would accept new
 * secrets under the wrong key and the poller and dispatcher would fail on the old ones, far from the cause.
 */
public final class MasterKeyCheck {
    private static final int NAMES_SHOWN = 5;

    private MasterKeyCheck() {
    }

    /**
     * @param keyVariable the variable the key came from, so the message says what to fix
     * @throws ConfigException when any stored secret was encrypted with another key
     */
    public static void verify(Collection<EncryptedSecret> stored, SecretCipher cipher, String keyVariable, String topic) {
        List<String> foreign = stored.stream().filter(secret -> !cipher.verifies(secret)).map(EncryptedSecret::name).sorted().toList();
        if (foreign.isEmpty()) {
            return;
        }
        String names = String.join(", ", foreign.subList(0, Math.min(NAMES_SHOWN, foreign.size())))
                + (foreign.size() > NAMES_SHOWN ? ", ..." : "");
        throw new ConfigException(keyVariable + " does not match the master key the stored secrets were encrypted with: "
                + foreign.size() + " of " + stored.size() + " secrets on " + topic + " (" + names + ") cannot be decrypted with it;"
                + " set " + keyVariable + " to the key they were encrypted with");
    }
}
