package org.carebridge.mappings.mosaic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parsing of the extract's text values, shared by the validator (may fail) and the mapper (after validation). */
public final class MosaicValues {
    private MosaicValues() {}

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public static String trim(String s) {
        return blank(s) ? null : s.trim();
    }

    /*
     * Dates and times are read twice per record (validation, mapping) and twice per file (a full extract's two
     * passes): DateTimeFormatter was 4 % of the gateway's CPU in a full extract. The shapes every extract uses
     * (yyyy-mm-dd, hh:mm) are read by hand with the same answer and the same exception; anything else goes to the
     * JDK parser (MosaicValuesTest compares the two).
     */
    public static LocalDate date(String s) {
        if (blank(s)) return null;
        String t = s.trim();
        if (t.length() == 10 && t.charAt(4) == '-' && t.charAt(7) == '-' && digits(t, 0, 4) && digits(t, 5, 7)
                && digits(t, 8, 10)) {
            try {
                return LocalDate.of(number(t, 0, 4), number(t, 5, 7), number(t, 8, 10));
            } catch (java.time.DateTimeException e) {
                throw new DateTimeParseException("Text '" + t + "' could not be parsed: " + e.getMessage(), t, 0, e);
            }
        }
        return LocalDate.parse(t);
    }

    public static LocalTime time(String s) {
        if (blank(s)) return null;
        String t = s.trim();
        if (t.length() == 5 && t.charAt(2) == ':' && digits(t, 0, 2) && digits(t, 3, 5)) {
            try {
                return LocalTime.of(number(t, 0, 2), number(t, 3, 5));
            } catch (java.time.DateTimeException e) {
                throw new DateTimeParseException("Text '" + t + "' could not be parsed: " + e.getMessage(), t, 0, e);
            }
        }
        return LocalTime.parse(t);
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static int number(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) n = n * 10 + (s.charAt(i) - '0');
        return n;
    }

    public static OffsetDateTime dateTime(String s) {
        return blank(s) ? null : OffsetDateTime.parse(s.trim());
    }

    public static BigDecimal decimal(String s) {
        return blank(s) ? null : new BigDecimal(s.trim());
    }

    /** xs:boolean: true, false, 1, 0. Null when absent. */
    public static Boolean bool(String s) {
        if (blank(s)) {
            return null;
        }
        return switch (s.trim()) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    public static boolean isTrue(String s) {
        return Boolean.TRUE.equals(bool(s));
    }

    static boolean isDate(String s) {
        try {
            date(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isTime(String s) {
        try {
            time(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isDateTime(String s) {
        try {
            dateTime(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isDecimal(String s) {
        try {
            decimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean isBoolean(String s) {
        try {
            bool(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
