package org.carebridge.gateway.store;

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

    public ResourceStore(DataSource dataSource) {
        this.dataSource = dataSource;
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
            try {
                try (PreparedStatement ps = c.prepareStatement("select set_config('carebridge.tenant', ?, true)")) {
                    ps.setString(1, tenant);
                    ps.execute();
                }
                StoreSession session = new StoreSession(c, tenant);
                T result = work.run(session);
                session.flush();
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
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
