package dev.tecko.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs after {@code package}: what the app shades into tecko.jar must carry JMH's generated code and benchmark list. */
class BenchmarkJarIT {

    @Test
    void givenTheModuleJar_thenItHoldsTheBenchmarkListAndTheGeneratedBenchmarkClasses() throws IOException {
        Path jar = moduleJar();
        try (var file = new JarFile(jar.toFile())) {
            var list = file.getJarEntry("META-INF/BenchmarkList");
            assertThat(list).as("META-INF/BenchmarkList in " + jar).isNotNull();
            try (InputStream in = file.getInputStream(list)) {
                String benchmarks = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(benchmarks).contains("ObservationSerdeBenchmark", "JobMachineBenchmark");
            }
            assertThat(file.stream().map(e -> e.getName()))
                    .anyMatch(n -> n.startsWith("dev/tecko/bench/jmh/jmh_generated/ObservationSerdeBenchmark_deserialize_jmhTest"))
                    .anyMatch(n -> n.startsWith("dev/tecko/bench/jmh/jmh_generated/JobMachineBenchmark_applyProgress_jmhTest"));
        }
    }

    private static Path moduleJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("tecko-bench-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("sources"))
                    .findFirst().orElseThrow(() -> new AssertionError("no tecko-bench jar in target/"));
        }
    }
}
