package org.carebridge.gateway.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * V4 on a store made before it: the Appointment.patient rows already stored take their Appointment's date, other
 * reference rows stay undated. Run as a table owner that is not a superuser (as with an external PostgreSQL), for
 * whom the forced row-level security would otherwise hide every row from the migration's update.
 */
class DatedReferenceMigrationTest {

    @Test
    void storedAppointmentPatientRowsTakeTheirAppointmentsDate(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"), 0)) {
            try (Connection admin = pg.adminDataSource().getConnection(); Statement st = admin.createStatement()) {
                st.execute("create role store_owner login nosuperuser");
                st.execute("create database owned owner store_owner");
            }
            String url = pg.jdbcUrl().replace("/postgres", "/owned");
            Flyway.configure().dataSource(url, "store_owner", null).locations("classpath:db/migration")
                    .outOfOrder(true).target("3").load().migrate();
            try (Connection c = DriverManager.getConnection(url, "store_owner", null); Statement st = c.createStatement()) {
                // The owner is subject to the forced policy too: it declares a tenant to write, as the gateway does.
                st.execute("select set_config('carebridge.tenant', 'kent', false)");
                st.execute("insert into fhir_idx_ref (tenant, res_type, res_id, param, target_type, target_id) values"
                        + " ('kent', 'Appointment', 'a1', 'patient', 'Patient', 'p1'),"
                        + " ('kent', 'Appointment', 'a1', 'actor', 'Patient', 'p1'),"
                        + " ('kent', 'Appointment', 'a2', 'patient', 'Patient', 'p1'),"
                        + " ('kent', 'CarePlan', 'c1', 'patient', 'Patient', 'p1')");
                st.execute("insert into fhir_idx_date (tenant, res_type, res_id, param, low, high) values"
                        + " ('kent', 'Appointment', 'a1', 'date', '2026-12-07T09:00:00Z', '2026-12-07T09:00:00.999Z'),"
                        + " ('kent', 'CarePlan', 'c1', 'date', '2026-01-01T00:00:00Z', 'infinity')");
            }
            Flyway.configure().dataSource(url, "store_owner", null).locations("classpath:db/migration")
                    .outOfOrder(true).load().migrate();
            try (Connection c = DriverManager.getConnection(url, "store_owner", null); Statement st = c.createStatement()) {
                st.execute("select set_config('carebridge.tenant', 'kent', false)");
                assertEquals(List.of(
                        "Appointment/a1 actor null null",
                        "Appointment/a1 patient 2026-12-07 09:00:00+00 2026-12-07 09:00:00.999+00",
                        "Appointment/a2 patient null null", // no start: not dated, out of the partial index
                        "CarePlan/c1 patient null null"), rows(c));
                assertEquals("2", one(st, "select count(*) from pg_class where relforcerowsecurity"
                        + " and relname in ('fhir_idx_ref', 'fhir_idx_date')"), "row-level security forced again");
            }
        }
    }

    private static List<String> rows(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select res_type || '/' || res_id, param,"
                + " coalesce(to_char(low at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00', 'null'),"
                + " coalesce(to_char(high at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') || '+00', 'null')"
                + " from fhir_idx_ref order by 1, 2"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        }
        return out;
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
