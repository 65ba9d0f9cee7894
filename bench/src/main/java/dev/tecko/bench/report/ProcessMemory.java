package dev.tecko.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The process's memory as the benchmarks report it: heap in use after a full GC, and resident set size. */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final long MIB = 1024 * 1024;

    private ProcessMemory() {
    }

    /** Heap in use right after a full collection: what the live objects need, not what garbage happens to occupy. */
    public static double heapUsedAfterGcMib() {
        var memory = ManagementFactory.getMemoryMXBean();
        // a second collection catches what the first one only made unreachable (e.g. finalizable or soft references)
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed() / (double) MIB;
    }

    /** Resident set size from {@code /proc/self/status}; empty where there is no procfs (not Linux). */
    public static OptionalLong rssBytes() {
        try {
            return parseVmRss(Files.readString(STATUS));
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }

    public static Double rssMib() {
        OptionalLong rss = rssBytes();
        return rss.isPresent() ? rss.getAsLong() / (double) MIB : null;
    }

    /** The {@code VmRSS:   123456 kB} line of a {@code /proc/<pid>/status} text, in bytes. */
    public static OptionalLong parseVmRss(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                if (parts.length < 2 || !parts[1].equalsIgnoreCase("kB")) {
                    throw new IllegalArgumentException("VmRSS in an unknown unit: " + line);
                }
                return OptionalLong.of(value * 1024);
            }
        }
        return OptionalLong.empty();
    }
}
