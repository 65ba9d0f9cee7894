package dev.tecko.dispatcher.keboola;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.schemas.TriggerTarget;
import dev.tecko.schemas.json.Json;
import java.util.Map;

/** The body of {@code POST /jobs}, exactly as TeckoChecker sent it, so existing Keboola configurations keep working. */
public final class JobRequestBody {
    private JobRequestBody() {
    }

    public static ObjectNode of(TriggerTarget target, Map<String, String> variables) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("mode", "run");
        body.put("component", target.componentId());
        body.put("config", target.configId());
        if (!target.configRowIds().isEmpty()) {
            ArrayNode rows = body.putArray("configRowIds");
            target.configRowIds().forEach(rows::add);
        }
        if (target.branchId() != null) {
            body.put("branchId", target.branchId());
        }
        if (target.tag() != null) {
            // the component image tag to run, never a label
            body.put("tag", target.tag());
        }
        ArrayNode values = body.putObject("variableValuesData").putArray("values");
        variables.forEach((name, value) -> values.addObject().put("name", name).put("value", value));
        return body;
    }
}
