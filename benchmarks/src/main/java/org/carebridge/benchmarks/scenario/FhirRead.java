package org.carebridge.benchmarks.scenario;

import org.carebridge.benchmarks.gen.Model.Visit;
import org.carebridge.benchmarks.load.CpuMeter;
import org.carebridge.benchmarks.load.FhirHttp;
import org.carebridge.benchmarks.load.KeepAliveConnection;
import org.carebridge.benchmarks.load.LoadRunner;
import org.carebridge.benchmarks.load.Result;
import org.carebridge.benchmarks.load.RssSampler;

import java.util.List;
import java.util.SplittableRandom;

/** performance.md's read: {@code Appointment/{id}} of the ingested workload at 32 clients. */
public final class FhirRead implements Scenario {
    @Override
    public String name() {
        return "fhir-read";
    }

    @Override
    public String describe() {
        return "Appointment/{id} at 32 clients -> requests/s, p50/p99";
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        Workload w = ctx.workload();
        int clients = ctx.concurrencyOr(32);
        FhirHttp http = ctx.http(clients);
        SplittableRandom[] rngs = new SplittableRandom[clients];
        for (int i = 0; i < clients; i++) rngs[i] = new SplittableRandom(ctx.world().seed() * 17 + i);
        // As providers (as in fhir-search): client u reads the visits of one provider, with that provider's token.
        List<Integer> providers = ctx.tokens().perProvider() ? w.providersBySize() : List.of();
        String[] tokens = new String[clients];
        List<List<Visit>> mine = new java.util.ArrayList<>();
        for (int u = 0; u < clients; u++) {
            if (providers.isEmpty()) {
                mine.add(w.visits);
                continue;
            }
            int p = providers.get(u % Math.min(providers.size(), clients));
            tokens[u] = ctx.tokens().provider(ctx.world().provider(p).odsCode());
            mine.add(w.visitsByProvider.get(p));
        }
        FhirHttp.Client[] conns = http.clients(clients);
        try (RssSampler rss = new RssSampler(ctx.gatewayPid())) {
            CpuMeter[] cpu = new CpuMeter[1];     // metered over the measured phase only
            LoadRunner.Stats s = ctx.timed(clients, (u, i) -> {
                List<Visit> own = mine.get(u);
                Visit v = own.get(rngs[u].nextInt(own.size()));
                String url = "Appointment/" + ctx.fhir().appointmentId(v.personIndex(), v.day(), v.slot());
                KeepAliveConnection.Reply resp = conns[u].get(url, tokens[u]);
                return resp.status() == 200 ? "200" : FhirHttp.describe(resp);
            }, () -> cpu[0] = ctx.cpu());
            Result res = new Result(name()).condition("baseUrl", http.base()).condition("clients", clients)
                    .condition("driverClient", http.clientKind())
                    .condition("warmupSeconds", ctx.warmupSeconds()).condition("seconds", ctx.durationSeconds())
                    .condition("appointments", w.visits.size())
                    .condition("asProviders", providers.isEmpty() ? 0 : Math.min(providers.size(), clients));
            res.load("read", s, "req/s", "goal >= 4,500; anchor 1,509", "anchor 60 ms");
            if (cpu[0] != null) cpu[0].report(res, "read", s.ok() + s.failed());
            if (rss.active()) res.row("gateway peak RSS", rss.peakMb(), "MB", "goal <= 800 MB; anchor 2.5 GB");
            return res;
        } finally {
            FhirHttp.closeAll(conns);
        }
    }
}
