package dev.tecko.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docker-compose.yml as Compose reads it: anchors and merge keys resolved, {@code ${VAR:-default}} as its default. */
final class ComposeFile {
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[A-Z0-9_]+:-([^}]*)}");
    /** The health checks' form: {@code bash -c 'exec 3<>/dev/tcp/127.0.0.1/PORT && printf 'GET PATH HTTP/1.0…'}. */
    private static final Pattern HTTP_PROBE = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+) .*GET (/\\S*) HTTP/1\\.0");

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static ComposeFile read(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            return new ComposeFile(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record HttpProbe(int port, String path) {
    }

    record Service(String name, Map<String, Object> spec) {
        String image() {
            return interpolated((String) spec.get("image"));
        }

        List<String> command() {
            Object command = spec.get("command");
            return command == null ? List.of() : strings(command);
        }

        /** Compose's {@code environment:} as a map; values as strings, the way the container sees them. */
        Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            Object raw = spec.get("environment");
            if (raw instanceof Map<?, ?> map) {
                map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
            } else if (raw instanceof List<?> list) {
                list.forEach(item -> {
                    String[] pair = String.valueOf(item).split("=", 2);
                    env.put(pair[0], pair.length > 1 ? pair[1] : "");
                });
            }
            return env;
        }

        List<String> envFiles() {
            Object files = spec.get("env_file");
            return files == null ? List.of() : strings(files);
        }

        /** Container ports published, from {@code "host:container"} entries. */
        List<Integer> publishedContainerPorts() {
            Object ports = spec.get("ports");
            return ports == null ? List.of() : strings(ports).stream().map(p -> Integer.parseInt(p.substring(p.lastIndexOf(':') + 1))).toList();
        }

        List<String> volumes() {
            Object volumes = spec.get("volumes");
            return volumes == null ? List.of() : strings(volumes);
        }

        /** The health check's command as one string, e.g. {@code CMD bash -c …}. */
        Optional<String> healthcheck() {
            if (!(spec.get("healthcheck") instanceof Map<?, ?> check)) {
                return Optional.empty();
            }
            return Optional.of(String.join(" ", strings(check.get("test"))));
        }

        /** The port and path of an HTTP health check, if the check is one. */
        Optional<HttpProbe> httpProbe() {
            return healthcheck().map(HTTP_PROBE::matcher).filter(Matcher::find)
                    .map(m -> new HttpProbe(Integer.parseInt(m.group(1)), m.group(2)));
        }

        /** The command line of {@code test: ["CMD", …]}, without the "CMD". */
        List<String> healthcheckArguments() {
            var check = (Map<?, ?>) spec.get("healthcheck");
            List<String> test = strings(check.get("test"));
            return test.subList(1, test.size());
        }

        /** {@code depends_on} service → condition ({@code service_started} for the short list form). */
        Map<String, String> dependsOn() {
            Map<String, String> dependencies = new LinkedHashMap<>();
            Object raw = spec.get("depends_on");
            if (raw instanceof Map<?, ?> map) {
                map.forEach((k, v) -> dependencies.put(String.valueOf(k), String.valueOf(((Map<?, ?>) v).get("condition"))));
            } else if (raw instanceof List<?> list) {
                list.forEach(s -> dependencies.put(String.valueOf(s), "service_started"));
            }
            return dependencies;
        }
    }

    Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        ((Map<?, ?>) root.get("services")).forEach((name, spec) -> services.put((String) name, new Service((String) name, cast(spec))));
        return services;
    }

    Service service(String name) {
        return Optional.ofNullable(services().get(name)).orElseThrow(() -> new AssertionError("no service " + name + " in the compose file"));
    }

    /** The services running the tecko image, whatever their command. */
    List<Service> teckoServices(String teckoImage) {
        return services().values().stream().filter(s -> teckoImage.equals(s.image())).toList();
    }

    List<String> namedVolumes() {
        Object volumes = root.get("volumes");
        return volumes == null ? List.of() : ((Map<?, ?>) volumes).keySet().stream().map(String::valueOf).toList();
    }

    static String interpolated(String value) {
        return value == null ? null : INTERPOLATION.matcher(value).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
