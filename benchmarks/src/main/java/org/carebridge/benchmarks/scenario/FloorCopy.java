package org.carebridge.benchmarks.scenario;

import ca.uhn.fhir.parser.IParser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.Model.Visit;
import org.carebridge.benchmarks.load.CpuMeter;
import org.carebridge.benchmarks.load.LoadRunner;
import org.carebridge.benchmarks.load.Result;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The physical floor under ingest and search: the workload's Appointments (columns plus the same compact JSON) as
 * rows through PostgreSQL COPY, without and with the search index, then the equivalent indexed query
 * (patient + date range) at 32 JDBC clients. Against --jdbc-url (e.g. the gateway's own PostgreSQL) or a PostgreSQL
 * started here with the gateway's settings (fsync and synchronous_commit on).
 */
public final class FloorCopy implements Scenario {
    private static final String TABLE = "bench_floor_appointment";

    @Override
    public String name() {
        return "floor-copy";
    }

    @Override
    public String describe() {
        return "the same rows through PostgreSQL COPY, and the equivalent indexed search at 32 JDBC clients";
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        EmbeddedPostgres own = null;
        String url = ctx.jdbcUrl();
        try {
            if (url == null) {
                Path dir = Files.createTempDirectory("bench-floor-pg");
                own = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                        .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on").setServerConfig("shared_buffers", "128MB")
                        .setServerConfig("max_connections", "100").start();
                url = own.getJdbcUrl("postgres", "postgres");
            }
            return measure(ctx, url, own == null ? "given --jdbc-url" : "own embedded PostgreSQL");
        } finally {
            if (own != null) own.close();
        }
    }

    private Result measure(RunContext ctx, String url, String where) throws Exception {
        Workload w = ctx.workload();
        IParser parser = FhirFactory.json();
        StringBuilder csv = new StringBuilder(w.visits.size() * 700);
        for (Visit v : w.visits) {
            String json = parser.encodeResourceToString(ctx.fhir().appointment(v, w.orderOf(v)));
            csv.append(ctx.fhir().appointmentId(v.personIndex(), v.day(), v.slot())).append('\t')
                    .append(ctx.fhir().patientId(v.personIndex())).append('\t')
                    .append(v.plannedStart().toInstant(ZoneOffset.UTC)).append('\t')
                    .append(v.plannedStart().plusMinutes(v.minutes()).toInstant(ZoneOffset.UTC)).append('\t')
                    .append("booked\t").append(json.replace("\\", "\\\\")).append('\n');
        }
        byte[] rows = csv.toString().getBytes(StandardCharsets.UTF_8);
        Result r = new Result(name()).condition("postgres", where).condition("rows", w.visits.size())
                .condition("bytes", rows.length);
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(url);
        long pgPid = port.find() ? CpuMeter.postgresOnPort(Integer.parseInt(port.group(1))) : 0;
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement st = c.createStatement()) {
                st.execute("drop table if exists " + TABLE);
                st.execute("create table " + TABLE + " (id text primary key, patient text not null, start_at timestamptz not null,"
                        + " end_at timestamptz not null, status text not null, content jsonb not null)");
            }
            CpuMeter plainCpu = CpuMeter.start(0, pgPid);
            double plain = copy(c, rows, w.visits.size());
            Result scratch = new Result("scratch");
            plainCpu.report(scratch, "row", w.visits.size());
            try (Statement st = c.createStatement()) {
                st.execute("truncate " + TABLE);
                st.execute("create index " + TABLE + "_search on " + TABLE + " (patient, start_at)");
            }
            CpuMeter indexedCpu = CpuMeter.start(0, pgPid);
            double indexed = copy(c, rows, w.visits.size());
            indexedCpu.report(scratch, "indexed row", w.visits.size());
            try (Statement st = c.createStatement()) {
                st.execute("analyze " + TABLE);
            }
            r.row("COPY (primary key only)", plain, "rows/s", "anchor machine 114,000");
            r.row("COPY (with search index)", indexed, "rows/s", "anchor machine 77,500");
            if (pgPid > 0) {
                r.row("COPY projected, machine to ourselves", projected(scratch, "row CPU"), "rows/s",
                        "cores / (PostgreSQL + driver) CPU per row; fsync waits not included");
                r.row("COPY with index projected", projected(scratch, "indexed row CPU"), "rows/s", "as above");
            }
        }
        int clients = ctx.concurrencyOr(32);
        List<Connection> conns = new ArrayList<>();
        List<PreparedStatement> stmts = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Connection c = DriverManager.getConnection(url);
                conns.add(c);
                stmts.add(c.prepareStatement("select content from " + TABLE + " where patient = ? and start_at >= ? and start_at < ?"));
            }
            int people = w.people.size();
            int days = ctx.world().scale().days();
            LocalDate week = ctx.world().scale().weekStart();
            SplittableRandom[] rngs = new SplittableRandom[clients];
            for (int i = 0; i < clients; i++) rngs[i] = new SplittableRandom(ctx.world().seed() * 31 + i);
            CpuMeter[] cpu = new CpuMeter[1];
            LoadRunner.Stats s = LoadRunner.timed(clients, ctx.warmupSeconds(), ctx.durationSeconds(), (u, i) -> {
                int d = rngs[u].nextInt(Math.max(1, days - 1));
                PreparedStatement ps = stmts.get(u);
                ps.setString(1, ctx.fhir().patientId(rngs[u].nextInt(people)));
                ps.setTimestamp(2, Timestamp.from(week.plusDays(d).atStartOfDay().toInstant(ZoneOffset.UTC)));
                ps.setTimestamp(3, Timestamp.from(week.plusDays(d + 2).atStartOfDay().toInstant(ZoneOffset.UTC)));
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                        n++;
                    }
                }
                return "ok";
            }, () -> cpu[0] = CpuMeter.start(0, pgPid));
            r.condition("clients", clients);
            r.load("indexed query", s, "q/s", "anchor machine 9,180 tps", "anchor machine 6.9 ms");
            if (pgPid > 0) {
                cpu[0].report(r, "query", s.ok() + s.failed());
                r.row("query projected, machine to ourselves", projected(r, "query CPU"), "q/s",
                        "cores / (PostgreSQL + driver) CPU per query");
            }
        } finally {
            for (Connection c : conns) c.close();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("drop table if exists " + TABLE);
            }
        }
        return r;
    }

    /** cores / the summed CPU-per-operation rows whose metric starts with {@code prefix}. */
    private static double projected(Result r, String prefix) {
        double ms = r.rows().stream().filter(x -> x.metric().startsWith(prefix))
                .mapToDouble(x -> ((Number) x.value()).doubleValue()).sum();
        return Runtime.getRuntime().availableProcessors() * 1000.0 / Math.max(1e-6, ms);
    }

    private static double copy(Connection c, byte[] rows, int count) throws Exception {
        CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
        long t0 = System.nanoTime();
        long n = cm.copyIn("copy " + TABLE + " (id, patient, start_at, end_at, status, content) from stdin", new ByteArrayInputStream(rows));
        double secs = (System.nanoTime() - t0) / 1e9;
        if (n != count) throw new IllegalStateException("COPY wrote " + n + " rows, expected " + count);
        return count / secs;
    }
}
