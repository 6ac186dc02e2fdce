package org.carebridge.benchmarks.scenario;

import org.carebridge.benchmarks.gen.Generator;
import org.carebridge.benchmarks.load.CpuMeter;
import org.carebridge.benchmarks.load.FhirHttp;
import org.carebridge.benchmarks.load.Result;
import org.carebridge.benchmarks.load.RssSampler;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A whole feed file posted to a batch endpoint: the ECM CSV batch ({@code ecm-csv}, {@code POST /ingest/{tenant}/{channel}}
 * with {@code X-Api-Key} and {@code text/csv}) or the Mosaic full extract followed by its delta ({@code mosaic-extract},
 * {@code POST /mosaic/{tenant}/extracts} as council integration, XML), generated for the run's world -> records/s and
 * the gateway's peak RSS while it works. {@code --endpoint} overrides the URL.
 */
public final class FeedUpload implements Scenario {
    private final String name;
    private final String format;
    private final List<String> files;
    private final String contentType;

    private FeedUpload(String name, String format, List<String> files, String contentType) {
        this.name = name;
        this.format = format;
        this.files = files;
        this.contentType = contentType;
    }

    public static FeedUpload ecmCsv() {
        return new FeedUpload("ecm-csv", "ecm-csv", List.of("ecm/events.csv"), "text/csv");
    }

    public static FeedUpload mosaic() {
        return new FeedUpload("mosaic-extract", "mosaic-xml", List.of("mosaic/full.xml", "mosaic/delta.xml"), "application/xml");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return files + " posted to --endpoint -> records/s, peak RSS";
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        boolean mosaic = name.startsWith("mosaic");
        String endpoint = mosaic ? ctx.endpointOr("/mosaic/" + ctx.tenant() + "/extracts") : ecmEndpoint(ctx, name);
        // Mosaic extracts come from council integration (bearer token); ECM batches from a provider system (API key).
        String bearer = mosaic ? ctx.tokens().integration() : null;
        Map<String, String> headers = mosaic ? Map.of() : apiKeyHeader(ctx);
        Path dir = Files.createTempDirectory("bench-" + name);
        Map<String, Long> counts = Generator.generate(ctx.world(), ctx.fhir(), dir, List.of(format), ctx.bundleSize());
        FhirHttp http = ctx.http(1);
        Result res = new Result(name).condition("endpoint", endpoint).condition("records", counts.get(format));
        try (RssSampler rss = new RssSampler(ctx.gatewayPid())) {
            for (String f : files) {
                byte[] body = Files.readAllBytes(dir.resolve(f));
                long records = f.endsWith(".csv") ? lines(body) - 1 : count(body, "<person>");
                CpuMeter cpu = ctx.cpu();
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = http.post(endpoint, contentType, body, bearer, headers);
                double secs = (System.nanoTime() - t0) / 1e9;
                if (r.statusCode() / 100 != 2) throw new IllegalStateException(explain(name + " (" + f + ")", endpoint, r));
                res.row(f + " (" + records + " records, " + body.length / 1024 + " KiB)", records / secs, "records/s",
                        name.startsWith("mosaic") ? "goal >= 5,000 people/s" : "goal >= 28,000 events/s");
                cpu.report(res, f, records);
            }
            if (rss.active()) res.row("gateway peak RSS", rss.peakMb(), "MB", "bounded heap; goal <= 800 MB");
        }
        return res;
    }

    /** The ECM channel's push URL: --endpoint, or /ingest/{tenant}/{--ecm-channel} on the gateway; needs --api-key. */
    static String ecmEndpoint(RunContext ctx, String scenario) {
        if (ctx.apiKey() == null) {
            throw new IllegalArgumentException(scenario + ": --api-key is required (the ECM channel's key, sent as X-Api-Key;"
                    + " the channel in the routes config carries its api-key-sha256)");
        }
        return ctx.endpointOr("/ingest/" + ctx.tenant() + "/" + ctx.ecmChannel());
    }

    static Map<String, String> apiKeyHeader(RunContext ctx) {
        return ctx.apiKey() == null ? Map.of() : Map.of("X-Api-Key", ctx.apiKey());
    }

    /** A failed feed request, said plainly: the usual causes are a missing endpoint, channel or credential. */
    static String explain(String what, String endpoint, HttpResponse<byte[]> r) {
        String why = switch (r.statusCode()) {
            case 404 -> "no such endpoint or channel on this gateway (is the feed on this build? is the channel in the routes config?)";
            case 401 -> "not authenticated (check --api-key, or the token: --token/--dev-issuer)";
            case 403 -> "refused (the key or token lacks the role: council-integration for Mosaic, the channel's key for ECM)";
            case 405 -> "the endpoint does not take POST (wrong URL? set --endpoint)";
            case 413 -> "the body is larger than the endpoint allows";
            default -> "unexpected answer";
        };
        return what + ": POST " + endpoint + " -> " + FhirHttp.describe(r) + " — " + why;
    }

    private static long lines(byte[] b) {
        long n = 0;
        for (byte x : b) if (x == '\n') n++;
        return n;
    }

    private static long count(byte[] b, String tag) {
        String s = new String(b, java.nio.charset.StandardCharsets.UTF_8);
        long n = 0;
        for (int i = s.indexOf(tag); i >= 0; i = s.indexOf(tag, i + 1)) n++;
        return n;
    }
}
