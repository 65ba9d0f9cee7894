package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module layout of docs/design.md, checked on the sources: each module's main code imports from the other tecko
 * modules only what the layout allows, so no module reaches into another's internals. The API sees the processor
 * through {@code dev.tecko.processor.query} only; its composition root ({@code ProcessorService}) is the one class
 * that may start the processor's runtime.
 */
class ModuleBoundariesTest {
    private static final Path ROOT = Path.of(System.getProperty("tecko.root", "..")).toAbsolutePath().normalize();
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.tecko\\.[\\w.]+);", Pattern.MULTILINE);

    /** Package prefixes (with the trailing dot) each module's main code may import from tecko. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "schemas", List.of("dev.tecko.schemas."),
            "platform", List.of("dev.tecko.schemas.", "dev.tecko.platform."),
            "observability", List.of("dev.tecko.schemas.", "dev.tecko.platform.", "dev.tecko.observability."),
            "processor", List.of("dev.tecko.schemas.", "dev.tecko.platform.", "dev.tecko.observability.", "dev.tecko.processor."),
            "api", List.of("dev.tecko.schemas.", "dev.tecko.platform.", "dev.tecko.observability.", "dev.tecko.api.",
                    "dev.tecko.processor.query."),
            "poller", List.of("dev.tecko.schemas.", "dev.tecko.platform.", "dev.tecko.observability.", "dev.tecko.poller."),
            "dispatcher", List.of("dev.tecko.schemas.", "dev.tecko.platform.", "dev.tecko.observability.", "dev.tecko.dispatcher."),
            "embedded", List.of("dev.tecko.embedded."));

    /** The composition root puts the processor's runtime and the API together: the one exception, named here. */
    private static final Set<String> COMPOSITION_ROOT_IMPORTS = Set.of(
            "dev.tecko.processor.runtime.ProcessorRuntime",
            "dev.tecko.processor.runtime.RuntimeSettings",
            "dev.tecko.processor.topology.ProcessorSettings");

    @ParameterizedTest
    @ValueSource(strings = {"schemas", "platform", "observability", "processor", "api", "poller", "dispatcher", "embedded"})
    void eachModuleImportsOnlyWhatTheLayoutAllows(String module) {
        List<String> violations = new ArrayList<>();
        for (Path source : sources(ROOT.resolve(module).resolve("src/main/java"))) {
            boolean compositionRoot = module.equals("api") && source.endsWith("dev/tecko/api/ProcessorService.java");
            Matcher imports = IMPORT.matcher(read(source));
            while (imports.find()) {
                String imported = imports.group(1);
                boolean allowed = ALLOWED.get(module).stream().anyMatch(imported::startsWith)
                        || compositionRoot && COMPOSITION_ROOT_IMPORTS.contains(imported);
                if (!allowed) {
                    violations.add(ROOT.relativize(source) + " imports " + imported);
                }
            }
        }
        assertThat(violations).as("imports across module boundaries").isEmpty();
    }

    @Test
    void theContractsModuleDependsOnKafkaClientsAndJacksonOnly() {
        String pom = read(ROOT.resolve("schemas/pom.xml"));
        Matcher dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        List<String> compileScope = new ArrayList<>();
        while (dependency.find()) {
            String body = dependency.group(1);
            if (!body.contains("<scope>test</scope>")) {
                Matcher artifact = Pattern.compile("<artifactId>(.*?)</artifactId>").matcher(body);
                assertThat(artifact.find()).isTrue();
                compileScope.add(artifact.group(1));
            }
        }
        assertThat(compileScope).isNotEmpty()
                .allMatch(a -> a.equals("kafka-clients") || a.startsWith("jackson-"), "kafka-clients or Jackson");
    }

    private static List<Path> sources(Path dir) {
        assertThat(dir).as("module sources").isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
