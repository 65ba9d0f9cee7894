package dev.tecko.embedded.openai;

/** Just enough JSON writing for the sandbox, so embedded/ needs no JSON library. */
public final class JsonWriter {
    private final StringBuilder sb = new StringBuilder("{");

    public JsonWriter field(String name, String value) {
        return raw(name, value == null ? "null" : quote(value));
    }

    public JsonWriter number(String name, Long value) {
        return raw(name, value == null ? "null" : Long.toString(value));
    }

    public JsonWriter raw(String name, String json) {
        if (sb.length() > 1) {
            sb.append(',');
        }
        sb.append(quote(name)).append(':').append(json);
        return this;
    }

    public String close() {
        return sb.append('}').toString();
    }

    public static String quote(String s) {
        var out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
