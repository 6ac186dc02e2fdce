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
 * A whole feed file posted to a batch endpoint (--endpoint): the ECM CSV batch ({@code ecm-csv}) or the Mosaic
 * full extract followed by its delta ({@code mosaic-extract}), generated for the run's world -> records/s and
 * the gateway's peak RSS while it works.
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
        if (ctx.endpoint() == null) throw new IllegalArgumentException(name + ": --endpoint (the feed's upload URL) is required");
        Path dir = Files.createTempDirectory("bench-" + name);
        Map<String, Long> counts = Generator.generate(ctx.world(), ctx.fhir(), dir, List.of(format), ctx.bundleSize());
        FhirHttp http = ctx.http(1);
        Result res = new Result(name).condition("endpoint", ctx.endpoint()).condition("records", counts.get(format));
        try (RssSampler rss = new RssSampler(ctx.gatewayPid())) {
            for (String f : files) {
                byte[] body = Files.readAllBytes(dir.resolve(f));
                long records = f.endsWith(".csv") ? lines(body) - 1 : count(body, "<person>");
                CpuMeter cpu = ctx.cpu();
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = http.post(ctx.endpoint(), contentType, body);
                double secs = (System.nanoTime() - t0) / 1e9;
                if (r.statusCode() / 100 != 2) throw new IllegalStateException(name + ": " + f + " -> " + FhirHttp.describe(r));
                res.row(f + " (" + records + " records, " + body.length / 1024 + " KiB)", records / secs, "records/s",
                        name.startsWith("mosaic") ? "goal >= 5,000 people/s" : "goal >= 28,000 events/s");
                cpu.report(res, f, records);
            }
            if (rss.active()) res.row("gateway peak RSS", rss.peakMb(), "MB", "bounded heap; goal <= 800 MB");
        }
        return res;
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
