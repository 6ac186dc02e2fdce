package org.carebridge.gateway.audit;

import jakarta.annotation.PreDestroy;
import org.carebridge.gateway.store.ResourceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The append-only audit log. Requests hand their events to a queue; one writer appends them in batches, one
 * transaction per tenant per batch, extending that tenant's hash chain under a row lock on its chain head, so the
 * chain is gapless even with several gateway nodes. When the database is down the writer retries and the
 * bounded queue fills, and then requests wait: the gateway fails closed rather than disclose without a record.
 *
 * <p>A disclosure is recorded with {@link #recordDurably}: the request waits until its event is committed (group
 * commit: the events of all requests waiting meanwhile share the writer's next transaction), so no response that
 * discloses data leaves before its record is in the database, and a crash cannot lose the record of anything sent.
 * Other events (refusals, failures) are {@link #record}ed without waiting.
 */
@jakarta.inject.Singleton
public class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    static final String COLUMNS = "tenant, seq, recorded, action, outcome, agent_sub, agent_org, agent_org_type, agent_roles,"
            + " purpose, client_ip, what, patients, detail, prev_hash, hash";
    private static final int BATCH = 500;

    /** How long a disclosure waits for its record before it is refused (the database is unreachable). */
    private static final long DURABLE_WAIT_MILLIS = 30_000;

    private final ResourceStore store;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(50_000);
    private final Object progress = new Object();
    private long submitted;
    private long written;
    private final Thread writer;
    private volatile boolean running = true;

    public AuditLog(ResourceStore store) {
        this.store = store;
        writer = new Thread(this::run, "audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** An event on its way to the database; {@code written} (if any) is counted down once it is committed. */
    private record Pending(AuditRecord record, CountDownLatch written) {}

    /** Queues an event; it is committed shortly after (see {@link #flush}). */
    public void record(AuditRecord r) {
        submit(new Pending(r, null));
    }

    /**
     * Queues an event and returns once it is committed.
     * @throws AuditUnavailableException when it is not committed within 30 s (nothing must then be disclosed)
     */
    public void recordDurably(AuditRecord r) {
        CountDownLatch done = new CountDownLatch(1);
        submit(new Pending(r, done));
        try {
            if (!done.await(DURABLE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new AuditUnavailableException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException();
        }
    }

    /** The audit log could not take an event in time: the request it belongs to must not disclose anything. */
    public static final class AuditUnavailableException extends RuntimeException {
        AuditUnavailableException() {
            super("the audit log is not reachable");
        }
    }

    private void submit(Pending p) {
        synchronized (progress) {
            submitted++;
        }
        try {
            queue.put(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording an audit event");
        }
    }

    /** Waits until everything recorded before the call is in the database (for reads of the log, and tests). */
    public void flush() {
        long target;
        synchronized (progress) {
            target = submitted;
            long deadline = System.currentTimeMillis() + 30_000;
            while (written < target && System.currentTimeMillis() < deadline) {
                try {
                    progress.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Appends synchronously, in the caller's own transaction (admin actions such as the purge). */
    public void appendNow(AuditRecord r) {
        store.inTenant(r.tenant(), s -> {
            append(s.connection(), r.tenant(), List.of(r));
            return null;
        });
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                Map<String, List<AuditRecord>> byTenant = new LinkedHashMap<>();
                for (Pending p : batch) byTenant.computeIfAbsent(p.record().tenant(), k -> new ArrayList<>()).add(p.record());
                for (var e : byTenant.entrySet()) {
                    writeWithRetry(e.getKey(), e.getValue());
                }
                synchronized (progress) {
                    written += batch.size();
                    progress.notifyAll();
                }
                for (Pending p : batch) {
                    if (p.written() != null) p.written().countDown();
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeWithRetry(String tenant, List<AuditRecord> records) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                store.inTenant(tenant, s -> {
                    append(s.connection(), tenant, records);
                    return null;
                });
                return;
            } catch (RuntimeException e) {
                LOG.error("audit append failed for tenant {} ({} events), attempt {}; retrying", tenant, records.size(), attempt, e);
                Thread.sleep(Math.min(5000, 100L * attempt));
            }
        }
    }

    static void append(Connection c, String tenant, List<AuditRecord> records) throws SQLException {
        ChainHead head = lockHead(c, tenant);
        if (head == null) {
            // The tenant's first event: its chain head is made once, then locked like any other.
            try (PreparedStatement init = c.prepareStatement("insert into audit_chain_head (tenant, seq, hash) values (?, 0, ?)"
                    + " on conflict (tenant) do nothing")) {
                init.setString(1, tenant);
                init.setString(2, AuditChain.GENESIS);
                init.executeUpdate();
            }
            head = lockHead(c, tenant);
            if (head == null) throw new SQLException("audit chain head of tenant " + tenant + " not visible after insert");
        }
        long seq = head.seq();
        String prev = head.hash();
        try (PreparedStatement ins = c.prepareStatement("insert into audit_event (" + COLUMNS + ") values"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditRecord r0 : records) {
                AuditRecord r = r0.chained(++seq, prev);
                prev = r.hash();
                int i = 1;
                ins.setString(i++, tenant);
                ins.setLong(i++, r.seq());
                ins.setObject(i++, r.recorded().atOffset(java.time.ZoneOffset.UTC)); // no Calendar per value
                ins.setString(i++, r.action());
                ins.setInt(i++, r.outcome());
                ins.setString(i++, r.agentSub());
                ins.setString(i++, r.agentOrg());
                ins.setString(i++, r.agentOrgType());
                ins.setString(i++, r.agentRoles());
                ins.setString(i++, r.purpose());
                ins.setString(i++, r.clientIp());
                ins.setString(i++, r.what());
                ins.setArray(i++, c.createArrayOf("text", r.patients().toArray(String[]::new)));
                ins.setString(i++, r.detail());
                ins.setString(i++, r.prevHash());
                ins.setString(i, r.hash());
                ins.addBatch();
            }
            ins.executeBatch();
        }
        try (PreparedStatement upd = c.prepareStatement("update audit_chain_head set seq = ?, hash = ? where tenant = ?")) {
            upd.setLong(1, seq);
            upd.setString(2, prev);
            upd.setString(3, tenant);
            upd.executeUpdate();
        }
    }

    /** The last link of a tenant's chain. */
    private record ChainHead(long seq, String hash) {}

    /** The tenant's chain head, locked until the transaction ends; null when there is none yet. */
    private static ChainHead lockHead(Connection c, String tenant) throws SQLException {
        try (PreparedStatement head = c.prepareStatement("select seq, hash from audit_chain_head where tenant = ? for update")) {
            head.setString(1, tenant);
            try (ResultSet rs = head.executeQuery()) {
                return rs.next() ? new ChainHead(rs.getLong(1), rs.getString(2)) : null;
            }
        }
    }

    static AuditRecord row(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), AuditChain.patients(rs.getArray(13)), rs.getString(14),
                rs.getString(15), rs.getString(16));
    }

    /** Events of a tenant, newest first, optionally about one person and/or by one agent. */
    public List<AuditRecord> search(String tenant, String patient, String agent, Timestamp from, Timestamp to, int limit) {
        flush();
        return store.inTenant(tenant, s -> {
            StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_event where tenant = ?");
            List<Object> args = new ArrayList<>(List.of(tenant));
            if (patient != null) { sql.append(" and patients @> ?"); args.add(new String[]{patient}); }
            if (agent != null) { sql.append(" and agent_sub = ?"); args.add(agent); }
            if (from != null) { sql.append(" and recorded >= ?"); args.add(from); }
            if (to != null) { sql.append(" and recorded <= ?"); args.add(to); }
            sql.append(" order by seq desc limit ?");
            args.add(limit);
            Connection c = s.connection();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    Object a = args.get(i);
                    if (a instanceof String[] arr) ps.setArray(i + 1, c.createArrayOf("text", arr));
                    else ps.setObject(i + 1, a);
                }
                List<AuditRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
                return out;
            }
        });
    }

    public AuditChain.Verification verify(String tenant) {
        flush();
        return store.inTenant(tenant, s -> AuditChain.verify(s.connection(), tenant));
    }

    @PreDestroy
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
