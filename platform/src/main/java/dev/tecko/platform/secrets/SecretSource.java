package dev.tecko.platform.secrets;

import java.util.Optional;

/** Where the poller and dispatcher look up credentials by name. */
public interface SecretSource extends AutoCloseable {
    Optional<Secret> find(String name);

    default Secret get(String name) {
        return find(name).orElseThrow(() -> new SecretException("secret '" + name + "' is not known"));
    }

    @Override
    default void close() {
    }
}
