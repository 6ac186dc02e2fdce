package org.carebridge.gateway.ecm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.routes.AdminClient;
import org.carebridge.gateway.store.ResourceStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Opt-in measurement, not a test: {@code -Decm.bench=true -Dtest=EcmThroughputBench}. A Kent-size day (12,000
 * people x 3 visits; a check-in and a check-out each = 72,000 events) pushed as CSV over HTTP to a running gateway:
 * check-ins first (visits arrive: Appointment and Encounter created), then check-outs (both updated), in bodies of
 * {@code ecm.bench.batch} events from {@code ecm.bench.clients} concurrent senders. Prints events/s end to end
 * (HTTP, parse, rules, persist, audit) and the per-phase time from the reports. Asserts only that all were accepted.
 * {@code ecm.bench.days}: that many days one after another (the last on a warmed JVM: the steady state);
 * {@code ecm.bench.statements=true}: PostgreSQL's statements of the last day by total time (pg_stat_statements).
 */
@EnabledIfSystemProperty(named = "ecm.bench", matches = "true")
class EcmThroughputBench {
    static final String API_KEY = "bench-key";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void kentDay() throws Exception {
        int people = Integer.getInteger("ecm.bench.people", 12_000);
        int batch = Integer.getInteger("ecm.bench.batch", 10_000);
        int clients = Integer.getInteger("ecm.bench.clients", 2);
        GatewayServer.start(Boolean.getBoolean("ecm.bench.statements")
                ? Map.of("carebridge.store.embedded.statement-statistics", true) : Map.of());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(API_KEY.getBytes(StandardCharsets.UTF_8)));
        Path config = Path.of("target", "test-routes");
        Files.createDirectories(config);
        Files.writeString(config.resolve("kent.yaml"), """
                tenant: kent
                channels:
                  - id: bench-push
                    kind: ecm-http-push
                    partner: bench
                    parameters:
                      api-key-sha256: %s
                      max-bytes: 104857600
                """.formatted(sha));
        assertEquals(200, AdminClient.post("/admin/routes/reload").status());

        int days = Integer.getInteger("ecm.bench.days", 1);
        boolean statements = Boolean.getBoolean("ecm.bench.statements");
        String jdbcUrl = GatewayServer.start().getApplicationContext().getBean(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();
        Instant first = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        for (int d = 0; d < days; d++) {
            // Later days run on a warmed JVM (and a store holding the days before): the last is the steady state.
            if (statements && d == days - 1) adminSql(jdbcUrl, "select pg_stat_statements_reset()");
            day(first.plus(Duration.ofDays(d)), d + 1, people, batch, clients);
        }
        if (statements) {
            System.out.println("ECM BENCH statements of the last day (pg_stat_statements, by total time):");
            try (var c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "postgres"); var st = c.createStatement();
                 var rs = st.executeQuery("select calls, round(total_exec_time::numeric, 1), rows, shared_blks_hit + shared_blks_read,"
                         + " left(regexp_replace(query, '\\s+', ' ', 'g'), 160) from pg_stat_statements order by total_exec_time desc limit 20")) {
                while (rs.next()) {
                    System.out.printf("  %8d calls %9s ms %9d rows %10d buffers  %s%n", rs.getLong(1), rs.getString(2), rs.getLong(3),
                            rs.getLong(4), rs.getString(5));
                }
            }
        }
    }

    /** One day: its visits planned in ecm_visit, then every check-in pushed, then every check-out. */
    static void day(Instant day, int n, int people, int batch, int clients) throws Exception {
        int[] hours = {7, 12, 17};
        String tag = day.toString().substring(0, 10);
        GatewayServer.start().getApplicationContext().getBean(ResourceStore.class).inTenant("kent", s -> {
            try (PreparedStatement ps = s.connection().prepareStatement("insert into ecm_visit (tenant, visit_id, provider_id,"
                    + " order_number, client_id, planned_start, planned_end, time_critical, workers_required, cancelled,"
                    + " missed_at, appointment_id, encounter_id) values ('kent', ?, 'bench', ?, ?, ?, ?, false, 1, false, ?, ?, ?)"
                    + " on conflict do nothing")) {
                for (int p = 0; p < people; p++) {
                    for (int h : hours) {
                        Instant start = day.plus(Duration.ofHours(h));
                        ps.setString(1, visit(tag, p, h));
                        ps.setString(2, "SDO-B" + p);
                        ps.setString(3, "B" + p);
                        ps.setTimestamp(4, Timestamp.from(start));
                        ps.setTimestamp(5, Timestamp.from(start.plus(Duration.ofMinutes(30))));
                        ps.setTimestamp(6, Timestamp.from(start.plus(Duration.ofHours(2))));
                        ps.setString(7, UUID.nameUUIDFromBytes(("bench-a-" + visit(tag, p, h)).getBytes()).toString());
                        ps.setString(8, UUID.nameUUIDFromBytes(("bench-e-" + visit(tag, p, h)).getBytes()).toString());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            return null;
        });

        Map<String, Long> phases = new TreeMap<>();
        long events = 0;
        long postmaster = Long.parseLong(Files.readAllLines(Path.of("target", "test-postgres", "postmaster.pid")).get(0).trim());
        double[] cpu0 = {jvmCpuSeconds(), postgresCpuSeconds(postmaster, true), postgresCpuSeconds(postmaster, false)};
        long started = System.nanoTime();
        for (String kind : List.of("check-in", "check-out")) {
            List<String> bodies = new ArrayList<>();
            StringBuilder b = header();
            int k = 0;
            for (int p = 0; p < people; p++) {
                for (int h : hours) {
                    Instant t = day.plus(Duration.ofHours(h)).plus(Duration.ofMinutes(kind.equals("check-in") ? 5 : 35));
                    b.append(kind).append('-').append(visit(tag, p, h)).append(",B").append(p).append(",SDO-B").append(p)
                            .append(',').append(visit(tag, p, h)).append(",W").append(p % 900).append(',').append(kind)
                            .append(',').append(t).append(",app,true\n");
                    if (++k == batch) {
                        bodies.add(b.toString());
                        b = header();
                        k = 0;
                    }
                }
            }
            if (k > 0) bodies.add(b.toString());
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<JsonNode>> replies = new ArrayList<>();
            HttpClient http = HttpClient.newHttpClient();
            for (String body : bodies) {
                replies.add(pool.submit(() -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(GatewayServer.baseUrl() + "/ingest/kent/bench-push"))
                            .header("X-Api-Key", API_KEY).header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(202, r.statusCode(), r.body());
                    return JSON.readTree(r.body()).get("report");
                }));
            }
            for (Future<JsonNode> f : replies) {
                JsonNode report = f.get();
                assertEquals(0, report.get("rejected").asInt() + report.get("invalid").asInt(), report.toString());
                events += report.get("accepted").asLong();
                report.get("phaseMillis").fields().forEachRemaining(e -> phases.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            }
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ECM BENCH day %d: %d events in %.1f s = %.0f events/s end to end (%d people, batch %d, %d senders; load %s)%n",
                n, events, seconds, events / seconds, people, batch, clients, Files.readString(Path.of("/proc/loadavg")).trim());
        double jvm = (jvmCpuSeconds() - cpu0[0]) * 1000 / events, pg = (postgresCpuSeconds(postmaster, true) - cpu0[1]) * 1000 / events;
        double live = (postgresCpuSeconds(postmaster, false) - cpu0[2]) * 1000 / events;
        System.out.printf("ECM BENCH day %d CPU per event: gateway JVM %.3f ms (with the senders), PostgreSQL %.3f ms (%.3f ms of it"
                + " in the processes still running: the pool's backends, not autovacuum workers); projected %.0f events/s on"
                + " %d cores%n", n, jvm, pg, live, Runtime.getRuntime().availableProcessors() * 1000 / (jvm + pg),
                Runtime.getRuntime().availableProcessors());
        System.out.println("ECM BENCH day " + n + " phases (ms, summed over requests): " + phases);
    }

    static void adminSql(String jdbcUrl, String sql) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "postgres"); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /**
     * The postmaster's CPU plus that of its processes still running (the pool's backends among them), from /proc; with
     * {@code reaped}, also that of children that have ended (autovacuum workers, mostly).
     */
    static double postgresCpuSeconds(long postmaster, boolean reaped) throws Exception {
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        ProcessHandle.of(postmaster).ifPresent(h -> h.children().forEach(c -> pids.add(c.pid())));
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                if (reaped) ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (java.io.IOException ended) {
                // ended between listing and reading: its time is in the postmaster's cutime
            }
        }
        return ticks / 100.0; // USER_HZ
    }

    static String visit(String day, int p, int h) {
        return "BV-" + day + "-" + p + "-" + h;
    }

    static StringBuilder header() {
        return new StringBuilder("eventId,clientId,orderId,visitId,workerId,type,time,method,locationVerified\n");
    }
}
