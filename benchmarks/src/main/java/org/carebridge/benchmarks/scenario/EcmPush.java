package org.carebridge.benchmarks.scenario;

import org.carebridge.benchmarks.gen.EcmJsonFormat;
import org.carebridge.benchmarks.gen.Model.EcmEvent;
import org.carebridge.benchmarks.gen.PersonData;
import org.carebridge.benchmarks.load.CpuMeter;
import org.carebridge.benchmarks.load.FhirHttp;
import org.carebridge.benchmarks.load.LoadRunner;
import org.carebridge.benchmarks.load.Result;
import org.carebridge.benchmarks.load.RssSampler;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ECM events pushed as JSON ({"events": [...]}, bundle-size events per request, the feed's default field names)
 * to the ECM push endpoint ({@code POST /ingest/{tenant}/{channel}} with X-Api-Key, or --endpoint), at the chosen
 * concurrency -> events/s and request latency.
 * The events are the workload people's whole week, noise included (duplicates, late manual entries, out of order).
 */
public final class EcmPush implements Scenario {
    @Override
    public String name() {
        return "ecm-push";
    }

    @Override
    public String describe() {
        return "ECM events as JSON over HTTP at --concurrency -> events/s, p50/p95/p99";
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        String endpoint = FeedUpload.ecmEndpoint(ctx, "ecm-push");
        java.util.Map<String, String> headers = FeedUpload.apiKeyHeader(ctx);
        List<byte[]> bodies = new ArrayList<>();
        List<EcmEvent> batch = new ArrayList<>();
        long events = 0;
        for (PersonData d : ctx.workload().people) {
            for (EcmEvent e : d.events()) {
                batch.add(e);
                if (batch.size() == ctx.bundleSize()) {
                    bodies.add(EcmJsonFormat.body(batch).getBytes(StandardCharsets.UTF_8));
                    events += batch.size();
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            bodies.add(EcmJsonFormat.body(batch).getBytes(StandardCharsets.UTF_8));
            events += batch.size();
        }
        int users = ctx.concurrencyOr(8);
        FhirHttp http = ctx.http(users);
        try (RssSampler rss = new RssSampler(ctx.gatewayPid())) {
            CpuMeter cpu = ctx.cpu();
            LoadRunner.Stats s = LoadRunner.fixed(users, bodies.size(), (u, i) -> {
                HttpResponse<byte[]> r = http.post(endpoint, "application/json", bodies.get((int) i), null, headers);
                if (i == 0 && r.statusCode() / 100 != 2) throw new IllegalStateException(FeedUpload.explain("ecm-push", endpoint, r));
                return r.statusCode() / 100 == 2 ? Integer.toString(r.statusCode()) : FhirHttp.describe(r);
            });
            double perRequest = events / (double) bodies.size();
            Result res = new Result(name()).condition("endpoint", endpoint).condition("users", users)
                    .condition("events", events).condition("eventsPerRequest", ctx.bundleSize());
            res.row("events accepted", s.ok() * perRequest / Math.max(s.seconds(), 1e-9), "events/s", "goal >= 28,000 end-to-end");
            res.load("request", s, "req/s", null, null);
            cpu.report(res, "event", (long) (s.ok() * perRequest));
            if (rss.active()) res.row("gateway peak RSS", rss.peakMb(), "MB", "goal <= 800 MB");
            return res;
        }
    }
}
