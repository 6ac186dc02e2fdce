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
 * Start-up: launches the gateway with the README command ({@code gateway/bin/gateway}; {@code java -jar} for a build
 * without it) on a free port with its own data
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
        return "gateway/bin/gateway (or java -jar) to the first 200 on /metadata (cold, then warm starts) and idle RSS";
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
            ProcessBuilder pb = launch(ctx.gatewayJar(), data)
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
        Result r = new Result(name()).condition("launcher", launcher(ctx.gatewayJar()) != null ? "gateway/bin/gateway" : "java -jar")
                .condition("jar", ctx.gatewayJar().toString()).condition("dataDir", data.toString());
        r.row("first start (initialises PostgreSQL)", times.get(0), "s", "");
        r.row("start, PostgreSQL initialised", Math.min(times.get(1), times.get(2)), "s", "goal <= 5 s; anchor 37-51 s");
        r.row("RSS 1 s after start (JVM only)", rss, "MB", "goal <= 800 MB under load");
        r.detail("all starts (s)", times);
        return r;
    }

    /**
     * The README command: the build's launcher ({@code gateway/bin/gateway} beside {@code gateway/target/}: bounded
     * heap, class-data archive; the first start of a build includes its training run) when it exists, else
     * {@code java -jar} (an older build).
     */
    private static ProcessBuilder launch(Path jar, Path data) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path launcher = launcher(jar);
        if (launcher == null) {
            return new ProcessBuilder(java, "-Dcarebridge.store.embedded.data-dir=" + data, "-jar", jar.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(launcher.toString());
        pb.environment().put("CAREBRIDGE_JAR", jar.toAbsolutePath().toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAVA_OPTS", "-Dcarebridge.store.embedded.data-dir=" + data);
        return pb;
    }

    private static Path launcher(Path jar) {
        Path target = jar.toAbsolutePath().getParent();
        Path l = target == null || target.getParent() == null ? null : target.getParent().resolve("bin").resolve("gateway");
        return l != null && Files.isExecutable(l) ? l : null;
    }
}
