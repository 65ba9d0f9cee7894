package dev.tecko.app;

import dev.tecko.api.ProcessorService;
import dev.tecko.dispatcher.runtime.DispatcherRuntime;
import dev.tecko.platform.config.TeckoConfig;
import dev.tecko.poller.runtime.PollerRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** Runs one runtime alone against any cluster until stopped; start as many instances of each as the load needs. */
abstract class RuntimeCommand implements Callable<Integer> {
    @ParentCommand
    Tecko tecko;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    abstract AutoCloseable start(TeckoConfig config);

    @Override
    public Integer call() throws InterruptedException {
        TeckoConfig config = tecko.config();
        config.required(TeckoConfig.BOOTSTRAP_SERVERS);
        AutoCloseable running = start(config);
        var untilStopped = UntilStopped.arm(running, spec.commandLine().getOut());
        spec.commandLine().getOut().println(spec.name() + " running against " + config.required(TeckoConfig.BOOTSTRAP_SERVERS)
                + "; Ctrl-C to stop");
        spec.commandLine().getOut().flush();
        untilStopped.await();
        return Tecko.OK;
    }

    @Command(name = "processor", mixinStandardHelpOptions = true,
            description = {"Run the Kafka Streams processor, with the REST API and web UI.",
                    "It keeps job state, decides triggers, publishes job status and events, and serves the API on",
                    "TECKO_API_PORT (default 8080; TECKO_API_TOKEN is required).",
                    "Settings: TECKO_PROCESSOR_* and TECKO_API_* (see processor/README.md and docs/api.md)."})
    static final class Processor extends RuntimeCommand {
        @Override
        AutoCloseable start(TeckoConfig config) {
            return ProcessorService.start(config);
        }
    }

    @Command(name = "poller", mixinStandardHelpOptions = true,
            description = {"Run the poller: watches the OpenAI batches of active jobs and publishes their status.",
                    "Settings: TECKO_POLLER_* (see poller/README.md)."})
    static final class Poller extends RuntimeCommand {
        @Override
        AutoCloseable start(TeckoConfig config) {
            return new PollerRuntime(config).start();
        }
    }

    @Command(name = "dispatcher", mixinStandardHelpOptions = true,
            description = {"Run the dispatcher: delivers trigger commands to Keboola or webhooks, once each.",
                    "Settings: TECKO_DISPATCHER_* (see dispatcher/README.md)."})
    static final class Dispatcher extends RuntimeCommand {
        @Override
        AutoCloseable start(TeckoConfig config) {
            return new DispatcherRuntime(config).start();
        }
    }
}
