package dev.tecko.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The caller's bearer token goes over plain http only to this machine, unless the operator trusts the network. */
class JobReaderForwardingTest {

    @ParameterizedTest(name = "{0}, insecure allowed {1} → {2}")
    @CsvSource({
            "localhost,false,true",
            "127.0.0.1,false,true",
            "127.0.1.1,false,true",
            "::1,false,true",
            "processor-2.internal,false,false",
            "10.0.0.7,false,false",
            "127.evil.example,false,false",
            "processor-2.internal,true,true"})
    void givenAnOwnerHost_whenAReadWouldBeForwarded_thenOnlyLoopbackGetsTheTokenUnlessConfigured(String host, boolean insecure,
                                                                                                  boolean forwarded) {
        assertThat(JobReader.mayForwardTo(host, insecure)).isEqualTo(forwarded);
    }
}
