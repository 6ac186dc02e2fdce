package org.carebridge.profiles.rulepacks;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One council's contract tolerances for home-care visits, as data. The engine (mappings,
 * org.carebridge.rules.visits) knows a fixed set of rule kinds; a pack switches each kind on or off and sets its
 * numbers, so a new council is a new YAML file, not new code. Every rule carries the seed line it came from, or says
 * it is an assumption, so a contract officer can check it against the specification.
 */
public record RulePack(
        String tenant,
        String name,
        String version,
        ZoneId zone,
        List<Punctuality> punctuality,
        Missed missed,
        Optional<DoubleUp> doubleUp,
        Optional<ShortVisit> shortVisit,
        Optional<ManualEntry> manualEntry,
        Outcome noReply,
        Refusals refusals,
        Hospital hospitalAdmission,
        Optional<Continuity> continuity,
        Optional<Compliance> electronicMonitoring) {

    public RulePack {
        punctuality = List.copyOf(punctuality);
    }

    /** Whether a deviation equal to the limit is already a breach ("45 minutes or more") or not ("within 15"). */
    public enum Breach {
        AT_LEAST, MORE_THAN;

        public boolean breached(Duration deviation, Duration limit) {
            int c = deviation.compareTo(limit);
            return this == AT_LEAST ? c >= 0 : c > 0;
        }
    }

    public enum AppliesTo { ALL_VISITS, TIME_CRITICAL, NOT_TIME_CRITICAL }

    /** The moment the missed threshold counts from. */
    public enum Anchor { PLANNED_START, PLANNED_END }

    /** Whether a double-handed visit counts its hours once, or once per worker ("including double handed", K:1133). */
    public enum HoursBasis { VISIT_HOURS, WORKER_HOURS }

    /** Late/early: the first check-in against the planned start. */
    public record Punctuality(String source, AppliesTo appliesTo, Duration tolerance, Breach breachWhen,
                              boolean payable, Optional<String> notification) {}

    /** A visit not started by anchor + after is missed; a visit started after that still counts as missed. */
    public record Missed(String source, Anchor anchor, Duration after, Breach breachWhen, Optional<String> notification) {}

    /** Two-worker visits. No maxArrivalGap: only a second worker who never arrives is flagged. */
    public record DoubleUp(String source, Optional<Duration> maxArrivalGap, Breach breachWhen, boolean payable,
                           Optional<String> notification) {}

    /** A delivered visit of this length or less is flagged; exempt when the plan itself is that short (a check call). */
    public record ShortVisit(String source, Duration atMost, boolean exemptWhenPlannedShort, boolean payable,
                             Optional<String> notification) {}

    /** A manual check-in/out entered more than lateAfter after the time it records. */
    public record ManualEntry(String source, Duration lateAfter, Breach breachWhen, boolean payable,
                              Optional<String> notification) {}

    /** What an attended-but-not-delivered visit (no reply, person in hospital) means for pay and notification. */
    public record Outcome(String source, boolean payable, Optional<String> notification) {}

    /**
     * Person found in hospital: the visit is void. suspendPackageAfter: the package is suspended once the stay has
     * lasted this long (H:3704, 48 h); until then the provider keeps attending planned visits.
     */
    public record Hospital(String source, boolean payable, Optional<String> notification,
                           Optional<Duration> suspendPackageAfter) {}

    /** Refusals: notify when consecutive refused visits reach this count (1 = every refusal). */
    public record Refusals(String source, int consecutive, boolean reasonRequired, boolean payable,
                           Optional<String> notification) {}

    /** Distinct workers per package per week, by weekly-hours band. */
    public record Continuity(String source, HoursBasis hoursBasis, List<Band> bands) {
        public Continuity {
            bands = List.copyOf(bands);
        }

        /** The band whose [fromHours, toHours) holds the weekly hours; the last band may be open-ended. */
        public Optional<Band> bandFor(double weeklyHours) {
            return bands.stream()
                    .filter(b -> weeklyHours >= b.fromHours() && b.toHours().map(t -> weeklyHours < t).orElse(true))
                    .findFirst();
        }
    }

    /** target: the level most packages should meet (targetPercent of packages); requirement: the hard limit. */
    public record Band(double fromHours, Optional<Double> toHours, Limit target, Optional<Limit> requirement) {}

    public record Limit(int maxWorkers, int percentOfPackages) {}

    /** Share of visits logged electronically in the home. */
    public record Compliance(String source, Optional<Integer> providerTargetPercent,
                             Optional<Integer> workerFloorPercent) {}

    public List<Punctuality> punctualityFor(boolean timeCritical) {
        return punctuality.stream().filter(p -> switch (p.appliesTo()) {
            case ALL_VISITS -> true;
            case TIME_CRITICAL -> timeCritical;
            case NOT_TIME_CRITICAL -> !timeCritical;
        }).toList();
    }
}
