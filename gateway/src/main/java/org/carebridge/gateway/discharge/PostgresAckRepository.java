package org.carebridge.gateway.discharge;

import jakarta.inject.Singleton;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.routes.hl7.AckRepository;

import org.carebridge.gateway.store.StoreSession;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * First ACKs in table hl7_ack, so a retransmission gets the same ACK after a restart or on another node.
 * Keys start with the tenant ({@link AckRepository#key}); each call is its own tenant-bound transaction. Valid
 * messages do not come here: {@link HospitalStayService} stores their ACKs in the transaction that applies them.
 */
@Singleton
public class PostgresAckRepository implements AckRepository {
    private final ResourceStore store;

    public PostgresAckRepository(ResourceStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> find(String key) {
        return store.inTenant(tenantOf(key), s -> find(s, key));
    }

    @Override
    public String saveIfAbsent(String key, String ack) {
        return store.inTenant(tenantOf(key), s -> saveIfAbsent(s, key, ack));
    }

    /** The ACK stored under the key, in the caller's transaction (its tenant must be the key's). */
    static Optional<String> find(StoreSession s, String key) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement(
                "select ack from hl7_ack where tenant = ? and ack_key = ?")) {
            ps.setString(1, tenantOf(key));
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Stores the ACK unless one is there, in the caller's transaction; returns the one stored (the first wins). */
    static String saveIfAbsent(StoreSession s, String key, String ack) throws SQLException {
        try (PreparedStatement ins = s.connection().prepareStatement(
                "insert into hl7_ack (tenant, ack_key, ack) values (?, ?, ?) on conflict do nothing")) {
            ins.setString(1, tenantOf(key));
            ins.setString(2, key);
            ins.setString(3, ack);
            if (ins.executeUpdate() == 1) return ack;
        }
        return find(s, key).orElseThrow();
    }

    private static String tenantOf(String key) {
        int bar = key.indexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("ACK key does not start with a tenant");
        }
        return key.substring(0, bar);
    }
}
