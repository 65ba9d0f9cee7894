package dev.tecko.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
    private static final String STATUS = """
            Name:\tjava
            VmPeak:\t 9876543 kB
            VmSize:\t 8765432 kB
            VmHWM:\t  456789 kB
            VmRSS:\t  345678 kB
            RssAnon:\t  300000 kB
            Threads:\t42
            """;

    @Test
    void givenAProcStatusText_thenVmRssIsReadInBytes() {
        assertThat(ProcessMemory.parseVmRss(STATUS)).hasValue(345_678L * 1024);
    }

    @Test
    void givenNoVmRssLine_thenNothingIsReported() {
        assertThat(ProcessMemory.parseVmRss("Name:\tjava\nThreads:\t1\n")).isEmpty();
    }

    @Test
    void givenVmRssInAnUnknownUnit_thenItIsRefusedRatherThanMisread() {
        assertThatThrownBy(() -> ProcessMemory.parseVmRss("VmRSS:\t 12 MB\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenThisJvm_thenHeapAfterGcIsPositiveAndOnLinuxRssExceedsIt() {
        double heap = ProcessMemory.heapUsedAfterGcMib();
        assertThat(heap).isPositive();
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertThat(ProcessMemory.rssMib()).isGreaterThan(heap);
        }
    }
}
