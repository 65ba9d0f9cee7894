package dev.tecko.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tecko.schemas.json.Json;
import io.javalin.json.JsonMapper;
import java.lang.reflect.Type;

/** Javalin's JSON through the project's one ObjectMapper, so responses are exactly the topic contracts. */
public final class JavalinJson implements JsonMapper {
    @Override
    public String toJsonString(Object obj, Type type) {
        try {
            return Json.mapper().writeValueAsString(obj);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type.getTypeName() + " as JSON", e);
        }
    }

    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        try {
            return Json.mapper().readValue(json, Json.mapper().constructType(targetType));
        } catch (JsonProcessingException e) {
            throw new ApiProblem(ProblemType.MALFORMED_BODY, "the body is not valid JSON");
        }
    }
}
