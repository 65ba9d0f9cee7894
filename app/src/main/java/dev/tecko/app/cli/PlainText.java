package dev.tecko.app.cli;

/**
 * Text from the server (job names, batch ids, provider error messages: anyone's input) made safe for a terminal:
 * control characters and bidirectional overrides are shown escaped, so a name cannot move the cursor, recolour the
 * screen, overwrite the line before it with a carriage return or reverse what follows. {@code --json} output is JSON's
 * own escaping and needs none of this.
 */
final class PlainText {
    private PlainText() {
    }

    static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escape(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                out.append(escaped != null ? escaped : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    private static String escape(char c) {
        if (c == '\t') {
            return " ";
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
            return String.format("\\x%02x", (int) c);
        }
        if ((c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f') {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
