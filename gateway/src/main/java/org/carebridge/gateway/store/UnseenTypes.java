package org.carebridge.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resource types the planner's statistics of {@code fhir_resource} do not know yet. Its estimate for such a type is
 * about one row, and for one row the smaller {@code fhir_resource_last_updated} index (tenant, type, time) looks as
 * good as the primary key: a lookup of a few hundred ids then read every row of the type, once per statement (or once
 * per id). Seen: a Kent store's first Mosaic full extract created 12,000 CarePlans after the ingest's last refresh,
 * and each group's lock-and-read of 200 people scanned all the CarePlans made so far (24 ms a group at the end). The
 * store's growth refresh counts all writes, so 84,000 new resources on a store of 276,000 did not make it due. So the
 * creations of unknown types are counted too, and {@value #REFRESH_AFTER} of them have {@code fhir_resource} analysed
 * (a type that never reaches that many rows never costs a refresh; one that does is known after it). Nothing is
 * counted while that refresh is waiting or running, so a refresh slower than the writers does not queue another.
 */
final class UnseenTypes {
    static final long REFRESH_AFTER = 1_000;
    /** Only this table's statistics say which types there are (V5 analyses it alone). */
    private static final String TABLE = StatisticsRefresher.RESOURCES;
    /** The types in the planner's most common values of res_type; null: to be read at the next write. */
    private volatile Set<String> known;
    private final AtomicLong created = new AtomicLong();

    /** Refreshes of fhir_resource ended when this one asked for one; -1: none asked and not yet read back. */
    private volatile long askedAt = -1;

    /** Counts these writes' creations of unknown types; true when they made a refresh due (and it was asked). */
    boolean written(StoreSession s, Collection<ResourceWrite> writes) throws SQLException {
        long asked = askedAt;
        if (asked >= 0) {
            // Not counted until the refresh asked for has run: until then the planner still knows the old types.
            if (s.refreshesEnded(TABLE) <= asked) return false;
            known = null;
            askedAt = -1;
        }
        Set<String> k = known;
        if (k == null) known = k = read(s);
        long n = 0;
        for (ResourceWrite w : writes) {
            if (w.version() == 1 && !w.isDelete() && !k.contains(w.type())) n++;
        }
        if (n == 0 || created.addAndGet(n) < REFRESH_AFTER) return false;
        created.set(0);
        askedAt = s.refreshesEnded(TABLE);
        s.refreshStatistics(TABLE);
        return true;
    }

    /** Through the owner's function (V5): pg_stats hides a table under row-level security from the gateway's role. */
    private static Set<String> read(StoreSession s) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement("select carebridge_planner_types()");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getArray(1) == null) return Set.of();
            return Set.of((String[]) rs.getArray(1).getArray());
        }
    }
}
