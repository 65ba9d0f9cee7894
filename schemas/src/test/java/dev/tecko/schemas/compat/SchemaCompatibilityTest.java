package dev.tecko.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tecko.schemas.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SchemaCompatibility")
class SchemaCompatibilityTest {
    private static final String RELEASED = """
            {
              "type": "object",
              "required": ["id"],
              "properties": {
                "id": { "type": "string", "pattern": "^[a-z]+$" },
                "status": { "type": "string", "enum": ["open", "done"] },
                "count": { "type": "integer", "minimum": 0, "maximum": 100 },
                "name": { "type": "string", "maxLength": 255 },
                "tags": { "type": "array", "items": { "type": "string" } },
                "ref": { "$ref": "#/$defs/inner" }
              },
              "$defs": {
                "inner": {
                  "type": "object",
                  "properties": { "level": { "type": "string", "enum": ["low", "high"] } }
                }
              }
            }
            """;

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode released() {
        return json(RELEASED);
    }

    private static JsonNode candidate(String find, String replace) {
        assertThat(RELEASED).contains(find);
        return json(RELEASED.replace(find, replace));
    }

    @Nested
    @DisplayName("accepts")
    class Accepts {
        @Test
        @DisplayName("given an identical schema when compared then nothing breaks")
        void givenIdentical_whenCompared_thenNoBreaks() {
            assertThat(SchemaCompatibility.breakingChanges(released(), released())).isEmpty();
        }

        @Test
        @DisplayName("given an added optional property when compared then nothing breaks")
        void givenAddedOptionalProperty_whenCompared_thenNoBreaks() {
            assertThat(SchemaCompatibility.breakingChanges(released(),
                    candidate("\"tags\":", "\"note\": { \"type\": \"string\" }, \"tags\":"))).isEmpty();
        }

        @Test
        @DisplayName("given an added enum value when compared then nothing breaks")
        void givenAddedEnumValue_whenCompared_thenNoBreaks() {
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("[\"open\", \"done\"]", "[\"open\", \"done\", \"archived\"]"))).isEmpty();
        }

        @Test
        @DisplayName("given widened bounds, a widened type and a new description when compared then nothing breaks")
        void givenWidenings_whenCompared_thenNoBreaks() {
            JsonNode widened = json(RELEASED
                    .replace("\"minimum\": 0, \"maximum\": 100", "\"minimum\": -1, \"maximum\": 1000")
                    .replace("\"type\": \"integer\"", "\"type\": \"number\", \"description\": \"how many\"")
                    .replace("\"maxLength\": 255", "\"maxLength\": 4096"));
            assertThat(SchemaCompatibility.breakingChanges(released(), widened)).isEmpty();
        }

        @Test
        @DisplayName("given an added definition and a dropped required field when compared then nothing breaks")
        void givenAddedDefinitionAndRelaxedRequired_whenCompared_thenNoBreaks() {
            JsonNode relaxed = json(RELEASED.replace("\"required\": [\"id\"],", "")
                    .replace("\"$defs\": {", "\"$defs\": { \"extra\": { \"type\": \"string\" },"));
            assertThat(SchemaCompatibility.breakingChanges(released(), relaxed)).isEmpty();
        }

        @Test
        @DisplayName("given a bound relaxed only for documents with a new property when compared then nothing breaks")
        void givenBoundRelaxedForNewProperty_whenCompared_thenNoBreaks() {
            // count may now be -1, but only with the new "kind"; without it, released documents meet what they always did
            JsonNode relaxed = json(RELEASED.replace("\"minimum\": 0, \"maximum\": 100", "\"minimum\": -1, \"maximum\": 100")
                    .replace("\"$defs\"", "\"allOf\": [ { \"if\": { \"not\": { \"required\": [\"kind\"] } }, \"then\": {"
                            + " \"properties\": { \"count\": { \"minimum\": 0 } },"
                            + " \"not\": { \"anyOf\": [ { \"required\": [\"since\"] } ] } } } ], \"$defs\""));
            assertThat(SchemaCompatibility.breakingChanges(released(), relaxed)).isEmpty();
        }
    }

    @Nested
    @DisplayName("detects")
    class Detects {
        @Test
        @DisplayName("given a removed property when compared then it is a break naming the property")
        void givenRemovedProperty_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(),
                    candidate("\"name\": { \"type\": \"string\", \"maxLength\": 255 },", "")))
                    .singleElement().asString().contains("/properties/name").contains("removed");
        }

        @Test
        @DisplayName("given a type set that shrank when compared then it is a break")
        void givenNarrowedType_whenCompared_thenBreak() {
            JsonNode old = json(RELEASED.replace("\"type\": \"integer\"", "\"type\": [\"integer\", \"string\"]"));
            assertThat(SchemaCompatibility.breakingChanges(old, released()))
                    .singleElement().asString().contains("/properties/count").contains("type narrowed");
        }

        @Test
        @DisplayName("given number narrowed to integer when compared then it is a break")
        void givenNumberToInteger_whenCompared_thenBreak() {
            JsonNode old = json(RELEASED.replace("\"type\": \"integer\"", "\"type\": \"number\""));
            assertThat(SchemaCompatibility.breakingChanges(old, released())).singleElement().asString().contains("type narrowed");
        }

        @Test
        @DisplayName("given an enum that lost a value when compared then it is a break naming the value")
        void givenEnumLostValue_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("[\"open\", \"done\"]", "[\"open\"]")))
                    .singleElement().asString().contains("/properties/status").contains("\"done\"");
        }

        @Test
        @DisplayName("given an enum value lost inside $defs when compared then it is a break")
        void givenEnumLostInDefs_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("[\"low\", \"high\"]", "[\"high\"]")))
                    .singleElement().asString().contains("/$defs/inner/properties/level");
        }

        @Test
        @DisplayName("given a removed definition when compared then it is a break")
        void givenRemovedDefinition_whenCompared_thenBreak() {
            JsonNode old = json(RELEASED.replace("\"$defs\": {", "\"$defs\": { \"extra\": { \"type\": \"string\" },"));
            assertThat(SchemaCompatibility.breakingChanges(old, released())).singleElement().asString().contains("/$defs/extra");
        }

        @Test
        @DisplayName("given a new pattern on a free string when compared then it is a break")
        void givenNewPattern_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(),
                    candidate("\"maxLength\": 255", "\"maxLength\": 255, \"pattern\": \"\\\\S\"")))
                    .singleElement().asString().contains("pattern added");
        }

        @Test
        @DisplayName("given a changed pattern when compared then it is a break")
        void givenChangedPattern_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("^[a-z]+$", "^[a-z]{1,8}$")))
                    .singleElement().asString().contains("pattern changed");
        }

        @Test
        @DisplayName("given a lowered maximum when compared then it is a break")
        void givenTightenedMaximum_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("\"maximum\": 100", "\"maximum\": 50")))
                    .singleElement().asString().contains("maximum tightened");
        }

        @Test
        @DisplayName("given a raised minimum when compared then it is a break")
        void givenTightenedMinimum_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("\"minimum\": 0", "\"minimum\": 1")))
                    .singleElement().asString().contains("minimum tightened");
        }

        @Test
        @DisplayName("given a new minimum where there was none when compared then it is a break")
        void givenNewMinimum_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("\"maxLength\": 255", "\"maxLength\": 255, \"minLength\": 3")))
                    .singleElement().asString().contains("minLength tightened");
        }

        @Test
        @DisplayName("given a new required field when compared then it is a break naming the field")
        void givenNewRequired_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("[\"id\"]", "[\"id\", \"status\"]")))
                    .singleElement().asString().contains("new required field status");
        }

        @Test
        @DisplayName("given a change inside array items when compared then it is a break")
        void givenNarrowedItems_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(),
                    candidate("\"items\": { \"type\": \"string\" }", "\"items\": { \"type\": \"string\", \"maxLength\": 10 }")))
                    .singleElement().asString().contains("/properties/tags/items");
        }

        @Test
        @DisplayName("given closed additional properties when compared then it is a break")
        void givenClosedAdditionalProperties_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("\"type\": \"object\",\n  \"required\"",
                    "\"type\": \"object\", \"additionalProperties\": false,\n  \"required\"")))
                    .singleElement().asString().contains("additionalProperties");
        }

        @Test
        @DisplayName("given a changed $ref or a new conditional when compared then it is a break")
        void givenChangedRefOrNewConditional_whenCompared_thenBreak() {
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("#/$defs/inner", "#/$defs/other")))
                    .singleElement().asString().contains("$ref changed");
            assertThat(SchemaCompatibility.breakingChanges(released(),
                    candidate("\"$defs\"", "\"allOf\": [ { \"required\": [\"name\"] } ], \"$defs\"")))
                    .singleElement().asString().contains("/allOf/0");
        }

        @Test
        @DisplayName("given a new conditional that tightens a released bound or forbids a released property then it is a break")
        void givenConditionalTighteningReleased_whenCompared_thenBreak() {
            String conditional = "\"allOf\": [ { \"if\": { \"not\": { \"required\": [\"kind\"] } }, \"then\": %s } ], \"$defs\"";
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("\"$defs\"",
                    conditional.formatted("{ \"properties\": { \"count\": { \"minimum\": 1 } } }"))))
                    .singleElement().asString().contains("/allOf/0");
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("\"$defs\"",
                    conditional.formatted("{ \"not\": { \"required\": [\"name\"] } }"))))
                    .singleElement().asString().contains("/allOf/0");
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate("\"$defs\"",
                    conditional.formatted("{ \"required\": [\"name\"] }"))))
                    .singleElement().asString().contains("/allOf/0");
        }

        @Test
        @DisplayName("given a const replacing a free value and a uniqueItems added when compared then both are breaks")
        void givenConstAndUniqueItems_whenCompared_thenBreaks() {
            JsonNode candidate = json(RELEASED.replace("\"maxLength\": 255", "\"maxLength\": 255, \"const\": \"x\"")
                    .replace("\"items\": { \"type\": \"string\" }", "\"items\": { \"type\": \"string\" }, \"uniqueItems\": true"));
            assertThat(SchemaCompatibility.breakingChanges(released(), candidate)).hasSize(2)
                    .anyMatch(b -> b.contains("enum/const added")).anyMatch(b -> b.contains("uniqueItems"));
        }
    }
}
