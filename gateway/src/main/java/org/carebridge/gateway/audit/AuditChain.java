package org.carebridge.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** The hash chain: hash = SHA-256(prev_hash "\n" canonical content); the first row's prev_hash is 64 zeros. */
public final class AuditChain {
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    public static String hash(String prevHash, String canonical) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prevHash.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
            md.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Outcome of a verification: how many rows were checked and, when broken, where and why. */
    public record Verification(String tenant, boolean intact, long rows, Long brokenAtSeq, String reason) {}

    /** Walks the tenant's chain in order; the connection must be bound to the tenant (row-level security). */
    public static Verification verify(Connection c, String tenant) throws SQLException {
        String prev = GENESIS;
        long expected = 1;
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("select " + AuditLog.COLUMNS + " from audit_event where tenant = ?"
                + " order by seq")) {
            ps.setString(1, tenant);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditRecord r = AuditLog.row(rs);
                    rows++;
                    if (r.seq() != expected) return new Verification(tenant, false, rows, r.seq(), "sequence gap: expected " + expected);
                    if (!r.prevHash().equals(prev)) return new Verification(tenant, false, rows, r.seq(), "prev_hash does not match the previous row");
                    if (!hash(prev, r.canonical()).equals(r.hash())) return new Verification(tenant, false, rows, r.seq(), "content does not match its hash");
                    prev = r.hash();
                    expected++;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select seq, hash from audit_chain_head where tenant = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    if (rs.getLong(1) != expected - 1 || !rs.getString(2).equals(prev)) {
                        return new Verification(tenant, false, rows, expected, "rows are missing after the last one present");
                    }
                } else if (rows > 0) {
                    return new Verification(tenant, false, rows, null, "chain head missing");
                }
            }
        }
        return new Verification(tenant, true, rows, null, null);
    }

    static List<String> patients(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}
