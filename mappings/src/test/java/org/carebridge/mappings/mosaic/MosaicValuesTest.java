package org.carebridge.mappings.mosaic;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-read dates and times give what the JDK's ISO parsers give: the same value, or a DateTimeParseException. */
class MosaicValuesTest {

    @Test
    void datesAsTheIsoParser() {
        List<String> cases = new ArrayList<>(List.of("2026-11-30", " 2026-02-28 ", "2024-02-29", "2025-02-29",
                "2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "2026-04-31", "0000-01-01", "9999-12-31",
                "2026-1-01", "2026/01/01", "20260101", "2026-01-011", "+12026-01-01", "2026-0a-01", "２０２６-01-01",
                "2026-01-01T00:00", "-2026-01-01"));
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            cases.add(String.format("%04d-%02d-%02d", r.nextInt(10_000), r.nextInt(15), r.nextInt(34)));
        }
        for (String s : cases) same(s, MosaicValues::date, LocalDate::parse);
    }

    @Test
    void timesAsTheIsoParser() {
        List<String> cases = new ArrayList<>(List.of("07:30", " 21:00 ", "00:00", "23:59", "24:00", "12:60",
                "7:30", "07:3", "07-30", "07:30:15", "07:30:15.5", "0730", "+7:30", "07:3a", "０7:30"));
        for (int h = 0; h < 30; h++) {
            for (int m = 0; m < 70; m++) cases.add(String.format("%02d:%02d", h, m));
        }
        for (String s : cases) same(s, MosaicValues::time, LocalTime::parse);
    }

    private static <T> void same(String s, Function<String, T> ours, Function<String, T> jdk) {
        Object expected;
        try {
            expected = jdk.apply(s.trim());
        } catch (DateTimeParseException e) {
            expected = DateTimeParseException.class;
        }
        Object actual;
        try {
            actual = ours.apply(s);
        } catch (DateTimeParseException e) {
            actual = DateTimeParseException.class;
        }
        assertEquals(expected, actual, "'" + s + "'");
    }
}
