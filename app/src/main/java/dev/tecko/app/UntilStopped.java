package dev.tecko.app;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** Keeps a started command alive until the process is asked to stop (Ctrl-C, SIGTERM), then closes what it runs. */
final class UntilStopped {
    private UntilStopped() {
    }

    static void await(AutoCloseable running, PrintWriter out) throws InterruptedException {
        var stopped = new CountDownLatch(1);
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
            stopped.countDown();
        }, "tecko-shutdown"));
        stopped.await();
    }
}
