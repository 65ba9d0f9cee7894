package dev.tecko.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tecko.schemas.Check;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one JSON request object, checking each on its own and collecting every problem instead of
 * stopping at the first, so one 400 answer lists all of them. Getters return null for absent or invalid fields.
 * Snake_case aliases are folded into their camelCase names first; properties nobody reads are reported as unknown.
 */
public final class FieldReader {
    private final Map<String, JsonNode> fields = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();
    private final List<FieldError> errors = new ArrayList<>();

    /** @param aliases alias → canonical name */
    public FieldReader(ObjectNode body, Map<String, String> aliases) {
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            var entry = it.next();
            String name = aliases.getOrDefault(entry.getKey(), entry.getKey());
            if (fields.containsKey(name)) {
                error(name, "given twice (as " + name + " and as its alias " + entry.getKey() + ")");
            } else if (!entry.getValue().isNull()) {
                fields.put(name, entry.getValue());
            }
        }
    }

    public FieldReader(ObjectNode body) {
        this(body, Map.of());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private JsonNode node(String name, boolean required) {
        read.add(name);
        JsonNode node = fields.get(name);
        if (node == null && required) {
            error(name, "is required");
        }
        return node;
    }

    public String text(String name, boolean required, int max) {
        JsonNode node = node(name, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            error(name, "must be a string");
            return null;
        }
        String value = node.textValue();
        if (value.isBlank()) {
            error(name, "must not be blank");
            return null;
        }
        if (value.length() > max) {
            error(name, "must be at most " + max + " characters");
            return null;
        }
        return value;
    }

    static final String ID_RULE = "must be 1-255 characters of letters, digits, '_', '.', ':' or '-', and not '.' or '..'";

    /** An id: a job, batch or secret name ({@code [A-Za-z0-9_.:-]{1,255}}, not {@code .} or {@code ..}). */
    public String id(String name, boolean required) {
        String value = text(name, required, Check.MAX_NAME);
        if (value != null && !Check.isId(value)) {
            error(name, ID_RULE);
            return null;
        }
        return value;
    }

    public Integer integer(String name, int min, int max) {
        JsonNode node = node(name, false);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            error(name, "must be a whole number");
            return null;
        }
        int value = node.intValue();
        if (value < min || value > max) {
            error(name, "must be between " + min + " and " + max);
            return null;
        }
        return value;
    }

    public Boolean bool(String name) {
        JsonNode node = node(name, false);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            error(name, "must be true or false");
            return null;
        }
        return node.booleanValue();
    }

    public Instant instant(String name) {
        String value = text(name, false, 64);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            error(name, "must be an ISO-8601 UTC instant such as 2026-11-21T10:15:30Z");
            return null;
        }
    }

    /** A list of distinct ids, {@code min..max} long; each bad item is reported as {@code name[i]}. */
    public List<String> ids(String name, boolean required, int min, int max) {
        JsonNode node = node(name, required);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            error(name, "must be a list of strings");
            return null;
        }
        if (node.size() < min || node.size() > max) {
            error(name, min == max ? "must hold " + min + " entries" : "must hold " + min + " to " + max + " entries, got " + node.size());
            return null;
        }
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String field = name + "[" + i + "]";
            if (!item.isTextual() || !Check.isId(item.textValue())) {
                error(field, ID_RULE);
                ok = false;
            } else if (!seen.add(item.textValue())) {
                error(field, "repeats '" + item.textValue() + "'");
                ok = false;
            } else {
                values.add(item.textValue());
            }
        }
        return ok ? values : null;
    }

    /** The raw node of a field with its own structure (e.g. the trigger policy); marks it read. */
    public JsonNode raw(String name) {
        return node(name, false);
    }

    /** Reports every property no getter asked for: typos are caught instead of silently ignored. */
    public void rejectUnread() {
        for (String name : fields.keySet()) {
            if (!read.contains(name)) {
                error(name, "is not a known field");
            }
        }
    }
}
