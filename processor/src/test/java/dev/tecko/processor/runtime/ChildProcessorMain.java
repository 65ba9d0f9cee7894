package dev.tecko.processor.runtime;

import dev.tecko.platform.config.TeckoConfig;

/** A processor instance in its own JVM, configured from TECKO_* environment variables, so a test can kill -9 it. */
public final class ChildProcessorMain {
    private ChildProcessorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        var runtime = new ProcessorRuntime(TeckoConfig.fromEnvironment()).start();
        System.out.println("child processor started: " + runtime.runtimeSettings().applicationId());
        Thread.currentThread().join();   // runs until the test kills the process
    }
}
