package org.carebridge.benchmarks.scenario;

import ca.uhn.fhir.parser.IParser;
import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.Model.Visit;
import org.carebridge.benchmarks.gen.PersonData;
import org.carebridge.benchmarks.load.FhirHttp;
import org.carebridge.benchmarks.load.LoadRunner;
import org.carebridge.benchmarks.load.Result;
import org.carebridge.benchmarks.load.RssSampler;
import org.hl7.fhir.r4.model.Resource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * performance.md's ingest: Organizations, Patients and their orders first (reference data, timed apart), then the workload's
 * Appointments as transaction Bundles of 100 (PUT at their ids) from 4 concurrent senders. Bodies are encoded
 * before the clock starts, so only the server's work is measured. Sent as council staff (a transaction Bundle is
 * for council systems only) with the token the run's {@link org.carebridge.benchmarks.load.Tokens} gives.
 */
public final class FhirIngest implements Scenario {
    @Override
    public String name() {
        return "fhir-ingest";
    }

    @Override
    public String describe() {
        return "transaction Bundles of Appointments from 4 senders -> resources/s, bundle p50/p99";
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        Workload w = ctx.workload();
        IParser parser = FhirFactory.json();
        List<Resource> reference = new ArrayList<>();
        for (int i = 0; i < ctx.world().scale().providers(); i++) reference.add(ctx.fhir().organization(ctx.world().provider(i)));
        // Each provider's care-worker role, after its Organization: the visits name it as their second participant.
        for (int i = 0; i < ctx.world().scale().providers(); i++) reference.add(ctx.fhir().careRole(ctx.world().provider(i)));
        for (PersonData d : w.people) reference.add(ctx.fhir().patient(d.person()));
        // Orders after the people they are about: they give each provider its access grants (data protection).
        List<Resource> orders = new ArrayList<>();
        for (PersonData d : w.people) orders.add(ctx.fhir().order(d.order()));
        List<byte[]> refBodies = bundles(reference, ctx.bundleSize(), parser);
        List<byte[]> orderBodies = bundles(orders, ctx.bundleSize(), parser);
        List<Resource> appts = new ArrayList<>(w.visits.size());
        for (Visit v : w.visits) appts.add(ctx.fhir().appointment(v, w.orderOf(v)));
        List<byte[]> apptBodies = bundles(appts, ctx.bundleSize(), parser);
        long bytes = apptBodies.stream().mapToLong(b -> b.length).sum();

        int senders = ctx.concurrencyOr(4);
        FhirHttp http = ctx.http(senders);
        LoadRunner.Stats ref = LoadRunner.fixed(senders, refBodies.size(), (u, i) -> send(http, refBodies.get((int) i)));
        LoadRunner.Stats ord = LoadRunner.fixed(senders, orderBodies.size(), (u, i) -> send(http, orderBodies.get((int) i)));
        if (ref.failed() + ord.failed() > 0) {
            throw new IllegalStateException("reference data was refused: " + ref.outcomes() + " " + ord.outcomes());
        }
        LoadRunner.Stats stats;
        try (RssSampler rss = new RssSampler(ctx.gatewayPid())) {
            org.carebridge.benchmarks.load.CpuMeter cpu = ctx.cpu();
            stats = LoadRunner.fixed(senders, apptBodies.size(), (u, i) -> send(http, apptBodies.get((int) i)));
            Result r = new Result(name())
                    .condition("baseUrl", http.base()).condition("senders", senders)
                    .condition("appointments", appts.size()).condition("bundleSize", ctx.bundleSize())
                    .condition("bytesPerAppointment", bytes / Math.max(1, appts.size()));
            r.row("reference data (Organization+PractitionerRole+Patient)", reference.size() / Math.max(ref.seconds(), 1e-9), "res/s",
                    reference.size() + " resources, " + ref.failed() + " failed bundles");
            r.row("orders (ServiceRequest, access grants)", orders.size() / Math.max(ord.seconds(), 1e-9), "res/s",
                    orders.size() + " resources, " + ord.failed() + " failed bundles");
            r.row("appointments ingested", stats.ok() * (double) ctx.bundleSize() / Math.max(stats.seconds(), 1e-9), "res/s",
                    "anchor 1,290/s");
            r.load("bundle", stats, "bundles/s", null, "anchor p99 707 ms");
            r.row("bundle p50 vs anchor", stats.latency().percentileMillis(50), "ms", "anchor p50 280 ms");
            cpu.report(r, "appointment", stats.ok() * ctx.bundleSize());
            if (rss.active()) r.row("gateway peak RSS", rss.peakMb(), "MB", "goal <= 800 MB; anchor 2.5 GB");
            r.detail("reference outcomes", ref.outcomes());
            return r;
        }
    }

    private static List<byte[]> bundles(List<Resource> resources, int size, IParser parser) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < resources.size(); i += size) {
            out.add(parser.encodeResourceToString(FhirFactory.transaction(resources.subList(i, Math.min(resources.size(), i + size))))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String send(FhirHttp http, byte[] body) throws Exception {
        HttpResponse<byte[]> r = http.post("", "application/fhir+json", body);
        return r.statusCode() == 200 ? "200" : FhirHttp.describe(r);
    }
}
