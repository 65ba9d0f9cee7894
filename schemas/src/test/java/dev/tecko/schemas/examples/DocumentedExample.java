package dev.tecko.schemas.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

/**
 * An example program of docs/examples/, compiled with javax.tools against the given class path only (what another team
 * would have) and run in a child JVM, as a reader of the docs would run it.
 */
final class DocumentedExample {
    private DocumentedExample() {
    }

    /** The jars (or class folders) the given classes come from, and nothing else. */
    static String classPathOf(List<Class<?>> classes) throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : classes) {
            entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Compiles {@code docs/examples/<mainClass>.java} into {@code classes}, runs it with the arguments, and returns what it printed. */
    static List<String> compileAndRun(Path classes, String classPath, String mainClass, String... args) throws Exception {
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-classpath", classPath, "-d", classes.toString(),
                repository().resolve("docs/examples/" + mainClass + ".java").toString());
        assertThat(compiled).as("javac exit code").isZero();

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + classPath, mainClass));
        command.addAll(List.of(args));
        Process example = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(example.waitFor(60, TimeUnit.SECONDS)).as("the example stops after its records").isTrue();
        String output = new String(example.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(example.exitValue()).isZero();
        return output.lines().toList();
    }

    static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/examples"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
