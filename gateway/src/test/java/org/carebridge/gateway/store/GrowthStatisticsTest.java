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
        long before = store.inTenant("kent", GrowthStatisticsTest::lastAnalyzed);
        GrowthStatistics stats = new GrowthStatistics("ecm_visit", 10);
        store.inTenant("kent", s -> { stats.written(s, 9); return null; });
        assertEquals(before, store.inTenant("kent", GrowthStatisticsTest::lastAnalyzed), "9 rows of 10: not yet");
        store.inTenant("kent", s -> { stats.written(s, 1); return null; });
        long after = store.inTenant("kent", GrowthStatisticsTest::lastAnalyzed);
        assertTrue(after > before, "analysed at 10 rows");
        store.inTenant("kent", s -> { stats.written(s, 9); return null; });
        assertEquals(after, store.inTenant("kent", GrowthStatisticsTest::lastAnalyzed), "19 rows of 20: not again");
    }

    @Test
    void theIndexTablesAreAnalysedTogether() {
        long before = store.inTenant("kent", s -> analyzed(s, "fhir_idx_date"));
        GrowthStatistics idx = new GrowthStatistics("fhir_idx", 1);
        store.inTenant("kent", s -> { idx.written(s, 1); return null; });
        assertTrue(store.inTenant("kent", s -> analyzed(s, "fhir_idx_date")) > before, "the last of the three, analysed");
    }

    @Test
    void onlyTheFeedsTablesMayBeAnalysed() {
        GrowthStatistics audit = new GrowthStatistics("fhir_resource", 1);
        ResourceStore.StoreException e = assertThrows(ResourceStore.StoreException.class,
                () -> store.inTenant("kent", s -> { audit.written(s, 1); return null; }));
        assertTrue(e.getCause().getMessage().contains("not a table the feeds refresh"), e.getCause().getMessage());
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
