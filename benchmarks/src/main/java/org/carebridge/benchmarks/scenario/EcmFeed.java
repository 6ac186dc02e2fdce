package org.carebridge.benchmarks.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carebridge.benchmarks.gen.EcmCsvFormat;
import org.carebridge.benchmarks.gen.EcmJsonFormat;
import org.carebridge.benchmarks.gen.Model.EcmEvent;
import org.carebridge.benchmarks.gen.Model.Provider;
import org.carebridge.benchmarks.load.CpuMeter;
import org.carebridge.benchmarks.load.FhirHttp;
import org.carebridge.benchmarks.load.LoadRunner;
import org.carebridge.benchmarks.load.Result;
import org.carebridge.benchmarks.load.RssSampler;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * ECM events of the workload's planned visits (the ingest's rota), sent the way providers send them: each provider
 * on its own channel ({@code POST /ingest/{tenant}/{--ecm-channel}}, {@code {provider}} = its ODS code in lower case,
 * header {@code X-Api-Key}), because a channel speaks for one provider. {@code ecm-csv}: each provider's week as one
 * CSV batch file ({@code text/csv}), one file after another (or at --concurrency); {@code ecm-push}: JSON bodies of
 * --bundle-size events at --concurrency (default 8), providers interleaved -> events/s, request p50/p95/p99, CPU per
 * event. The first --ecm-providers providers of the world take part: ecm-csv the first half, ecm-push the second,
 * so the two scenarios send different events and neither is a replay of the other.
 */
public final class EcmFeed implements Scenario {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final boolean csv;

    private EcmFeed(boolean csv) {
        this.csv = csv;
    }

    public static EcmFeed csvBatches() {
        return new EcmFeed(true);
    }

    public static EcmFeed push() {
        return new EcmFeed(false);
    }

    @Override
    public String name() {
        return csv ? "ecm-csv" : "ecm-push";
    }

    @Override
    public String describe() {
        return csv ? "each provider's ECM week as one CSV batch file over HTTP -> events/s, per-file latency"
                : "ECM events as JSON over HTTP at --concurrency -> events/s, p50/p95/p99";
    }

    /** The providers whose events a scenario sends: [from, to) of the world's provider indexes. */
    record Share(int from, int to) {}

    static Share share(int providers, boolean csv) {
        if (providers < 1) throw new IllegalArgumentException("--ecm-providers must be at least 1");
        int half = (providers + 1) / 2;
        if (providers == 1) return new Share(0, 1);
        return csv ? new Share(0, half) : new Share(half, providers);
    }

    /** The channel URL of one provider: {@code {provider}} in --endpoint or the channel pattern is its feed id. */
    static String channelUrl(RunContext ctx, Provider p) {
        if (ctx.apiKey() == null) {
            throw new IllegalArgumentException("ecm: --api-key is required (the ECM channel's key, sent as X-Api-Key;"
                    + " the channel in the routes config carries its api-key-sha256; the --demo gateway's is in"
                    + " config/demo/routes/kent.yaml)");
        }
        String url = ctx.endpointOr("/ingest/" + ctx.tenant() + "/" + ctx.ecmChannel());
        return url.replace("{provider}", p.feedId());
    }

    /** One request: its URL, its body and how many events it carries. */
    record Request(String url, byte[] body, int events) {}

    /** The requests of this scenario, providers interleaved so concurrent senders are different providers. */
    List<Request> requests(RunContext ctx) {
        Share sh = share(ctx.ecmProviders(), csv);
        Map<Integer, List<EcmEvent>> byProvider = ctx.workload().ecmEvents(sh.from(), sh.to());
        List<List<Request>> perProvider = new ArrayList<>();
        for (Map.Entry<Integer, List<EcmEvent>> e : byProvider.entrySet()) {
            String url = channelUrl(ctx, ctx.world().provider(e.getKey()));
            List<EcmEvent> events = e.getValue();
            List<Request> mine = new ArrayList<>();
            if (csv) {
                mine.add(new Request(url, EcmCsvFormat.file(events).getBytes(StandardCharsets.UTF_8), events.size()));
            } else {
                for (int i = 0; i < events.size(); i += ctx.bundleSize()) {
                    List<EcmEvent> part = events.subList(i, Math.min(events.size(), i + ctx.bundleSize()));
                    mine.add(new Request(url, EcmJsonFormat.body(part).getBytes(StandardCharsets.UTF_8), part.size()));
                }
            }
            perProvider.add(mine);
        }
        List<Request> out = new ArrayList<>();
        for (int round = 0; ; round++) {
            boolean any = false;
            for (List<Request> mine : perProvider) {
                if (round < mine.size()) {
                    out.add(mine.get(round));
                    any = true;
                }
            }
            if (!any) return out;
        }
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        List<Request> requests = requests(ctx);
        if (requests.isEmpty()) {
            throw new IllegalStateException(name() + ": the workload has no events of providers " + share(ctx.ecmProviders(), csv)
                    + " (raise --limit or --ecm-providers)");
        }
        long events = requests.stream().mapToLong(Request::events).sum();
        Map<String, String> headers = Map.of("X-Api-Key", ctx.apiKey(), "Accept", "application/json");
        String contentType = csv ? "text/csv" : "application/json";
        int users = ctx.concurrencyOr(csv ? 1 : 8);
        FhirHttp http = ctx.http(users);
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        LongAdder accepted = new LongAdder(), duplicates = new LongAdder(), rejected = new LongAdder(), invalid = new LongAdder();
        try (RssSampler rss = new RssSampler(ctx.gatewayPid())) {
            CpuMeter cpu = ctx.cpu();
            LoadRunner.Stats s = LoadRunner.fixed(users, requests.size(), (u, i) -> {
                Request q = requests.get((int) i);
                HttpResponse<byte[]> r = http.post(q.url(), contentType, q.body(), null, headers, java.time.Duration.ofMinutes(10));
                if (r.statusCode() / 100 != 2) {
                    firstFailure.compareAndSet(null, FeedUpload.explain(name(), q.url(), r));
                    return FhirHttp.describe(r);
                }
                JsonNode report = JSON.readTree(r.body()).path("report");
                accepted.add(report.path("accepted").asLong());
                duplicates.add(report.path("duplicates").asLong());
                rejected.add(report.path("rejected").asLong());
                invalid.add(report.path("invalid").asLong());
                return Integer.toString(r.statusCode());
            });
            if (s.ok() == 0) {
                throw new IllegalStateException(firstFailure.get() != null ? firstFailure.get() : name() + ": no request succeeded "
                        + s.outcomes());
            }
            Share sh = share(ctx.ecmProviders(), csv);
            Result res = new Result(name()).condition("endpoint", channelUrl(ctx, ctx.world().provider(sh.from())))
                    .condition("providers", sh.from() + "-" + (sh.to() - 1)).condition("users", users)
                    .condition("events", events).condition("requests", requests.size())
                    .detail("accepted", accepted.sum()).detail("duplicates", duplicates.sum())
                    .detail("rejected", rejected.sum()).detail("invalid", invalid.sum());
            double secs = Math.max(s.seconds(), 1e-9);
            res.row("events sent", events / secs, "events/s", "goal >= 28,000 end-to-end");
            res.row("events accepted (placed on a planned visit)", accepted.sum() / secs, "events/s",
                    accepted.sum() + " accepted, " + duplicates.sum() + " duplicates, " + rejected.sum() + " rejected, "
                            + invalid.sum() + " invalid");
            res.load(csv ? "file" : "request", s, csv ? "files/s" : "req/s", null, null);
            cpu.report(res, "event", events);
            if (rss.active()) res.row("gateway peak RSS", rss.peakMb(), "MB", "goal <= 800 MB");
            return res;
        }
    }
}
