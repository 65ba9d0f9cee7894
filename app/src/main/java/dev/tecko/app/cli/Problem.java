package dev.tecko.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tecko.schemas.json.Json;
import java.util.ArrayList;
import java.util.List;

/** An RFC 9457 problem document as the API sends it (docs/api.md), or one made up from a response that is not one. */
record Problem(String type, String title, Integer status, String detail, List<FieldError> errors, List<String> jobs) {

    record FieldError(String field, String message) {
    }

    /** A body that is not a problem document still tells the user something: its status line and the start of the body. */
    static Problem parse(int status, String reason, String body) {
        try {
            Problem problem = Json.mapper().readValue(body, Problem.class);
            if (problem != null && problem.title() != null) {
                return problem;
            }
        } catch (JsonProcessingException | IllegalArgumentException notAProblem) {
            // falls through to the status line
        }
        String text = body == null ? "" : body.strip();
        return new Problem(null, "HTTP " + status + (reason == null || reason.isBlank() ? "" : " " + reason), status,
                text.isEmpty() ? null : abbreviate(text), null, null);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** {@code title: detail}, then one indented line per field at fault and the jobs that hold a secret in use. */
    List<String> lines() {
        return lines(java.util.function.Function.identity());
    }

    /** As {@link #lines()}, each field at fault named as {@code label} says (a command's flag for the API's field). */
    List<String> lines(java.util.function.Function<String, String> label) {
        List<String> lines = new ArrayList<>();
        lines.add(detail == null || detail.isBlank() ? title : title + ": " + detail);
        if (errors != null) {
            errors.forEach(error -> lines.add("  " + (error.field() == null ? "" : label.apply(error.field()) + ": ") + error.message()));
        }
        if (jobs != null && !jobs.isEmpty()) {
            lines.add("  used by jobs: " + String.join(", ", jobs));
        }
        return lines;
    }
}
