package dev.tecko.resilience;

import dev.tecko.app.Tecko;
import dev.tecko.embedded.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code tecko processor} or {@code tecko dispatcher} in its own JVM, started exactly as an operator would (the
 * command, configured by {@code TECKO_*} environment variables), so that the test can kill it for real: SIGKILL leaves
 * open transactions, unsent buffers and a group member that only the session timeout removes, which nothing in-process
 * imitates. Its output goes to {@code target/children/<name>.log}, appended across restarts.
 */
final class ChildRuntime implements AutoCloseable {
    private final Process process;

    private ChildRuntime(Process process) {
        this.process = process;
    }

    static ChildRuntime start(String command, String maxHeap, Map<String, String> environment, String logName) {
        try {
            File log = Files.createDirectories(Path.of("target", "children")).resolve(logName + ".log").toFile();
            var builder = new ProcessBuilder(ChildJvm.command(maxHeap, Tecko.class, command));
            builder.environment().putAll(environment);
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            return new ChildRuntime(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child JVM " + process.pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
