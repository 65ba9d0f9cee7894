package dev.tecko.poller.check;

/**
 * When the list endpoint is used instead of one GET per batch.
 *
 * @param useList page {@code GET /batches} at all
 * @param listThreshold how many batches of one key must be due together before paging pays off
 * @param maxPages pages read per sweep at most; batches not seen by then get their own GET
 */
public record CheckSettings(boolean useList, int listThreshold, int maxPages) {
}
