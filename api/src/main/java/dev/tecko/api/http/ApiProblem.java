package dev.tecko.api.http;

import java.util.List;
import java.util.Map;

/**
 * A failed request, thrown by a handler and written by {@link ProblemResponses} as an RFC 9457 problem document.
 * Messages must never hold a secret value: they are returned to the client.
 *
 * @param extra more members of the problem document (e.g. {@code jobs} of a secret in use)
 */
public final class ApiProblem extends RuntimeException {
    private final ProblemType type;
    private final List<FieldError> errors;
    private final Map<String, Object> extra;

    public ApiProblem(ProblemType type, String detail, List<FieldError> errors, Map<String, Object> extra) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.extra = Map.copyOf(extra);
    }

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    /** A 400 listing every field at fault. */
    public static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(ProblemType.VALIDATION, errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid",
                errors, Map.of());
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(ProblemType.NOT_FOUND, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(ProblemType.CONFLICT, detail);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
