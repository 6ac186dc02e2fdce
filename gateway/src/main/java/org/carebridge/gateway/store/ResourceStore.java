package org.carebridge.gateway.store;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Entry point to the PostgreSQL store. All work happens in {@link #inTenant}: one transaction, bound to one
 * tenant, which row-level security then enforces on every statement.
 */
@Singleton
public class ResourceStore {
    private final DataSource dataSource;
    private final StatisticsRefresher refresher;
    private final UnseenTypes unseenTypes = new UnseenTypes();
    /** The search index tables' statistics, kept up with as every writer fills them; made at the first session. */
    private volatile GrowthStatistics indexStatistics;

    public ResourceStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.refresher = new StatisticsRefresher(dataSource);
    }

    @PreDestroy
    void close() {
        refresher.close();
    }

    /** Waits for the statistics refreshes queued so far (for tests: they run off the writers' transactions). */
    void awaitStatisticsRefreshes() {
        refresher.awaitQueued();
    }

    /**
     * Counted in resource writes from a third of the index rows the planner knows of at start (at least 2,000), so a
     * fresh store is analysed early in its first load, and a full one only once it has grown by half again.
     */
    private GrowthStatistics indexStatistics(Connection c) throws SQLException {
        GrowthStatistics g = indexStatistics;
        if (g != null) return g;
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("select greatest(reltuples, 0)::bigint from pg_class"
                + " where relname = 'fhir_idx_token'"); var rs = ps.executeQuery()) {
            if (rs.next()) rows = rs.getLong(1);
        }
        synchronized (this) {
            if (indexStatistics == null) indexStatistics = new GrowthStatistics("fhir_idx", Math.max(2_000, rows / 3));
            return indexStatistics;
        }
    }

    /** Resource writes still to come before the index tables are analysed again (for tests). */
    long indexWritesUntilRefresh(String tenant) {
        return inTenant(tenant, s -> indexStatistics.untilNext());
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(StoreSession session) throws SQLException;
    }

    public <T> T inTenant(String tenant, Work<T> work) {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("no tenant: the store never runs a query without one");
        }
        try (Connection c = dataSource.getConnection()) {
            StoreSession session = null;
            try {
                try (PreparedStatement ps = c.prepareStatement("select set_config('carebridge.tenant', ?, true)")) {
                    ps.setString(1, tenant);
                    ps.execute();
                }
                session = new StoreSession(c, tenant, indexStatistics(c), unseenTypes, refresher);
                T result = work.run(session);
                session.flush();
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                if (session != null) session.ended();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** A database failure the caller cannot fix; shown to clients as a 500 without details. */
    public static final class StoreException extends RuntimeException {
        public StoreException(SQLException cause) {
            super("store failure (SQLState " + cause.getSQLState() + ")", cause);
        }

        public String sqlState() {
            return ((SQLException) getCause()).getSQLState();
        }
    }
}
