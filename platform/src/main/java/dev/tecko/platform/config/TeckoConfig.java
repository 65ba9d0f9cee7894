package dev.tecko.platform.config;

import dev.tecko.schemas.topics.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Configuration from {@code TECKO_*} environment variables over an optional properties file ({@code TECKO_CONFIG_FILE}).
 * The file may spell a name either way: {@code TECKO_POLL_CONCURRENCY} or {@code tecko.poll.concurrency}.
 * Every {@code TECKO_KAFKA_<NAME>} is handed to the Kafka clients as {@code <name>} (underscores become dots), so SASL
 * and TLS clusters need no code.
 */
public final class TeckoConfig {
    public static final String CONFIG_FILE = "TECKO_CONFIG_FILE";
    public static final String TOPIC_PREFIX = "TECKO_TOPIC_PREFIX";
    public static final String KAFKA_PREFIX = "TECKO_KAFKA_";
    public static final String BOOTSTRAP_SERVERS = KAFKA_PREFIX + "BOOTSTRAP_SERVERS";
    private static final Pattern SENSITIVE = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|JAAS|MASTER_KEY|_KEY$|CREDENTIAL).*");

    private final Map<String, String> values;

    private TeckoConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The process's environment, over the file it names in {@code TECKO_CONFIG_FILE} if any. */
    public static TeckoConfig fromEnvironment() {
        return load(System.getenv());
    }

    public static TeckoConfig load(Map<String, String> environment) {
        Map<String, String> merged = new TreeMap<>();
        String file = environment.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            merged.putAll(readFile(Path.of(file)));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith("TECKO_")) {
                merged.put(name, value);
            }
        });
        return new TeckoConfig(merged);
    }

    public static TeckoConfig of(Map<String, String> values) {
        return new TeckoConfig(values);
    }

    private static Map<String, String> readFile(Path path) {
        var props = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException(CONFIG_FILE + " names '" + path + "', which cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            values.put(normalize(key), props.getProperty(key).trim());
        }
        return values;
    }

    static String normalize(String key) {
        return key.trim().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** A copy with one more value, overriding; how {@code tecko up} and tests set what they need. */
    public TeckoConfig with(String name, String value) {
        var copy = new TreeMap<>(values);
        copy.put(name, value);
        return new TeckoConfig(copy);
    }

    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(name + " is required but not set"));
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return (int) number(name, defaultValue, min, max);
    }

    public long number(String name, long defaultValue, long min, long max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.get().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number between " + min + " and " + max + ", got '" + raw.get() + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, got '" + raw.get() + "'");
        };
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(raw.get().replace('-', '_'))) {
                return e;
            }
        }
        var names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw new ConfigException(name + " must be one of " + names + ", got '" + raw.get() + "'");
    }

    public Topics topics() {
        try {
            return new Topics(string(TOPIC_PREFIX, Topics.DEFAULT_PREFIX));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TOPIC_PREFIX + ": " + e.getMessage(), e);
        }
    }

    public boolean hasBootstrapServers() {
        return optional(BOOTSTRAP_SERVERS).isPresent();
    }

    /** The {@code TECKO_KAFKA_*} pass-through, as Kafka client properties. */
    public Properties kafka() {
        var props = new Properties();
        values.forEach((name, value) -> {
            if (name.startsWith(KAFKA_PREFIX) && name.length() > KAFKA_PREFIX.length()) {
                props.put(name.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return props;
    }

    /** Every value, with anything that looks like a credential shown as {@code ****}; safe to print. */
    public Map<String, String> describe() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((name, value) -> shown.put(name, isSensitive(name) ? "****" : value));
        return shown;
    }

    public static boolean isSensitive(String name) {
        return SENSITIVE.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }

    @Override
    public String toString() {
        return "TeckoConfig" + describe();
    }
}
