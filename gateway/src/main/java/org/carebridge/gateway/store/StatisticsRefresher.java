package org.carebridge.gateway.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the growth refreshes that {@link GrowthStatistics} finds due, one at a time on a connection of its own, after
 * the request that made them due has moved on: on a Kent-sized store an ANALYZE of the index tables takes one to
 * two seconds, which had been spent inside whichever Bundle, ECM chunk or admission made the 2,000th, 4,000th...
 * write (17 of them, 5.5 of the 52 s of PostgreSQL statement time of the Kent ingest), and a failed refresh failed
 * that write. A table already waiting is not queued twice. Its new statistics reach the other sessions' cached
 * plans through PostgreSQL's invalidation once it commits.
 */
final class StatisticsRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsRefresher.class);
    /** The target that analyses fhir_resource alone (UnseenTypes); "fhir_idx" analyses it with the index tables. */
    static final String RESOURCES = "fhir_resource";
    private final DataSource dataSource;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    /** Refreshes run to their end (done or failed), per table. */
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> ended = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "statistics-refresh");
        t.setDaemon(true);
        return t;
    });

    StatisticsRefresher(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Queues a refresh of this table ({@link #RESOURCES}, or one {@code carebridge_refresh_statistics} allows) unless
     * one is waiting.
     */
    void refresh(String table) {
        if (!waiting.add(table)) return;
        try {
            worker.execute(() -> run(table));
        } catch (RejectedExecutionException closed) {
            waiting.remove(table);
        }
    }

    private void run(String table) {
        // Taken off first: rows written while this one runs make the next one due, and it must then be queued.
        waiting.remove(table);
        // fhir_resource alone has a function of its own (V5); the others go through carebridge_refresh_statistics.
        boolean resources = table.equals(RESOURCES);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(resources ? "select carebridge_refresh_resource_statistics()"
                     : "select carebridge_refresh_statistics(?)")) {
            if (!resources) ps.setString(1, table);
            ps.execute();
            if (!c.getAutoCommit()) c.commit();
        } catch (SQLException | RuntimeException e) {
            // Statistics only guide the planner: the writes that asked for them stand.
            LOG.warn("statistics refresh of {} failed: {}", table, e.getMessage());
        } finally {
            ended.computeIfAbsent(table, t -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        }
    }

    /** How many refreshes of this table have run to their end so far. */
    long ended(String table) {
        var n = ended.get(table);
        return n == null ? 0 : n.get();
    }

    /** Waits until the refreshes queued so far have run (for tests). */
    void awaitQueued() {
        try {
            worker.submit(() -> { }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("statistics refreshes did not finish", e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
