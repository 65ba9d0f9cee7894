package dev.tecko.schemas.compat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Compares a released schema with its successor and lists the changes that would break a reader or writer of the
 * released contract: a removed property or definition, a narrowed type, a lost enum value, a new or tightened
 * pattern / bound / length / item count, a new required field, closed additional properties, a changed {@code $ref},
 * or a new conditional constraint. Adding optional properties, enum values, definitions and descriptions is fine.
 * Walks {@code properties}, {@code $defs}, {@code items}, {@code additionalProperties} and the combinators recursively.
 */
public final class SchemaCompatibility {
    private static final List<String> LOWER_BOUNDS = List.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties");
    private static final List<String> UPPER_BOUNDS = List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties");

    private final List<String> breaks = new ArrayList<>();

    private SchemaCompatibility() {
    }

    /** The breaking changes from {@code released} to {@code candidate}, one message each, naming the JSON pointer. */
    public static List<String> breakingChanges(JsonNode released, JsonNode candidate) {
        var comparison = new SchemaCompatibility();
        comparison.compare("", released, candidate);
        return List.copyOf(comparison.breaks);
    }

    private void compare(String at, JsonNode old, JsonNode now) {
        if (old == null || old.isMissingNode()) {
            return;
        }
        if (now == null || now.isMissingNode()) {
            breaks.add(at + ": removed");
            return;
        }
        if (old.isBoolean() || now.isBoolean()) {
            if (acceptsAnything(old) && !acceptsAnything(now)) {
                breaks.add(at + ": was open, now restricted");
            }
            return;
        }
        compareRef(at, old, now);
        compareTypes(at, old, now);
        compareEnums(at, old, now);
        comparePattern(at, old, now);
        compareBounds(at, old, now);
        compareRequired(at, old, now);
        compareNamed(at + "/properties", old.path("properties"), now.path("properties"), "property");
        compareNamed(at + "/$defs", old.path("$defs"), now.path("$defs"), "definition");
        compareAdditional(at, old, now);
        compareFlag(at, old, now, "uniqueItems");
        for (String key : List.of("items", "if", "then", "else", "not", "contains", "propertyNames")) {
            compareSub(at + "/" + key, old.path(key), now.path(key));
        }
        compareAllOf(at, old, now);
        for (String key : List.of("anyOf", "oneOf")) {
            compareAlternatives(at + "/" + key, old.path(key), now.path(key));
        }
    }

    private static boolean acceptsAnything(JsonNode schema) {
        return schema.isBoolean() ? schema.asBoolean() : schema.isObject() && schema.isEmpty();
    }

    private void compareRef(String at, JsonNode old, JsonNode now) {
        String oldRef = old.path("$ref").asText(null);
        String nowRef = now.path("$ref").asText(null);
        if (nowRef != null && !nowRef.equals(oldRef)) {
            breaks.add(at + ": $ref changed from " + oldRef + " to " + nowRef);
        }
    }

    private void compareTypes(String at, JsonNode old, JsonNode now) {
        Set<String> oldTypes = strings(old.path("type"));
        Set<String> nowTypes = strings(now.path("type"));
        if (nowTypes.isEmpty()) {
            return;
        }
        if (oldTypes.isEmpty()) {
            breaks.add(at + ": type narrowed from any to " + nowTypes);
            return;
        }
        for (String type : oldTypes) {
            boolean covered = nowTypes.contains(type) || type.equals("integer") && nowTypes.contains("number");
            if (!covered) {
                breaks.add(at + ": type narrowed, " + type + " no longer allowed (now " + nowTypes + ")");
            }
        }
    }

    private void compareEnums(String at, JsonNode old, JsonNode now) {
        Set<JsonNode> oldValues = allowedValues(old);
        Set<JsonNode> nowValues = allowedValues(now);
        if (nowValues == null) {
            return;
        }
        if (oldValues == null) {
            breaks.add(at + ": enum/const added, values now limited to " + nowValues);
            return;
        }
        for (JsonNode value : oldValues) {
            if (!nowValues.contains(value)) {
                breaks.add(at + ": enum lost value " + value);
            }
        }
    }

    /** enum and const as one set of allowed values; null when unrestricted. */
    private static Set<JsonNode> allowedValues(JsonNode schema) {
        Set<JsonNode> values = null;
        if (schema.has("enum")) {
            values = new HashSet<>();
            schema.get("enum").forEach(values::add);
        }
        if (schema.has("const")) {
            Set<JsonNode> constant = Set.of(schema.get("const"));
            if (values == null) {
                values = new HashSet<>(constant);
            } else {
                values.retainAll(constant);
            }
        }
        return values;
    }

    private void comparePattern(String at, JsonNode old, JsonNode now) {
        String oldPattern = old.path("pattern").asText(null);
        String nowPattern = now.path("pattern").asText(null);
        if (nowPattern != null && !nowPattern.equals(oldPattern)) {
            breaks.add(at + ": pattern " + (oldPattern == null ? "added" : "changed from " + oldPattern) + " to " + nowPattern);
        }
    }

    private void compareBounds(String at, JsonNode old, JsonNode now) {
        for (String key : LOWER_BOUNDS) {
            if (now.has(key) && (!old.has(key) || now.get(key).decimalValue().compareTo(old.get(key).decimalValue()) > 0)) {
                breaks.add(at + ": " + key + " tightened from " + old.path(key).asText("none") + " to " + now.get(key).asText());
            }
        }
        for (String key : UPPER_BOUNDS) {
            if (now.has(key) && (!old.has(key) || now.get(key).decimalValue().compareTo(old.get(key).decimalValue()) < 0)) {
                breaks.add(at + ": " + key + " tightened from " + old.path(key).asText("none") + " to " + now.get(key).asText());
            }
        }
    }

    private void compareRequired(String at, JsonNode old, JsonNode now) {
        Set<String> oldRequired = strings(old.path("required"));
        for (String field : strings(now.path("required"))) {
            if (!oldRequired.contains(field)) {
                breaks.add(at + ": new required field " + field);
            }
        }
    }

    private void compareNamed(String at, JsonNode old, JsonNode now, String what) {
        for (Iterator<String> names = old.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!now.has(name)) {
                breaks.add(at + "/" + name + ": " + what + " removed");
            } else {
                compare(at + "/" + name, old.get(name), now.get(name));
            }
        }
    }

    private void compareAdditional(String at, JsonNode old, JsonNode now) {
        JsonNode oldAdditional = old.path("additionalProperties");
        JsonNode nowAdditional = now.path("additionalProperties");
        if (nowAdditional.isMissingNode()) {
            return;
        }
        if (oldAdditional.isMissingNode() || acceptsAnything(oldAdditional)) {
            if (!acceptsAnything(nowAdditional)) {
                breaks.add(at + ": additionalProperties closed or restricted");
            }
        } else {
            compare(at + "/additionalProperties", oldAdditional, nowAdditional);
        }
    }

    private void compareFlag(String at, JsonNode old, JsonNode now, String key) {
        if (now.path(key).asBoolean(false) && !old.path(key).asBoolean(false)) {
            breaks.add(at + ": " + key + " added");
        }
    }

    private void compareSub(String at, JsonNode old, JsonNode now) {
        if (old.isMissingNode()) {
            if (!now.isMissingNode() && !acceptsAnything(now)) {
                breaks.add(at + ": new constraint");
            }
            return;
        }
        compare(at, old, now);
    }

    private void compareAllOf(String at, JsonNode old, JsonNode now) {
        JsonNode oldAll = old.path("allOf");
        JsonNode nowAll = now.path("allOf");
        for (int i = 0; i < nowAll.size(); i++) {
            if (oldAll.path(i).isMissingNode() && restatesReleased(old, nowAll.get(i))) {
                continue;
            }
            compareSub(at + "/allOf/" + i, oldAll.path(i), nowAll.get(i));
        }
        // allOf entries dropped at the end only widen: nothing to report
    }

    /**
     * Whether a new {@code allOf} entry only holds released documents to what they already met: an {@code if}/{@code then}
     * whose {@code then} restates bounds the released schema set unconditionally on the same properties (at least as
     * strict there) and forbids only properties the released schema did not define. Such an entry narrows only documents
     * with the new properties (e.g. a job's batch ids may be empty only with the new {@code batchTag}); anything else in
     * it is a new constraint.
     */
    static boolean restatesReleased(JsonNode released, JsonNode entry) {
        if (!entry.isObject() || !entry.has("if") || !entry.has("then") || !onlyKeys(entry, Set.of("if", "then", "description"))) {
            return false;
        }
        JsonNode then = entry.get("then");
        if (!onlyKeys(then, Set.of("properties", "not", "description"))) {
            return false;
        }
        Iterator<String> names = then.path("properties").fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode bounds = then.path("properties").get(name);
            JsonNode was = released.path("properties").path(name);
            Iterator<String> keys = bounds.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                boolean lower = LOWER_BOUNDS.contains(key);
                if (!lower && !UPPER_BOUNDS.contains(key) || !was.path(key).isNumber()) {
                    return false;
                }
                double before = was.get(key).asDouble();
                double now = bounds.get(key).asDouble();
                if (lower ? before < now : before > now) {
                    return false;
                }
            }
        }
        if (then.has("not")) {
            JsonNode forbidden = then.get("not");
            List<JsonNode> alternatives = new ArrayList<>();
            if (forbidden.has("anyOf") && onlyKeys(forbidden, Set.of("anyOf"))) {
                forbidden.get("anyOf").forEach(alternatives::add);
            } else {
                alternatives.add(forbidden);
            }
            for (JsonNode alternative : alternatives) {
                if (!onlyKeys(alternative, Set.of("required"))) {
                    return false;
                }
                for (JsonNode field : alternative.get("required")) {
                    if (released.path("properties").has(field.asText())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean onlyKeys(JsonNode node, Set<String> allowed) {
        if (!node.isObject()) {
            return false;
        }
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            if (!allowed.contains(keys.next())) {
                return false;
            }
        }
        return true;
    }

    private void compareAlternatives(String at, JsonNode old, JsonNode now) {
        if (old.isMissingNode()) {
            if (!now.isMissingNode()) {
                breaks.add(at + ": new constraint");
            }
            return;
        }
        if (now.isMissingNode()) {
            return;
        }
        if (now.size() < old.size()) {
            breaks.add(at + ": alternatives removed (" + old.size() + " → " + now.size() + ")");
        }
        for (int i = 0; i < Math.min(old.size(), now.size()); i++) {
            compare(at + "/" + i, old.get(i), now.get(i));
        }
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> values = new HashSet<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
