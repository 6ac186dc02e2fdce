package org.carebridge.gateway.security;

import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.audit.AuditLog;
import org.carebridge.gateway.audit.AuditRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Opt-in measurement (not a test of speed: it asserts only that every call succeeded): the cost of data
 * protection and audit on the hot paths, the same workload under a council token (no visibility restriction,
 * little redaction) and a provider token (relationship SQL, redaction of its types), with audit on for both.
 * Run: {@code mvn -pl gateway -am test -Dtest=DataProtectionCostMeasurement -Dcarebridge.measure=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; results go to standard output.
 */
@EnabledIfSystemProperty(named = "carebridge.measure", matches = "true")
class DataProtectionCostMeasurement {
    private static final int WARMUP = 100;
    private static final int RUNS = 400;

    /** Median ms per call of each token, the two interleaved call by call so machine load hits both alike. */
    private static double[] medians(String path, String... tokens) {
        for (int i = 0; i < WARMUP; i++) for (String t : tokens) assertEquals(200, Http.get(path, t).status(), path);
        long[][] ns = new long[tokens.length][RUNS];
        for (int i = 0; i < RUNS; i++) {
            for (int k = 0; k < tokens.length; k++) {
                long t0 = System.nanoTime();
                assertEquals(200, Http.get(path, tokens[k]).status(), path);
                ns[k][i] = System.nanoTime() - t0;
            }
        }
        double[] out = new double[tokens.length];
        for (int k = 0; k < tokens.length; k++) {
            java.util.Arrays.sort(ns[k]);
            out[k] = ns[k][RUNS / 2] / 1e6;
        }
        return out;
    }

    @Test
    void councilVersusProviderOnTheSameWorkload() {
        SecuritySeed.ensure();
        String p1 = SecuritySeed.idPart("P1");
        Map<String, String> workload = new java.util.LinkedHashMap<>();
        workload.put("read Appointment", "/fhir/kent/" + SecuritySeed.id("A1"));
        workload.put("read Patient", "/fhir/kent/" + SecuritySeed.id("P1"));
        workload.put("search Appointment?patient", "/fhir/kent/Appointment?patient=" + p1);
        workload.put("search ServiceRequest?subject", "/fhir/kent/ServiceRequest?subject=Patient/" + p1);
        workload.put("search Task?patient&_include", "/fhir/kent/Task?patient=" + p1 + "&_include=Task:patient");
        System.out.printf("%-34s %12s %12s %8s%n", "workload (median of " + RUNS + ")", "council ms", "provider ms", "ratio");
        for (var e : workload.entrySet()) {
            double[] m = medians(e.getValue(), Roles.COUNCIL.token(), Roles.PROVIDER.token());
            System.out.printf("%-34s %12.2f %12.2f %8.2f%n", e.getKey(), m[0], m[1], m[1] / m[0]);
        }
        // The audit append itself: events handed to the writer, and the time until all are chained in the database.
        AuditLog log = GatewayServer.start().getApplicationContext().getBean(AuditLog.class);
        log.flush();
        int n = 20_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            log.record(AuditRecord.of("kent", "read", 200, "measure", "PA1", "provider", "provider-office", "", "127.0.0.1",
                    "Appointment/x", List.of("p" + (i % 50)), ""));
        }
        long handed = System.nanoTime();
        log.flush();
        long chained = System.nanoTime();
        System.out.printf("audit: %d events handed over in %.1f ms (%.2f us each on the request thread), chained in %.0f ms"
                        + " (%.0f events/s)%n", n, (handed - t0) / 1e6, (handed - t0) / 1e3 / n, (chained - t0) / 1e6,
                n / ((chained - t0) / 1e9));
    }
}
