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

    public static LocalDate date(String s) {
        return blank(s) ? null : LocalDate.parse(s.trim());
    }

    public static LocalTime time(String s) {
        return blank(s) ? null : LocalTime.parse(s.trim());
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
