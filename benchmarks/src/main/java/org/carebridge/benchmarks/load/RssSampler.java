package org.carebridge.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples the resident set size of a process (the gateway under load) from /proc every 200 ms; keeps the peak. */
public final class RssSampler implements AutoCloseable {
    private final long pid;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakKb;

    public RssSampler(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::loop, "rss-sampler");
        thread.setDaemon(true);
        if (pid > 0) thread.start();
    }

    private void loop() {
        while (running) {
            long kb = rssKb(pid);
            if (kb > peakKb) peakKb = kb;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** VmRSS of the process in KiB, or -1 when it cannot be read (no such process, not Linux). */
    public static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public boolean active() {
        return pid > 0;
    }

    public long peakMb() {
        return peakKb / 1024;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
