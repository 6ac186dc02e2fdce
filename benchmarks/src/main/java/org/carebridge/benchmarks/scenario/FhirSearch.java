package org.carebridge.benchmarks.scenario;

import org.carebridge.benchmarks.gen.Model.Visit;
import org.carebridge.benchmarks.load.CpuMeter;
import org.carebridge.benchmarks.load.FhirHttp;
import org.carebridge.benchmarks.load.KeepAliveConnection;
import org.carebridge.benchmarks.load.LoadRunner;
import org.carebridge.benchmarks.load.Result;
import org.carebridge.benchmarks.load.RssSampler;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * performance.md's search: {@code Appointment?patient=Patient/{id}&date=ge{d}&date=lt{d+2}} for people of the
 * ingested workload, 32 clients, warm-up then measured. Works against any FHIR R4 base URL holding the same data.
 */
public final class FhirSearch implements Scenario {
    @Override
    public String name() {
        return "fhir-search";
    }

    @Override
    public String describe() {
        return "Appointment?patient=..&date=ge..&date=lt.. at 32 clients -> requests/s, p50/p99";
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        Workload w = ctx.workload();
        int people = w.people.size();
        int days = ctx.world().scale().days();
        LocalDate week = ctx.world().scale().weekStart();
        int clients = ctx.concurrencyOr(32);
        FhirHttp http = ctx.http(clients);
        SplittableRandom[] rngs = new SplittableRandom[clients];
        for (int i = 0; i < clients; i++) rngs[i] = new SplittableRandom(ctx.world().seed() * 31 + i);
        AtomicLong sampled = new AtomicLong(), hits = new AtomicLong();
        // As providers: client u acts for one of the providers with most people and searches that provider's people,
        // so every search passes the gateway's data protection (its access grants) and finds their visits.
        List<Integer> providers = ctx.tokens().perProvider() ? w.providersBySize() : List.of();
        String[] tokens = new String[clients];
        List<List<Integer>> mine = new java.util.ArrayList<>();
        for (int u = 0; u < clients; u++) {
            if (providers.isEmpty()) {
                mine.add(null);
                continue;
            }
            int p = providers.get(u % Math.min(providers.size(), clients));
            tokens[u] = ctx.tokens().provider(ctx.world().provider(p).odsCode());
            mine.add(w.peopleByProvider.get(p));
        }
        LoadRunner.Stats s;
        FhirHttp.Client[] conns = http.clients(clients);
        try (RssSampler rss = new RssSampler(ctx.gatewayPid())) {
            CpuMeter[] cpu = new CpuMeter[1];     // metered over the measured phase only
            s = ctx.timed(clients, (u, i) -> {
                SplittableRandom r = rngs[u];
                List<Integer> own = mine.get(u);
                int person = own == null ? r.nextInt(people) : own.get(r.nextInt(own.size()));
                int d = r.nextInt(Math.max(1, days - 1));
                String url = "Appointment?patient=Patient/" + ctx.fhir().patientId(person) + "&date=ge" + week.plusDays(d)
                        + "&date=lt" + week.plusDays(d + 2);
                KeepAliveConnection.Reply resp = conns[u].get(url, tokens[u]);
                if (resp.status() != 200) return FhirHttp.describe(resp);
                if (i % 50 == 0) {      // check now and then that the search finds what was ingested
                    sampled.incrementAndGet();
                    hits.addAndGet(count(resp.body(), resp.length()));
                }
                return "200";
            }, () -> cpu[0] = ctx.cpu());
            Result res = new Result(name()).condition("baseUrl", http.base()).condition("clients", clients)
                    .condition("driverClient", http.clientKind())
                    .condition("warmupSeconds", ctx.warmupSeconds()).condition("seconds", ctx.durationSeconds())
                    .condition("people", people).condition("asProviders", providers.isEmpty() ? 0 : Math.min(providers.size(), clients));
            res.load("search", s, "req/s", "goal >= 1,750; anchor 175; PG floor 9,180", "goal <= 40 ms; anchor ~400 ms");
            res.row("mean hits per search", sampled.get() == 0 ? 0.0 : hits.get() / (double) sampled.get(), "res",
                    "anchor ~14 (2,000 people); Kent ~6");
            String empty = emptyHanded(sampled.get(), hits.get());
            if (empty != null) res.invalid(empty);
            if (cpu[0] != null) cpu[0].report(res, "search", s.ok() + s.failed());
            if (rss.active()) res.row("gateway peak RSS", rss.peakMb(), "MB", "goal <= 800 MB; anchor 2.5 GB");
            return res;
        } finally {
            FhirHttp.closeAll(conns);
        }
    }

    /** 200s with empty Bundles measure nothing (the data not ingested, or all of it hidden from the caller). */
    static String emptyHanded(long sampled, long hits) {
        if (sampled == 0 || hits > 0) return null;
        return "every sampled search (" + sampled + ") found no Appointment: ingest the workload first (fhir-ingest),"
                + " and check the caller may see it";
    }

    static int count(byte[] body) {
        return count(body, body.length);
    }

    private static final byte[] COMPACT = "\"resourceType\":\"Appointment\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SPACED = "\"Appointment\"".getBytes(StandardCharsets.US_ASCII);

    /** Appointments in the first {@code length} bytes of a Bundle: its bytes searched, no JSON parsed or decoded. */
    static int count(byte[] body, int length) {
        int n = occurrences(body, length, COMPACT);
        return n > 0 ? n : occurrences(body, length, SPACED);   // a server that spaces its JSON
    }

    private static int occurrences(byte[] b, int length, byte[] what) {
        int n = 0;
        outer:
        for (int i = 0, last = length - what.length; i <= last; i++) {
            if (b[i] != what[0]) continue;
            for (int j = 1; j < what.length; j++) if (b[i + j] != what[j]) continue outer;
            n++;
            i += what.length - 1;
        }
        return n;
    }
}
