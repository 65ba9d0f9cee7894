package dev.tecko.embedded.keboola;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One {@code POST /jobs} the sandbox accepted, as parsed from its body. The token is never kept.
 *
 * @param variables {@code variableValuesData.values} in the order they were sent, name to value
 */
public record ReceivedJobRequest(
        String jobId,
        String mode,
        String component,
        String config,
        List<String> configRowIds,
        String branchId,
        String tag,
        Map<String, String> variables,
        String body,
        Instant receivedAt) {
}
