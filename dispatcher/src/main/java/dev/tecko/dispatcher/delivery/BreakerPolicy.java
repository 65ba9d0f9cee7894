package dev.tecko.dispatcher.delivery;

import java.time.Duration;

/**
 * When a target host's circuit opens: {@code failureRatePercent} of the last {@code window} calls failed in a retryable
 * way; it stays open {@code openFor}, then lets one probe through.
 */
public record BreakerPolicy(int window, int failureRatePercent, Duration openFor) {
}
