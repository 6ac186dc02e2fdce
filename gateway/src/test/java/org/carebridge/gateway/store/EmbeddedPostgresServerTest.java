package org.carebridge.gateway.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded server's settings as PostgreSQL reports them, with and without statement statistics. */
class EmbeddedPostgresServerTest {

    @Test
    void statementStatisticsWhenAskedRecordTheStatementsRun(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"), 0, true);
             Connection c = pg.adminDataSource().getConnection(); Statement st = c.createStatement()) {
            assertEquals("on", one(st, "show fsync"));
            assertEquals("on", one(st, "show synchronous_commit"));
            st.execute("create table probe (n int)");
            st.execute("insert into probe select generate_series(1, 10)");
            assertEquals("1", one(st, "select count(*) from pg_stat_statements where query like 'insert into probe%'"));
        }
    }

    @Test
    void withoutStatementStatisticsNothingIsLoaded(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"), 0);
             Connection c = pg.adminDataSource().getConnection(); Statement st = c.createStatement()) {
            assertFalse(one(st, "show shared_preload_libraries").contains("pg_stat_statements"));
            SQLException e = assertThrows(SQLException.class, () -> one(st, "select count(*) from pg_stat_statements"));
            assertTrue(e.getMessage().contains("pg_stat_statements"), e.getMessage());
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
