package org.carebridge.rules.visits;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carebridge.profiles.rulepacks.RulePack;

/**
 * Electronic monitoring compliance: the share of delivered visits logged by app or telephony rather than typed
 * in (H:3248: 90 % for the provider; H:3221: a worker under 85 % is performance managed).
 */
public final class Compliance {
    private Compliance() {}

    public record Report(int visits, double percentElectronic, boolean providerTargetMet,
                         Map<String, Double> percentByWorker, List<String> workersBelowFloor) {}

    public static Report evaluate(List<VisitJudgement> visits, RulePack pack) {
        List<VisitJudgement> delivered = visits.stream()
                .filter(j -> j.status() == AppointmentStatus.FULFILLED || j.status() == AppointmentStatus.ARRIVED).toList();
        long electronic = delivered.stream().filter(j -> j.verification().electronic()).count();
        double pct = delivered.isEmpty() ? 100.0 : 100.0 * electronic / delivered.size();
        Map<String, int[]> perWorker = new TreeMap<>();
        for (VisitJudgement j : delivered) {
            for (WorkerPeriod w : j.workers()) {
                int[] c = perWorker.computeIfAbsent(w.worker(), k -> new int[2]);
                c[0]++;
                if (!w.manual() && w.checkIn() != null && w.checkOut() != null) {
                    c[1]++;
                }
            }
        }
        Map<String, Double> byWorker = new TreeMap<>();
        perWorker.forEach((w, c) -> byWorker.put(w, 100.0 * c[1] / c[0]));
        RulePack.Compliance rule = pack.electronicMonitoring().orElse(null);
        boolean targetMet = rule == null || rule.providerTargetPercent().map(t -> pct >= t).orElse(true);
        List<String> below = rule == null || rule.workerFloorPercent().isEmpty() ? List.of()
                : byWorker.entrySet().stream().filter(e -> e.getValue() < rule.workerFloorPercent().get())
                .map(Map.Entry::getKey).toList();
        return new Report(delivered.size(), pct, targetMet, byWorker, below);
    }
}
