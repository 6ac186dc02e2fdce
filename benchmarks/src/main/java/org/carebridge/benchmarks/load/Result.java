package org.carebridge.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's results: rows of (metric, value, unit, goal/anchor note) printed as a table, and written with the
 * run's conditions as JSON to results/&lt;scenario&gt;-&lt;timestamp&gt;.json.
 */
public final class Result {
    public record Row(String metric, Object value, String unit, String compare) {}

    private final String scenario;
    private final Instant at = Instant.now();
    private final Map<String, Object> conditions = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    public Result(String scenario) {
        this.scenario = scenario;
    }

    public String scenario() {
        return scenario;
    }

    public Result condition(String key, Object value) {
        conditions.put(key, value);
        return this;
    }

    public Result row(String metric, Object value, String unit, String compare) {
        rows.add(new Row(metric, value instanceof Double d ? round(d) : value, unit, compare == null ? "" : compare));
        return this;
    }

    /** Two decimals, or four below 10 (CPU milliseconds per row are small). */
    static double round(double d) {
        double scale = Math.abs(d) < 10 ? 10_000 : 100;
        return Math.round(d * scale) / scale;
    }

    public Result detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    public List<Row> rows() {
        return rows;
    }

    private String invalid;

    /** The run answered but did not measure what it claims (e.g. searches that found nothing): it counts as failed. */
    public Result invalid(String why) {
        this.invalid = why;
        return this;
    }

    /** Why this run measured nothing, or null. */
    public String invalid() {
        return invalid;
    }

    /** Adds throughput and latency rows of a load run. */
    public Result load(String what, LoadRunner.Stats s, String unit, String rateCompare, String p99Compare) {
        row(what + " throughput", s.perSecond(), unit, rateCompare);
        row(what + " p50", s.latency().percentileMillis(50), "ms", null);
        row(what + " p95", s.latency().percentileMillis(95), "ms", null);
        row(what + " p99", s.latency().percentileMillis(99), "ms", p99Compare);
        row(what + " ok / failed", s.ok() + " / " + s.failed(), "", null);
        if (s.openLoop()) {
            // Open loop: the latencies above run from each operation's due time; these from when it was sent.
            row(what + " scheduled rate (open loop)", s.rate(), "/s", "latencies from the due time");
            row(what + " service time p50", s.service().percentileMillis(50), "ms", "from the send");
            row(what + " service time p99", s.service().percentileMillis(99), "ms", "from the send");
            row(what + " latest send behind schedule", s.maxLateMillis(), "ms", "> 0: the users were all busy");
        }
        detail(what + " outcomes", s.outcomes());
        detail(what + " measured seconds", Math.round(s.seconds() * 100) / 100.0);
        return this;
    }

    public void print(PrintStream out) {
        out.println();
        out.println("== " + scenario + "  " + conditions);
        int w = Math.max(20, rows.stream().mapToInt(r -> r.metric().length()).max().orElse(20));
        out.printf("%-" + w + "s | %14s | %-8s | %s%n", "metric", "value", "unit", "goal / anchor");
        out.println("-".repeat(w) + "-+-" + "-".repeat(14) + "-+-" + "-".repeat(8) + "-+-" + "-".repeat(30));
        for (Row r : rows) {
            String v = r.value() instanceof Double d ? String.format(Math.abs(d) < 10 ? "%,.3f" : "%,.2f", d)
                    : r.value() instanceof Number n ? String.format("%,d", n.longValue()) : String.valueOf(r.value());
            out.printf("%-" + w + "s | %14s | %-8s | %s%n", r.metric(), v, r.unit(), r.compare());
        }
        details.forEach((k, v) -> out.println("  " + k + ": " + v));
    }

    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(at);
        Path file = dir.resolve(scenario + "-" + stamp + ".json");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", scenario);
        json.put("at", at.toString());
        json.put("conditions", conditions);
        json.put("results", rows);
        json.put("details", details);
        if (invalid != null) json.put("invalid", invalid);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        return file;
    }
}
