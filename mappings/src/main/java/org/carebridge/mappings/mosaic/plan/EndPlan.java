package org.carebridge.mappings.mosaic.plan;

import java.util.Set;

/**
 * What a full extract does to orders it no longer contains.
 *
 * @param decision   APPLY: apply the records and end {@code ordersToEnd}; HOLD: apply nothing, wait for
 *                   confirmation; NO_ENDS: apply the records but end nothing (delta, or the file was not a
 *                   trustworthy whole picture)
 * @param openOrders how many orders were open before
 * @param share      ordersToEnd / openOrders (0 when none were open)
 */
public record EndPlan(Decision decision, Set<String> ordersToEnd, int openOrders, double share, String reason) {
    public enum Decision { APPLY, HOLD, NO_ENDS }

    public EndPlan {
        ordersToEnd = Set.copyOf(ordersToEnd);
    }
}
