package org.carebridge.gateway.store;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the planner's row counts up with a table a first load is filling. The pool's sessions use generic plans,
 * made once per connection from the statistics of the moment: planned while a table was (nearly) empty, a lookup by
 * one unique key can run through another index on its tenant prefix alone and read every row of the tenant (seen:
 * the rota intake's visit lookup reading 93 million index entries over a 20,000-visit load). So the table is
 * analysed again each time the rows written since start double (from {@code first}), which also invalidates the
 * cached plans: a dozen or so short samples over a national load, none once it has grown. The gateway's role does
 * not own the tables: the ANALYZE runs through {@code carebridge_refresh_statistics} (V3), which does and allows
 * only the tables the feeds refresh.
 */
public final class GrowthStatistics {
    private static final long UNSET = -1;
    private final String table;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong next;
    private final long least;

    /** @param table a table {@code carebridge_refresh_statistics} allows; analysed first after {@code first} rows */
    public GrowthStatistics(String table, long first) {
        this(table, first, first);
    }

    private GrowthStatistics(String table, long least, long first) {
        this.table = table;
        this.least = least;
        this.next = new AtomicLong(first);
    }

    /**
     * Counted from the table's size when first written to: analysed after a third of the rows the planner knows of
     * have been written (at least {@code least}). A gateway restarted on a full store then leaves its statistics
     * alone until the table has grown by a third: analysing a Kent-sized {@code ecm_visit} takes about a second,
     * inside whichever request happens to make the 500th write.
     */
    public static GrowthStatistics fromSize(String table, long least) {
        return new GrowthStatistics(table, least, UNSET);
    }

    /** Rows still to be written before the next refresh (for tests; before the first write, {@code least}). */
    long untilNext() {
        long due = next.get();
        return Math.max(0, (due == UNSET ? least : due) - written.get());
    }

    /** The rows of the table as the planner last counted them (0 for a table never analysed). */
    private long plannerRows(StoreSession s) throws SQLException {
        try (var ps = s.connection().prepareStatement("select greatest(reltuples, 0)::bigint from pg_class where oid = to_regclass(?)")) {
            ps.setString(1, table.equals("fhir_idx") ? "fhir_idx_token" : table);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * Counts rows written in this session's transaction; when the count has doubled since the last time, has the
     * table analysed soon on another connection ({@link StatisticsRefresher}), not inside this transaction.
     */
    public void written(StoreSession s, int rows) throws SQLException {
        if (next.get() == UNSET) next.compareAndSet(UNSET, Math.max(least, plannerRows(s) / 3));
        long seen = written.addAndGet(rows);
        long due = next.get();
        if (seen < due || !next.compareAndSet(due, seen * 2)) return;
        s.refreshStatistics(table);
    }
}
