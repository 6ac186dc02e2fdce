package org.carebridge.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time used by the processes of a run (the gateway JVM, PostgreSQL with its backends, this driver), from
 * /proc/&lt;pid&gt;/stat. On a machine shared with other work, throughput says how much CPU we were given; CPU per
 * operation says what the work costs, and {@code cores / cost} what the machine could do if it were ours.
 */
public final class CpuMeter {
    private static final double TICK = 1.0 / ticks();
    private final long gatewayPid, postgresPid;
    private final double[] start;

    private CpuMeter(long gatewayPid, long postgresPid) {
        this.gatewayPid = gatewayPid;
        this.postgresPid = postgresPid;
        this.start = sample();
    }

    public static CpuMeter start(long gatewayPid, long postgresPid) {
        return new CpuMeter(gatewayPid, postgresPid);
    }

    /** CPU seconds so far of gateway, postgres (postmaster and every backend) and this driver. */
    private double[] sample() {
        return new double[]{gatewayPid > 0 ? cpuSeconds(gatewayPid, false) : 0,
                postgresPid > 0 ? cpuSeconds(postgresPid, true) : 0,
                cpuSeconds(ProcessHandle.current().pid(), false)};
    }

    /** Adds CPU-per-operation rows for {@code operations} done since {@link #start}. */
    public void report(Result r, String what, long operations) {
        double[] end = sample();
        if (operations <= 0) return;
        double gw = (end[0] - start[0]) * 1000 / operations;
        double pg = (end[1] - start[1]) * 1000 / operations;
        double drv = (end[2] - start[2]) * 1000 / operations;
        int cores = Runtime.getRuntime().availableProcessors();
        if (gatewayPid > 0) r.row(what + " CPU: gateway JVM", gw, "ms/op", null);
        if (postgresPid > 0) r.row(what + " CPU: PostgreSQL", pg, "ms/op", null);
        r.row(what + " CPU: load driver", drv, "ms/op", null);
        if (gatewayPid > 0 && postgresPid > 0) {
            r.row(what + " projected, machine to ourselves", cores * 1000 / (gw + pg + drv), "op/s",
                    cores + " cores / (gateway + PostgreSQL + driver) CPU per op");
        }
    }

    static double cpuSeconds(long pid, boolean withDescendants) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        if (withDescendants) ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        long ticks = 0;
        for (long p : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // Fields after the command: state(0) ... utime(11) stime(12) cutime(13) cstime(14).
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (IOException | RuntimeException e) {
                // The process ended between listing and reading: its time is in its parent's cutime.
            }
        }
        return ticks * TICK;
    }

    private static long ticks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            return Long.parseLong(s);
        } catch (IOException | NumberFormatException e) {
            return 100;
        }
    }

    /** The postmaster serving {@code port} on this machine (its command line carries "-p port"), or 0. */
    public static long postgresOnPort(int port) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains("postgres") && c.contains(" -p " + port + " ")).orElse(false))
                .filter(h -> h.parent().map(pp -> !pp.info().command().orElse("").endsWith("postgres")).orElse(true))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(0);
    }
}
