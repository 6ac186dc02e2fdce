package org.carebridge.benchmarks.scenario;

import org.carebridge.benchmarks.load.Result;
import org.carebridge.benchmarks.load.RssSampler;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: launches {@code java -jar <gateway.jar>} (the README command) on a free port with its own data
 * directory, times the first 200 on /fhir/kent/metadata, then stops it. The first start initialises PostgreSQL;
 * the later ones are the goal's case ("embedded PostgreSQL already initialised").
 */
public final class Startup implements Scenario {
    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String describe() {
        return "java -jar gateway.jar to the first 200 on /metadata (cold, then warm starts) and idle RSS";
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        if (ctx.gatewayJar() == null) throw new IllegalArgumentException("startup: --gateway-jar is required");
        Path data = ctx.dataDir() != null ? ctx.dataDir() : Files.createTempDirectory("bench-startup-pg");
        List<Double> times = new ArrayList<>();
        long rss = -1;
        for (int run = 0; run < 3; run++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dcarebridge.store.embedded.data-dir=" + data, "-jar", ctx.gatewayJar().toString())
                    .redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + "-gateway.log").toFile());
            pb.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
            long t0 = System.nanoTime();
            Process p = pb.start();
            try {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
                URI uri = URI.create("http://localhost:" + port + "/fhir/kent/metadata");
                boolean up = false;
                while (!up && System.nanoTime() - t0 < 120_000_000_000L && p.isAlive()) {
                    try {
                        up = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (java.io.IOException e) {
                        Thread.sleep(20);
                    }
                }
                if (!up) throw new IllegalStateException("startup: the gateway did not answer /metadata (see the log beside " + data + ")");
                times.add((System.nanoTime() - t0) / 1e9);
                Thread.sleep(1000);
                rss = RssSampler.rssKb(p.pid()) / 1024;
            } finally {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            }
        }
        Result r = new Result(name()).condition("jar", ctx.gatewayJar().toString()).condition("dataDir", data.toString());
        r.row("first start (initialises PostgreSQL)", times.get(0), "s", "");
        r.row("start, PostgreSQL initialised", Math.min(times.get(1), times.get(2)), "s", "goal <= 5 s; anchor 37-51 s");
        r.row("RSS 1 s after start (JVM only)", rss, "MB", "goal <= 800 MB under load");
        r.detail("all starts (s)", times);
        return r;
    }
}
