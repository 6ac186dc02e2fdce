package org.carebridge.rules.visits;

import java.util.List;

/** Consecutive refusals across one person's visits (K:2323: "three or more times in consecutive visits"). */
public final class Refusals {
    private Refusals() {}

    /**
     * How many of the latest visits, counting back from the end, were refused without a break. Visits still
     * booked or cancelled on the rota neither break nor extend a run.
     *
     * @param earlier the person's judged visits before the one being judged, in planned-start order
     */
    public static int trailingRefusals(List<VisitJudgement> earlier) {
        int run = 0;
        for (int i = earlier.size() - 1; i >= 0; i--) {
            VisitJudgement j = earlier.get(i);
            if (j.refused()) {
                run++;
            } else if (j.status() == AppointmentStatus.BOOKED || j.visit().cancelled()) {
                continue;
            } else {
                break;
            }
        }
        return run;
    }
}
