package org.carebridge.mappings.discharge.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A minimal HL7 v2 ER7 ("pipe") reader: segments, fields, repetitions, components and sub-components, with the
 * separators taken from MSH-1/MSH-2 and the standard escapes decoded. Enough for the ADT fields the gateway
 * reads; HAPI v2's generated structures are not needed for that (see docs/discharge.md).
 *
 * <p>Field numbers follow the standard: for MSH, field(1) is the field separator itself and field(2) the
 * encoding characters, so MSH-9 is field(9) as in every specification.
 */
public final class Hl7Message {
    /** Larger messages are refused before parsing: ADT messages are a few kilobytes. */
    public static final int MAX_LENGTH = 1_000_000;

    private final List<String> segments;
    private final char field;
    private final char component;
    private final char repetition;
    private final char escape;
    private final char subcomponent;

    private Hl7Message(List<String> segments, char field, char component, char repetition, char escape, char sub) {
        this.segments = segments;
        this.field = field;
        this.component = component;
        this.repetition = repetition;
        this.escape = escape;
        this.subcomponent = sub;
    }

    /** @throws Hl7ParseException when there is no MSH segment with its separators */
    public static Hl7Message parse(String text) {
        if (text == null || text.isBlank()) {
            throw new Hl7ParseException("empty message");
        }
        if (text.length() > MAX_LENGTH) {
            throw new Hl7ParseException("message longer than " + MAX_LENGTH + " characters");
        }
        String body = text.strip();
        if (!body.startsWith("MSH") || body.length() < 8) {
            throw new Hl7ParseException("message does not start with an MSH segment");
        }
        char f = body.charAt(3);
        String enc = body.substring(4, body.indexOf(f, 4) < 0 ? 4 : body.indexOf(f, 4));
        if (enc.length() < 3) {
            throw new Hl7ParseException("MSH-2 encoding characters are incomplete");
        }
        if (enc.length() == 3) {
            enc = enc + "&"; // some senders omit the sub-component separator: the standard one applies
        }
        List<String> segs = new ArrayList<>();
        // Segments end with CR; LF and CRLF are tolerated because files and some engines use them.
        for (String s : body.split("\r\n|\r|\n")) {
            if (!s.isBlank()) {
                segs.add(s);
            }
        }
        return new Hl7Message(segs, f, enc.charAt(0), enc.charAt(1), enc.charAt(2), enc.charAt(3));
    }

    public Optional<Segment> segment(String name) {
        return segments.stream().filter(s -> s.startsWith(name + field) || s.equals(name)).findFirst().map(Segment::new);
    }

    public String encodingCharacters() {
        return "" + component + repetition + escape + subcomponent;
    }

    public char fieldSeparator() {
        return field;
    }

    /** One segment; accessors return "" for absent parts so callers test with isEmpty(). */
    public final class Segment {
        private final String[] fields;
        private final boolean msh;

        private Segment(String text) {
            this.fields = text.split(java.util.regex.Pattern.quote(String.valueOf(field)), -1);
            this.msh = text.startsWith("MSH");
        }

        /** The raw field (all repetitions), not unescaped. */
        public String raw(int n) {
            if (msh) {
                if (n == 1) {
                    return String.valueOf(field);
                }
                n = n - 1; // fields[1] holds MSH-2
            }
            return n < fields.length ? fields[n] : "";
        }

        public List<String> repetitions(int n) {
            String raw = raw(n);
            return raw.isEmpty() ? List.of() : List.of(raw.split(java.util.regex.Pattern.quote(String.valueOf(repetition)), -1));
        }

        /** Component c (1-based) of the first repetition, unescaped. */
        public String get(int n, int c) {
            List<String> reps = repetitions(n);
            return reps.isEmpty() ? "" : component(reps.get(0), c);
        }

        public String get(int n) {
            return get(n, 1);
        }

        /** Component c (1-based) of a repetition or composite value, unescaped, sub-components kept. */
        public String component(String value, int c) {
            String[] parts = value.split(java.util.regex.Pattern.quote(String.valueOf(component)), -1);
            return c <= parts.length ? unescape(parts[c - 1]) : "";
        }

        /** Sub-component s of component c of a value. */
        public String subcomponent(String value, int c, int s) {
            String[] parts = value.split(java.util.regex.Pattern.quote(String.valueOf(component)), -1);
            if (c > parts.length) {
                return "";
            }
            String[] subs = parts[c - 1].split(java.util.regex.Pattern.quote(String.valueOf(subcomponent)), -1);
            return s <= subs.length ? unescape(subs[s - 1]) : "";
        }
    }

    /** \F\ \S\ \T\ \R\ \E\ back to the separators; other escapes (formatting, hex) are kept as written. */
    String unescape(String s) {
        if (s.indexOf(escape) < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            int end = ch == escape ? s.indexOf(escape, i + 1) : -1;
            if (end == i + 2) {
                char code = s.charAt(i + 1);
                Character rep = switch (code) {
                    case 'F' -> field;
                    case 'S' -> component;
                    case 'T' -> subcomponent;
                    case 'R' -> repetition;
                    case 'E' -> escape;
                    default -> null;
                };
                if (rep != null) {
                    out.append(rep);
                    i = end;
                    continue;
                }
            }
            out.append(ch);
        }
        return out.toString();
    }
}
