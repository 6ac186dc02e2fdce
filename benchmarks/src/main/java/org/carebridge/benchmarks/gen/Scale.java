package org.carebridge.benchmarks.gen;

import java.time.LocalDate;

/**
 * How big the synthetic world is. Kent (shared/domain.md §7): about 12,000 people with home care, 2-4 visits a
 * day, one week, ~233 domiciliary care providers; national is 100 times that.
 *
 * @param weekStart the Monday the generated week starts (fixed, so a seed gives the same bytes on any day)
 */
public record Scale(String name, int people, int providers, int minVisitsPerDay, int maxVisitsPerDay, int days,
                    LocalDate weekStart) {
    public static final LocalDate DEFAULT_WEEK = LocalDate.of(2026, 11, 30);

    public Scale {
        if (people < 1 || providers < 1 || days < 1) throw new IllegalArgumentException("scale: people, providers and days must be positive");
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
}
