package org.carebridge.gateway.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Command line: verifies the audit hash chain of one or more tenants straight from PostgreSQL, without the
 * gateway running.
 * <pre>
 * CAREBRIDGE_DB_PASSWORD=... java -cp "gateway/target/gateway.jar:gateway/target/lib/*" \
 *     org.carebridge.gateway.audit.VerifyAuditChain jdbc:postgresql://db/carebridge dbuser kent,lbhf
 * </pre>
 * Exit status 0 when every chain is intact, 1 when one is broken (the row and reason are printed), 2 on misuse.
 */
public final class VerifyAuditChain {
    private VerifyAuditChain() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: VerifyAuditChain <jdbc-url> <user> <tenant[,tenant...]>  (password in CAREBRIDGE_DB_PASSWORD)");
            System.exit(2);
        }
        String password = System.getenv().getOrDefault("CAREBRIDGE_DB_PASSWORD", "");
        int status = 0;
        try (Connection c = DriverManager.getConnection(args[0], args[1], password)) {
            c.setReadOnly(true);
            for (String tenant : args[2].split(",")) {
                AuditChain.Verification v = verify(c, tenant.trim());
                System.out.println(v.intact()
                        ? "tenant " + v.tenant() + ": intact, " + v.rows() + " events"
                        : "tenant " + v.tenant() + ": BROKEN at seq " + v.brokenAtSeq() + ": " + v.reason());
                if (!v.intact()) status = 1;
            }
        } catch (SQLException e) {
            System.err.println("cannot verify: SQLState " + e.getSQLState() + " " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    public static AuditChain.Verification verify(Connection c, String tenant) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("select set_config('carebridge.tenant', ?, true)")) {
            ps.setString(1, tenant);
            ps.execute();
        }
        try {
            return AuditChain.verify(c, tenant);
        } finally {
            c.rollback();
        }
    }
}
