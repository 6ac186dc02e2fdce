package org.carebridge.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The one DataSource of the gateway: an external PostgreSQL when {@code datasources.default.url} is set
 * (env DATASOURCES_DEFAULT_URL / _USERNAME / _PASSWORD), otherwise an embedded one. Flyway migrates before
 * anything else can use it.
 */
@Factory
public class DatabaseFactory {

    @Singleton
    @Bean(preDestroy = "close")
    EmbeddedDatabaseHolder embeddedDatabase(@Value("${datasources.default.url:}") String url, StoreConfig config) {
        if (url != null && !url.isBlank()) {
            return new EmbeddedDatabaseHolder(null);
        }
        StoreConfig.Embedded e = config.embedded();
        return new EmbeddedDatabaseHolder(EmbeddedPostgresServer.start(
                Path.of(e == null ? "data/postgres" : e.dataDir()), e == null ? 0 : e.port(),
                e != null && e.statementStatistics()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(@Value("${datasources.default.url:}") String url,
                                @Value("${datasources.default.username:}") String username,
                                @Value("${datasources.default.password:}") String password,
                                StoreConfig config, EmbeddedDatabaseHolder embedded) {
        HikariConfig hc = new HikariConfig();
        if (embedded.server() != null) {
            hc.setJdbcUrl(embedded.server().jdbcUrl());
            hc.setUsername("postgres");
            hc.setPassword("postgres");
        } else {
            hc.setJdbcUrl(url);
            hc.setUsername(username);
            hc.setPassword(password);
        }
        migrate(hc.getJdbcUrl(), hc.getUsername(), hc.getPassword());
        hc.setPoolName("carebridge");
        hc.setMaximumPoolSize(config.poolSize());
        hc.setAutoCommit(false);
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        hc.addDataSourceProperty("prepareThreshold", "1");
        if (config.planCacheMode() != null && !config.planCacheMode().isBlank()) {
            // The search statements are long (data-protection sub-queries): planning one took 2-5 ms of PostgreSQL
            // CPU against ~1 ms to run it. Prepared statements stay server-side (prepareThreshold 1) and with a
            // generic plan are planned once per connection; their shape is index lookups whatever the values.
            if (!config.planCacheMode().matches("[a-z_]+")) {
                throw new IllegalArgumentException("carebridge.store.plan-cache-mode: '" + config.planCacheMode() + "'");
            }
            hc.addDataSourceProperty("options", "-c plan_cache_mode=" + config.planCacheMode());
        }
        if (config.appRole() != null && !config.appRole().isBlank() && roleExists(hc, config.appRole())) {
            // Row-level security does not apply to superusers: work as the application role.
            hc.setConnectionInitSql("set role " + quoteIdent(config.appRole()));
            // With autocommit off Hikari runs the init SQL inside the connection's first transaction and does not
            // commit it; SET ROLE is transactional, so a first transaction that rolled back silently left that
            // pooled connection as the superuser (RLS bypassed). Isolating internal queries commits the init SQL.
            hc.setIsolateInternalQueries(true);
        }
        return new HikariDataSource(hc);
    }

    private static void migrate(String url, String user, String password) {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                // Each capability numbers its migrations in its own range (store V2-9, security V10-19, ...), so a
                // database made before a lower-numbered migration existed must still take it.
                .outOfOrder(true)
                .load()
                .migrate();
    }

    private static boolean roleExists(HikariConfig hc, String role) {
        try (var c = java.sql.DriverManager.getConnection(hc.getJdbcUrl(), hc.getUsername(), hc.getPassword());
             var ps = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            ps.setString(1, role);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + hc.getJdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private static String quoteIdent(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** Holds the embedded server (or nothing) so it is stopped after the pool that uses it. */
    public record EmbeddedDatabaseHolder(EmbeddedPostgresServer server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
