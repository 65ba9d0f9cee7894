package dev.tecko.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one real embedded broker per JVM, shared by every test class that uses
 * {@code @ExtendWith(KafkaBrokerExtension.class)}, and injected as an {@link EmbeddedKafka} parameter.
 * Tests isolate themselves by topic prefix and group/application ids, so one broker serves them all; it stops when
 * the JVM's root test context closes.
 */
public final class KafkaBrokerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("broker", key -> new SharedBroker(EmbeddedKafka.temporary().start()), SharedBroker.class)
                .broker();
    }

    /** Closed by JUnit with the root context, i.e. once, after the last test of the JVM. */
    @SuppressWarnings("deprecation") // CloseableResource for JUnit before 5.13, AutoCloseable after
    private record SharedBroker(EmbeddedKafka broker) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            broker.close();
        }
    }
}
