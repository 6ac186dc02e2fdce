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
    private final String table;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong next;

    /** @param table a table {@code carebridge_refresh_statistics} allows */
    public GrowthStatistics(String table, long first) {
        this.table = table;
        this.next = new AtomicLong(first);
    }

    /** Rows still to be written before the next refresh (for tests). */
    long untilNext() {
        return Math.max(0, next.get() - written.get());
    }

    /** Counts rows written in this session's transaction; analyses when the count has doubled since the last time. */
    public void written(StoreSession s, int rows) throws SQLException {
        long seen = written.addAndGet(rows);
        long due = next.get();
        if (seen < due || !next.compareAndSet(due, seen * 2)) return;
        try (var ps = s.connection().prepareStatement("select carebridge_refresh_statistics(?)")) {
            ps.setString(1, table);
            ps.execute();
        }
    }
}
