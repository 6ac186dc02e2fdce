package org.carebridge.rules.visits;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.carebridge.profiles.rulepacks.RulePack;

/**
 * Continuity of care: how many different workers a package saw in a week, against the council's bands
 * (K:1133 trusted team of four, eight for high-hour packages; H:1450-1460 workers by weekly hours).
 */
public final class Continuity {
    private Continuity() {}

    /**
     * One package's week.
     *
     * @param weeklyHours      planned hours, per worker if the pack counts worker-hours
     * @param distinctWorkers  different worker pseudonyms that checked in or out
     * @param band             the band the hours fall in; empty if the pack has no continuity rule
     * @param withinTarget     at or below the band's target
     * @param withinRequirement at or below the band's requirement (true when the band has none)
     */
    public record PackageWeek(String orderId, LocalDate weekStart, double weeklyHours, int distinctWorkers,
                              Optional<RulePack.Band> band, boolean withinTarget, boolean withinRequirement) {}

    /** A band's share of packages within target and requirement, against the pack's percentages. */
    public record BandSummary(RulePack.Band band, int packages, double percentWithinTarget, boolean targetMet,
                              double percentWithinRequirement, boolean requirementMet) {}

    /**
     * @param visits the package's judged visits in the week (the caller picks the week, Monday to Sunday for Kent
     *               billing, K:721)
     */
    public static PackageWeek evaluate(String orderId, LocalDate weekStart, List<VisitJudgement> visits, RulePack pack) {
        Optional<RulePack.Continuity> rule = pack.continuity();
        boolean perWorker = rule.map(r -> r.hoursBasis() == RulePack.HoursBasis.WORKER_HOURS).orElse(false);
        Duration planned = Duration.ZERO;
        Set<String> workers = new TreeSet<>();
        for (VisitJudgement j : visits) {
            if (!j.visit().orderId().equals(orderId)) {
                throw new IllegalArgumentException("visit " + j.visit().visitId() + " is not under order " + orderId);
            }
            if (!j.visit().cancelled()) {
                planned = planned.plus(j.visit().plannedDuration().multipliedBy(perWorker ? j.visit().workersRequired() : 1));
            }
            j.workers().forEach(w -> workers.add(w.worker()));
        }
        double hours = planned.toMinutes() / 60.0;
        Optional<RulePack.Band> band = rule.flatMap(r -> r.bandFor(hours));
        int n = workers.size();
        return new PackageWeek(orderId, weekStart, hours, n, band,
                band.map(b -> n <= b.target().maxWorkers()).orElse(true),
                band.map(b -> b.requirement().map(r -> n <= r.maxWorkers()).orElse(true)).orElse(true));
    }

    /** Per band, the share of packages within target / requirement, as the council reports it (H:1445-1460). */
    public static List<BandSummary> summarise(List<PackageWeek> weeks) {
        Map<RulePack.Band, List<PackageWeek>> byBand = new LinkedHashMap<>();
        for (PackageWeek w : weeks) {
            w.band().ifPresent(b -> byBand.computeIfAbsent(b, x -> new ArrayList<>()).add(w));
        }
        List<BandSummary> out = new ArrayList<>();
        byBand.forEach((band, ws) -> {
            double target = 100.0 * ws.stream().filter(PackageWeek::withinTarget).count() / ws.size();
            double req = 100.0 * ws.stream().filter(PackageWeek::withinRequirement).count() / ws.size();
            out.add(new BandSummary(band, ws.size(), target, target >= band.target().percentOfPackages(), req,
                    band.requirement().map(r -> req >= r.percentOfPackages()).orElse(true)));
        });
        return out;
    }
}
