package org.carebridge.mappings.mosaic.plan;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.carebridge.mappings.mosaic.model.ExtractHeader;

/**
 * The semantics that protect the council's data (issue #4, point 4), as pure decisions. How the gateway uses it,
 * one file at a time per tenant:
 * <ol>
 * <li>{@link #admit}: skip an extract older than the last applied one, or the same one again;</li>
 * <li>delta: read and apply each valid person record; nothing is ended that the delta does not name;</li>
 * <li>full: first pass collects {@link ExtractContents}; {@link #planEnds} decides APPLY (second pass applies the
 * records, then ends {@code ordersToEnd}), HOLD (nothing applied; the file waits for confirmation) or NO_ENDS;</li>
 * <li>record the extract as applied (id, time, file digest).</li>
 * </ol>
 * Re-applying the same records is harmless anyway: the mapping is deterministic.
 */
public final class ExtractPlanner {
    private ExtractPlanner() {}

    public static Admission admit(ExtractHeader header, String fileDigest, ExtractStoreView store) {
        OffsetDateTime time = OffsetDateTime.parse(header.extractTime.trim());
        Optional<AppliedExtract> last = store.lastApplied(header.council.trim());
        if (last.isEmpty()) {
            return new Admission(Admission.Decision.APPLY, "first extract for this council");
        }
        AppliedExtract l = last.get();
        if (time.isBefore(l.extractTime())) {
            return new Admission(Admission.Decision.SKIP_OLDER,
                    "extract time " + time + " is before the last applied extract's " + l.extractTime());
        }
        boolean sameId = header.extractId != null && header.extractId.trim().equals(l.extractId());
        boolean sameFile = fileDigest != null && fileDigest.equals(l.fileDigest());
        if (time.isEqual(l.extractTime()) && (sameId || sameFile)) {
            return new Admission(Admission.Decision.SKIP_DUPLICATE, "this extract was already applied");
        }
        return new Admission(Admission.Decision.APPLY, "newer than the last applied extract");
    }

    /**
     * Whether a full extract might be held, asked before its records are read properly: false only when
     * {@link #planEnds} cannot answer HOLD whatever the records hold — confirmed, nothing open, or ending every open
     * order not in {@code namedAtLeast} (order numbers the file names for certain; null: unknown) stays within the
     * policy. The real plan ends a subset of those (it also keeps rejected people's orders, or ends nothing), so a
     * false here lets the caller read the file once and plan the ends from that same pass.
     */
    public static boolean mayHold(Map<String, String> openOrders, Set<String> namedAtLeast, EndPolicy policy,
                                  boolean confirmed) {
        if (confirmed || openOrders.isEmpty()) {
            return false;
        }
        if (namedAtLeast == null) {
            return true;
        }
        int ends = 0;
        for (String order : openOrders.keySet()) {
            if (!namedAtLeast.contains(order)) {
                ends++;
            }
        }
        // The same arithmetic as planEnds, so that equal counts give equal answers.
        return (double) ends / openOrders.size() > policy.maxEndShare();
    }

    /**
     * Which open orders a full extract ends: those of the tenant it no longer contains, except orders of people
     * whose record was rejected (their data in the file is not usable, so their orders stay as they are).
     *
     * @param confirmed integration staff confirmed a held extract: apply even above the share
     */
    public static EndPlan planEnds(ExtractHeader header, ExtractContents contents, Map<String, String> openOrders,
                                   EndPolicy policy, boolean confirmed) {
        if (!"full".equals(header.extractType.trim())) {
            return new EndPlan(EndPlan.Decision.NO_ENDS, Set.of(), openOrders.size(), 0,
                    "a delta extract ends only the orders it names");
        }
        if (contents.incompleteReason() != null) {
            return new EndPlan(EndPlan.Decision.NO_ENDS, Set.of(), openOrders.size(), 0,
                    "the file was not read to its end (" + contents.incompleteReason() + "), so it cannot say what "
                            + "is no longer there");
        }
        if (contents.rejectedWithoutId() > 0) {
            return new EndPlan(EndPlan.Decision.NO_ENDS, Set.of(), openOrders.size(), 0,
                    contents.rejectedWithoutId() + " rejected record(s) without a readable person id: whose orders "
                            + "they hold is unknown, so none are ended");
        }
        Set<String> ends = new TreeSet<>();
        for (Map.Entry<String, String> e : openOrders.entrySet()) {
            if (!contents.namesOrder(e.getKey()) && !contents.rejected(e.getValue())) {
                ends.add(e.getKey());
            }
        }
        int open = openOrders.size();
        double share = open == 0 ? 0 : (double) ends.size() / open;
        if (share > policy.maxEndShare() && !confirmed) {
            return new EndPlan(EndPlan.Decision.HOLD, ends, open, share, String.format(java.util.Locale.ROOT,
                    "would end %d of %d open orders (%.1f %%), more than the %.1f %% allowed without confirmation",
                    ends.size(), open, share * 100, policy.maxEndShare() * 100));
        }
        return new EndPlan(EndPlan.Decision.APPLY, ends, open, share,
                ends.isEmpty() ? "no open order is missing from the extract"
                        : "ends " + ends.size() + " order(s) no longer in the extract"
                        + (confirmed && share > policy.maxEndShare() ? " (confirmed)" : ""));
    }
}
