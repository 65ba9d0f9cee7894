/**
 * What every runtime shares for operations: {@link dev.tecko.observability.RuntimeOperations} bundles the Prometheus
 * registry ({@code metrics}), the heartbeat and readiness checks ({@code health}), the metrics-and-health HTTP endpoint
 * ({@code http}) and the MDC keys ({@code logging}).
 */
package dev.tecko.observability;
