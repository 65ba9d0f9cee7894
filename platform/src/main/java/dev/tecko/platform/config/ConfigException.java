package dev.tecko.platform.config;

/** A configuration value that cannot be used; the message names the variable so start-up can say what to fix. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
