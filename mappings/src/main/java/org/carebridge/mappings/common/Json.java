package org.carebridge.mappings.common;

/** Minimal JSON string writing for reports and log lines (no binding library needed in mappings). */
public final class Json {
    private Json() {}

    /** The string as a JSON string literal, quotes included; {@code null} for null. */
    public static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        escape(b, s);
        return b.append('"').toString();
    }

    /** Appends the string's characters escaped for the inside of a JSON string literal. */
    public static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }
}
