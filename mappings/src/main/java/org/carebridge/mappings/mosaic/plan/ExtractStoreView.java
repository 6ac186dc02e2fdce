package org.carebridge.mappings.mosaic.plan;

import java.util.Map;
import java.util.Optional;

/** What the planner needs to know from the store; the gateway implements it over its database. */
public interface ExtractStoreView {
    /** The latest applied extract (of either type) for the tenant. */
    Optional<AppliedExtract> lastApplied(String tenant);

    /**
     * The tenant's open orders that came from Mosaic (status offered, accepted, active, suspended or varied):
     * order number -> Mosaic person id.
     */
    Map<String, String> openOrders(String tenant);
}
