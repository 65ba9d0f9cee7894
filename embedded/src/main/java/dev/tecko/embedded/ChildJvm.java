package dev.tecko.embedded;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs a main class in a new JVM on this JVM's class path: what tests use to kill a runtime for
 * real (SIGKILL) or to run the {@code tecko} command as a user would. A coverage agent of this JVM is passed on, so
 * what the child runs counts too.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    public static List<String> command(String maxHeap, Class<?> mainClass, String... args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-javaagent:"))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }
}
