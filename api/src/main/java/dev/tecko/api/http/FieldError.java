package dev.tecko.api.http;

/** One request field at fault, by its request name ({@code batchIds[2]} for a list item). */
public record FieldError(String field, String message) {
}
