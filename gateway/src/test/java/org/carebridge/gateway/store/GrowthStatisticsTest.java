package org.carebridge.gateway.store;

import org.carebridge.gateway.GatewayServer;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's sessions work as a role that does not own the tables, yet a growing load must refresh the
 * planner's statistics: through the owner's function, for the feeds' tables only, once each time the rows double.
 */
class GrowthStatisticsTest {
    private final ResourceStore store = GatewayServer.start().getApplicationContext().getBean(ResourceStore.class);

    @Test
    void analysesAsTheRowsDoubleThroughTheOwnersFunction() {
        long before = analysedCount();
        GrowthStatistics stats = new GrowthStatistics("ecm_visit", 10);
        store.inTenant("kent", s -> { stats.written(s, 9); return null; });
        assertEquals(before, analysedCount(), "9 rows of 10: not yet");
        store.inTenant("kent", s -> { stats.written(s, 1); return null; });
        long after = analysedCount();
        assertTrue(after > before, "analysed at 10 rows");
        store.inTenant("kent", s -> { stats.written(s, 9); return null; });
        assertEquals(after, analysedCount(), "19 rows of 20: not again");
    }

    @Test
    void countedFromTheTablesSizeAGatewayOnAFullStoreWaitsForAThirdMore() {
        store.inTenant("kent", s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("insert into ecm_visit (tenant, visit_id, provider_id,"
                    + " order_number, client_id, planned_start, planned_end, time_critical, workers_required, cancelled,"
                    + " missed_at, appointment_id, encounter_id) values ('kent', ?, 'growth', 'SDO-G', 'G', now(), now(), false, 1,"
                    // cancelled: never due, so the missed-visit scan leaves these made-up rows alone
                    + " true, now(), ?, ?) on conflict do nothing")) {
                for (int i = 0; i < 300; i++) {
                    ps.setString(1, "growth-" + i);
                    ps.setString(2, "growth-a-" + i);
                    ps.setString(3, "growth-e-" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        store.inTenant("kent", s -> { new GrowthStatistics("ecm_visit", 1).written(s, 1); return null; });
        store.awaitStatisticsRefreshes();
        long known = store.inTenant("kent", s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("select reltuples::bigint from pg_class where relname = 'ecm_visit'")) {
                ResultSet rs = ps.executeQuery();
                rs.next();
                return rs.getLong(1);
            }
        });
        assertTrue(known >= 300, "the planner knows the visits: " + known);

        long before = analysedCount();
        GrowthStatistics stats = GrowthStatistics.fromSize("ecm_visit", 10);
        store.inTenant("kent", s -> { stats.written(s, 50); return null; });
        assertEquals(known / 3 - 50, stats.untilNext(), "due after a third of the table's rows");
        assertEquals(before, analysedCount(), "50 rows: not yet");
        store.inTenant("kent", s -> { stats.written(s, (int) stats.untilNext()); return null; });
        assertTrue(analysedCount() > before, "analysed at a third");
    }

    @Test
    void theIndexTablesAreAnalysedTogether() {
        store.awaitStatisticsRefreshes();
        long before = store.inTenant("kent", s -> analyzed(s, "fhir_idx_date"));
        GrowthStatistics idx = new GrowthStatistics("fhir_idx", 1);
        store.inTenant("kent", s -> { idx.written(s, 1); return null; });
        store.awaitStatisticsRefreshes();
        assertTrue(store.inTenant("kent", s -> analyzed(s, "fhir_idx_date")) > before, "the last of the three, analysed");
    }

    @Test
    void onlyTheFeedsTablesMayBeAnalysed() {
        ResourceStore.StoreException e = assertThrows(ResourceStore.StoreException.class, () -> store.inTenant("kent", s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("select carebridge_refresh_statistics('fhir_resource')")) {
                return ps.execute();
            }
        }));
        assertTrue(e.getCause().getMessage().contains("not a table the feeds refresh"), e.getCause().getMessage());
    }

    @Test
    void aRefreshThatFailsLeavesTheWriteThatAskedForItStanding() {
        GrowthStatistics refused = new GrowthStatistics("audit_event", 1); // not a table the function allows // refused by the function, as above
        assertEquals("written", store.inTenant("kent", s -> { refused.written(s, 1); return "written"; }));
        store.awaitStatisticsRefreshes();
        // ...and the refresher goes on with the next one.
        long before = analysedCount();
        GrowthStatistics visits = new GrowthStatistics("ecm_visit", 1);
        store.inTenant("kent", s -> { visits.written(s, 1); return null; });
        assertTrue(analysedCount() > before, "analysed after the failed one");
    }

    /** {@link #lastAnalyzed} once the refreshes queued so far have run (they run off the writer's transaction). */
    private long analysedCount() {
        store.awaitStatisticsRefreshes();
        return store.inTenant("kent", GrowthStatisticsTest::lastAnalyzed);
    }

    /** How many times ecm_visit was analysed other than by autovacuum (reported at once, not batched). */
    private static long lastAnalyzed(StoreSession s) throws SQLException {
        return analyzed(s, "ecm_visit");
    }

    private static long analyzed(StoreSession s, String table) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement(
                "select analyze_count from pg_stat_user_tables where relname = ?")) {
            ps.setString(1, table);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
