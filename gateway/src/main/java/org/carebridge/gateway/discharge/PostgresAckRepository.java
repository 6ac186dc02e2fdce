package org.carebridge.gateway.discharge;

import jakarta.inject.Singleton;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.routes.hl7.AckRepository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * First ACKs in table hl7_ack, so a retransmission gets the same ACK after a restart or on another node.
 * Keys start with the tenant ({@link AckRepository#key}); each call is its own tenant-bound transaction.
 */
@Singleton
public class PostgresAckRepository implements AckRepository {
    private final ResourceStore store;

    public PostgresAckRepository(ResourceStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> find(String key) {
        String tenant = tenantOf(key);
        return store.inTenant(tenant, s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "select ack from hl7_ack where tenant = ? and ack_key = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public String saveIfAbsent(String key, String ack) {
        String tenant = tenantOf(key);
        return store.inTenant(tenant, s -> {
            try (PreparedStatement ins = s.connection().prepareStatement(
                    "insert into hl7_ack (tenant, ack_key, ack) values (?, ?, ?) on conflict do nothing")) {
                ins.setString(1, tenant);
                ins.setString(2, key);
                ins.setString(3, ack);
                ins.executeUpdate();
            }
            try (PreparedStatement ps = s.connection().prepareStatement(
                    "select ack from hl7_ack where tenant = ? and ack_key = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private static String tenantOf(String key) {
        int bar = key.indexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("ACK key does not start with a tenant");
        }
        return key.substring(0, bar);
    }
}
