package dev.tecko.poller.tag;

import java.time.Duration;

/**
 * How tag searches run.
 *
 * @param listLag      subtracted from a search's start to give its {@code listedUpTo}: a provider's list may show a batch
 *                     created moments ago late (and hosts' clocks differ), so a search only vouches for what is older
 * @param maxPages     list pages one search reads at most; a window needing more ends the search incomplete
 * @param sealingEvery how often a sealing job is searched, so its seal lands soon after the margin has passed
 */
public record TagSettings(Duration listLag, int maxPages, Duration sealingEvery) {
    public static final TagSettings DEFAULTS = new TagSettings(Duration.ofSeconds(10), 100, Duration.ofSeconds(1));

    public TagSettings {
        if (listLag.isNegative() || maxPages < 1 || sealingEvery.isNegative() || sealingEvery.isZero()) {
            throw new IllegalArgumentException("need listLag >= 0, maxPages >= 1 and sealingEvery > 0");
        }
    }
}
