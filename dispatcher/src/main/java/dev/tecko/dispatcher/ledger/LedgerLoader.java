package dev.tecko.dispatcher.ledger;

import java.util.Collection;

/** Loads the ledger's marks of the partitions a session was assigned; {@link LedgerReader} reads them from Kafka. */
@FunctionalInterface
public interface LedgerLoader extends AutoCloseable {
    /** Replaces what the ledger knows of these partitions with what the ledger topic holds for them. */
    void load(Collection<Integer> partitions, Ledger ledger);

    /** Releases the loader's clients; nothing by default. */
    @Override
    default void close() {
    }
}
