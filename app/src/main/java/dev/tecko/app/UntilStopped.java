package dev.tecko.app;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a started command alive until the process is asked to stop (Ctrl-C, SIGTERM), then closes what it runs. Armed
 * before the command says how to stop it: a SIGTERM that follows "Ctrl-C to stop" at once must find the hook in place
 * (registering it after the JVM began to shut down fails with "Shutdown in progress" and closes nothing cleanly).
 */
final class UntilStopped {
    private final CountDownLatch stopped = new CountDownLatch(1);

    private UntilStopped() {
    }

    static UntilStopped arm(AutoCloseable running, PrintWriter out) {
        var until = new UntilStopped();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping…");
            out.flush();
            try {
                running.close();
            } catch (Exception e) {
                out.println("stopping failed: " + e.getMessage());
            }
            out.println("stopped");
            out.flush();
            until.stopped.countDown();
        }, "tecko-shutdown"));
        return until;
    }

    void await() throws InterruptedException {
        stopped.await();
    }
}
