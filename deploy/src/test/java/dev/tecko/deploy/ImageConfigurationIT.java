package dev.tecko.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The container image as app/pom.xml's {@code -Pimage} profile defines it. No registry is reachable here to pull the
 * base image, so the image is not built: its configuration is checked, and its entrypoint — Jib's {@code java <jvmFlags>
 * <mainClass>}, which is what {@code java <jvmFlags> -jar tecko.jar} runs — is run here as a child process.
 */
class ImageConfigurationIT {
    private static final ImageProfile IMAGE = ImageProfile.fromPom(Repository.file("app/pom.xml"));
    private static final Path JAR = Repository.file("app/target/tecko.jar");

    @Test
    void givenTheImageProfile_whenItsContainerIsRead_thenItIsOneNonRootTemurin17ImageExposingEveryRuntimesPort() {
        assertThat(IMAGE.baseImage()).matches("eclipse-temurin:17-jre(@sha256:[0-9a-f]{64})?");
        assertThat(IMAGE.pluginVersion()).as("pinned in the profile").matches("3\\.4\\.\\d+");
        assertThat(IMAGE.user()).as("a numeric uid (and gid), so Kubernetes' runAsNonRoot can verify it").matches("[1-9]\\d*(:\\d+)?");
        assertThat(IMAGE.args()).as("no default command: the runtime is the container's command").isEmpty();
        assertThat(IMAGE.ports()).containsExactlyInAnyOrder(Runtime.PROCESSOR.defaultPort(), Runtime.POLLER.defaultPort(),
                Runtime.DISPATCHER.defaultPort());
    }

    @Test
    void givenTheProcessorStateDirectory_whenTheImageIsRead_thenTheNonRootUserCanWriteWhereItsVolumeIsMounted() {
        String stateDir = IMAGE.environment().get("TECKO_PROCESSOR_STATE_DIR");
        assertThat(stateDir).isNotNull();
        assertThat(IMAGE.permissions()).as("a new volume copies the image directory's mode")
                .hasEntrySatisfying(Path.of(stateDir).getParent().toString(), mode -> assertThat(mode).isEqualTo("777"));
    }

    @Test
    void givenTheShadedJar_whenItsManifestIsRead_thenItsMainClassIsTheImagesEntrypointClass() throws IOException {
        try (var jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(IMAGE.mainClass());
        }
    }

    @Test
    void givenTheImagesEntrypoint_whenRunLocallyWithEachCommandTheComposeFileUses_thenEachAnswersItsHelp() throws Exception {
        assertThat(entrypoint("--help")).contains("Usage: tecko").contains("processor").contains("poller").contains("dispatcher");
        assertThat(entrypoint("processor", "--help")).contains("Usage: tecko processor");
        assertThat(entrypoint("poller", "--help")).contains("Usage: tecko poller");
        assertThat(entrypoint("dispatcher", "--help")).contains("Usage: tecko dispatcher");
        assertThat(entrypoint("topics", "create", "--help")).contains("Usage: tecko topics create");
        assertThat(entrypoint("topics", "check", "--help")).contains("Usage: tecko topics check");
    }

    @Test
    void givenTheImagesEntrypointWithoutKafka_whenTheProcessorStarts_thenItStopsWithTheConfigurationExitCodeNamingTheVariable()
            throws Exception {
        var run = start(List.of("processor"));
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(run.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("TECKO_KAFKA_BOOTSTRAP_SERVERS is required");
    }

    /** Output of a run that must succeed. */
    private static String entrypoint(String... args) throws Exception {
        Process process = start(List.of(args));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** {@code java <jvmFlags> -jar tecko.jar <args>} with no TECKO_* variables, as a bare container starts. */
    private static Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(IMAGE.jvmFlags());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(args);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("TECKO_"));
        builder.directory(Files.createTempDirectory("tecko-image").toFile());
        return builder.start();
    }
}
