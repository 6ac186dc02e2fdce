package org.carebridge.mappings.common;

/** Minimal JSON string writing for reports and log lines (no binding library needed in mappings). */
public final class Json {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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

    /**
     * Appends the string's characters escaped for the inside of a JSON string literal, exactly as Jackson's default
     * writer (and so HAPI's JSON encoder) escapes them: the two-character escapes where JSON has one, other control
     * characters as a six-character escape with upper-case hex digits, everything else as it is.
     */
    public static void escape(StringBuilder b, String s) {
        int clean = 0;
        while (clean < s.length() && plain(s.charAt(clean))) {
            clean++;
        }
        b.append(s, 0, clean); // most strings need no escape at all: copied in one go
        for (int i = clean; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }

    private static boolean plain(char c) {
        return c >= 0x20 && c != '"' && c != '\\';
    }
}
