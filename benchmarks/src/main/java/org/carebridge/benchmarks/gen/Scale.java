package org.carebridge.benchmarks.gen;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * How big the synthetic world is. Kent (shared/domain.md §7): about 12,000 people with home care, 2-4 visits a
 * day, one week, ~233 domiciliary care providers; national is 100 times that.
 *
 * @param weekStart the Monday the generated week starts: with the seed, what the bytes are a function of
 *                  ({@code --week-start}; the named scales start on {@link #DEFAULT_WEEK} until told otherwise)
 */
public record Scale(String name, int people, int providers, int minVisitsPerDay, int maxVisitsPerDay, int days,
                    LocalDate weekStart) {
    /** The week of the named scales when none is given: fixed, so a test's world is the same on any day. */
    public static final LocalDate DEFAULT_WEEK = LocalDate.of(2026, 11, 30);

    public Scale {
        if (people < 1 || providers < 1 || days < 1) throw new IllegalArgumentException("scale: people, providers and days must be positive");
        if (weekStart == null || weekStart.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("scale: the week must start on a Monday, not " + weekStart
                    + (weekStart == null ? "" : " (a " + weekStart.getDayOfWeek() + ")"));
        }
        if (minVisitsPerDay < 1 || maxVisitsPerDay > 4 || minVisitsPerDay > maxVisitsPerDay) {
            throw new IllegalArgumentException("scale: visits per day must be within 1..4 and min <= max");
        }
    }

    public static Scale kent() {
        return new Scale("kent", 12_000, 233, 2, 4, 7, DEFAULT_WEEK);
    }

    public static Scale national() {
        return new Scale("national", 1_200_000, 23_300, 2, 4, 7, DEFAULT_WEEK);
    }

    /** A small world for tests and quick runs. */
    public static Scale small() {
        return new Scale("small", 200, 5, 2, 4, 7, DEFAULT_WEEK);
    }

    public static Scale named(String name) {
        return switch (name) {
            case "kent" -> kent();
            case "national" -> national();
            case "small" -> small();
            default -> throw new IllegalArgumentException("--scale: unknown scale '" + name + "' (kent, national, small)");
        };
    }

    /** The same shape with a different number of people (providers in proportion). */
    public Scale withPeople(int n) {
        return new Scale(name + "-" + n, n, Math.max(1, (int) Math.round((double) providers * n / people)),
                minVisitsPerDay, maxVisitsPerDay, days, weekStart);
    }

    /** The same world shifted to the week starting on {@code monday}. */
    public Scale withWeekStart(LocalDate monday) {
        return new Scale(name, people, providers, minVisitsPerDay, maxVisitsPerDay, days, monday);
    }

    /**
     * The week a run generates when none is given: the first Monday after {@code today}, never today itself. Every
     * visit of that week starts after the day the run is on, so none is past its missed-visit threshold while the
     * run's feeds are sent (with the current week's Monday, the visits of the days already gone would be, and the
     * gateway's missed-visit check would raise their alerts beside the scenarios).
     */
    public static LocalDate nextWeek(LocalDate today) {
        return today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }
}
