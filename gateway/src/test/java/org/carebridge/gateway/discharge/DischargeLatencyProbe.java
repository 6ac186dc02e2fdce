package org.carebridge.gateway.discharge;

import org.carebridge.routes.hl7.MllpClient;

import static org.carebridge.gateway.discharge.BarsMessages.*;
import static org.carebridge.gateway.discharge.DischargeTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import org.carebridge.gateway.GatewayServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opt-in measurement (not a test of timing: it asserts only that every message succeeded): $process-message
 * referrals and HL7 v2 A01/A03 over MLLP sent open-loop at a fixed rate against the in-JVM gateway, latency
 * measured from each message's scheduled send time (so queueing counts), CPU metered per message: this JVM
 * (gateway + driver) and the embedded PostgreSQL (postmaster and backends), from /proc. Run with
 * {@code mvn -pl gateway -am test -Dtest=DischargeLatencyProbe -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcarebridge.probe=true [-Dcarebridge.probe.rate=50 -Dcarebridge.probe.seconds=20]}.
 */
class DischargeLatencyProbe {
    private static final int RATE = Integer.getInteger("carebridge.probe.rate", 50);
    private static final int SECONDS = Integer.getInteger("carebridge.probe.seconds", 20);

    interface Send {
        boolean send(int i) throws Exception;
    }

    @Test
    void processMessageAndMllpAtFiftyPerSecond() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("carebridge.probe"), "opt-in: -Dcarebridge.probe=true");
        GatewayServer.start();
        int port = Notifications.freePort();
        // the listener, and notifications polled at the shipped default (1 s), so idle polling is not counted per message
        Notifications.kentRoutes(port, false);

        // warm-up, then the measured runs
        run("warm-up $process-message", 5, this::sendReferral);
        report("$process-message", run("$process-message", SECONDS, this::sendReferral));

        // one connection per sender, as an interface engine holds one; closed after each run
        java.util.concurrent.BlockingQueue<MllpClient> connections = new java.util.concurrent.LinkedBlockingQueue<>();
        // A01 then A03 of the same person (the pair the benchmarks send), a new person per pair
        String[] people = new String[RATE * (SECONDS + 5) / 2 + 1];
        for (int k = 0; k < people.length; k++) people[k] = newNhsNumber();
        Send adt = i -> {
            String nhs = people[i / 2];
            String trigger = i % 2 == 0 ? "A01" : "A03";
            MllpClient c = connections.poll();
            if (c == null) c = new MllpClient(port);
            try {
                String ack = c.send(Adt.message(trigger, "P-" + UUID.randomUUID(), nhs, clock().now(),
                        trigger.equals("A03") ? clock().now() : null));
                if (!"AA".equals(MllpClient.ackCode(ack))) System.out.println("PROBE non-AA: " + ack.replace('\r', '/'));
                return "AA".equals(MllpClient.ackCode(ack));
            } finally {
                connections.add(c);
            }
        };
        tableScans();
        try {
            run("warm-up MLLP", 5, adt);
            report("MLLP ADT", run("MLLP ADT", SECONDS, adt));
        } finally {
            for (MllpClient c : connections) c.close();
        }
    }

    /** Where PostgreSQL reads rows without an index (a hint for the CPU per message, printed only). */
    private static void tableScans() {
        bean(org.carebridge.gateway.store.ResourceStore.class).inTenant("kent", s -> {
            try (var ps = s.connection().prepareStatement("select relname, seq_scan, seq_tup_read, idx_scan, n_tup_ins"
                    + " from pg_stat_user_tables order by seq_tup_read desc limit 8"); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    System.out.printf("PROBE table %s: seq_scan %d, seq_tup_read %d, idx_scan %d, inserted %d%n", rs.getString(1),
                            rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                }
            }
            return null;
        });
    }

    private boolean sendReferral(int i) {
        Response r = post("kent", "$process-message", json(referral(newNhsNumber(), "P-" + UUID.randomUUID(), discharge())),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        return r.status() == 200;
    }

    record Run(String name, long[] latenciesNanos, int failed, double seconds, double cpuMsJvm, double cpuMsPostgres) {}

    private Run run(String name, int seconds, Send send) throws Exception {
        int total = RATE * seconds;
        long periodNanos = 1_000_000_000L / RATE;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        // 8 senders: below the listener's max-concurrent-consumers (10); MLLP connections are pooled across runs
        ExecutorService senders = Executors.newFixedThreadPool(8);
        double jvm0 = jvmCpuMs(), pg0 = postgresCpuMs();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            int n = i;
            senders.submit(() -> {
                try {
                    if (!send.send(n)) failed.incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
                latencies.add(System.nanoTime() - due);
            });
        }
        senders.shutdown();
        assertTrue(senders.awaitTermination(5, TimeUnit.MINUTES));
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] l = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        Run r = new Run(name, l, failed.get(), elapsed, (jvmCpuMs() - jvm0) / total, (postgresCpuMs() - pg0) / total);
        assertEquals(0, r.failed(), name + ": every message succeeds");
        return r;
    }

    private static void report(String what, Run r) {
        long[] l = r.latenciesNanos();
        System.out.printf("PROBE %s: %d messages in %.1f s (%.1f/s offered %d/s), p50 %.1f ms, p95 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms; CPU per message: JVM (gateway+driver) %.2f ms, PostgreSQL %.2f ms; load %s%n",
                what, l.length, r.seconds(), l.length / r.seconds(), RATE, pct(l, 50), pct(l, 95), pct(l, 99),
                l[l.length - 1] / 1e6, r.cpuMsJvm(), r.cpuMsPostgres(), loadAverage());
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }

    private static double jvmCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
    }

    /** utime+stime of the PostgreSQL processes this JVM started (postmaster and backends), in ms. */
    private static double postgresCpuMs() {
        double ticks = 0;
        // pg_ctl daemonises the postmaster, so it is found by its data directory, then its backends under it.
        List<ProcessHandle> postgres = new ArrayList<>();
        // (the postmaster's working directory is its data directory, which differs per worktree)
        Path dataDir = Path.of("target", "test-postgres").toAbsolutePath();
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("test-postgres") && cwd(p).equals(dataDir))
                .forEach(p -> {
                    postgres.add(p);
                    postgres.addAll(p.descendants().toList());
                });
        for (ProcessHandle p : postgres) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (IOException | RuntimeException e) {
                // process ended between listing and reading
            }
        }
        return ticks * 10; // USER_HZ = 100
    }

    /** Other worktrees run the same data directory name, relative: ours is the one started from this directory. */
    private static Path cwd(ProcessHandle p) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"));
        } catch (IOException | RuntimeException e) {
            return Path.of("/nonexistent");
        }
    }

    private static String loadAverage() {
        try {
            return Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
