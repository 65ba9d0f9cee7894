package dev.tecko.bench.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The processors' RocksDB state directories: fresh ones per run, their size on disk, and removing them. */
public final class StateDirs {
    private StateDirs() {
    }

    public static Path fresh(String runId) {
        try {
            return Files.createTempDirectory(runId + "-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of every regular file below {@code dir}; 0 when it does not exist. */
    public static long size(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // RocksDB removed it while we walked: it no longer takes space
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
