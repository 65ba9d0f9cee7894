package dev.tecko.api.secrets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tecko.platform.config.ConfigException;
import dev.tecko.platform.secrets.MasterKey;
import dev.tecko.platform.secrets.SecretCipher;
import dev.tecko.schemas.EncryptedSecret;
import dev.tecko.schemas.SecretType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterKeyCheckTest {
    private final SecretCipher mine = cipher();
    private final SecretCipher other = cipher();

    @Test
    void givenNoSecretsOrOnlyOwnOnes_whenVerified_thenStartUpMayGoOn() {
        assertThatCode(() -> MasterKeyCheck.verify(List.of(), mine, "TECKO_MASTER_KEY", "t")).doesNotThrowAnyException();
        assertThatCode(() -> MasterKeyCheck.verify(List.of(secret(mine, "a"), secret(mine, "b")), mine, "TECKO_MASTER_KEY", "t"))
                .doesNotThrowAnyException();
    }

    @Test
    void givenManyForeignSecrets_whenVerified_thenTheMessageCountsThemNamesFiveAndTheVariableToFix() {
        List<EncryptedSecret> stored = new ArrayList<>(List.of(secret(mine, "own")));
        for (int i = 0; i < 7; i++) {
            stored.add(secret(other, "s" + i));
        }

        assertThatThrownBy(() -> MasterKeyCheck.verify(stored, mine, "TECKO_MASTER_KEY_FILE", "tecko.secrets"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TECKO_MASTER_KEY_FILE does not match the master key the stored secrets were encrypted with: 7 of 8 secrets"
                        + " on tecko.secrets (s0, s1, s2, s3, s4, ...) cannot be decrypted with it; set TECKO_MASTER_KEY_FILE to the key"
                        + " they were encrypted with");
    }

    private static EncryptedSecret secret(SecretCipher cipher, String name) {
        return cipher.encrypt(name, SecretType.KEBOOLA, null, "v", Instant.EPOCH);
    }

    private static SecretCipher cipher() {
        return new SecretCipher(MasterKey.fromBase64(MasterKey.generateBase64(), "test"));
    }
}
