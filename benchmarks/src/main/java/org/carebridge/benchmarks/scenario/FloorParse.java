package org.carebridge.benchmarks.scenario;

import ca.uhn.fhir.parser.IParser;
import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.Model.Visit;
import org.carebridge.benchmarks.load.CpuMeter;
import org.carebridge.benchmarks.load.LoadRunner;
import org.carebridge.benchmarks.load.Result;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * The CPU floor under ingest: the same transaction Bundles through the HAPI JSON parser alone (and back through
 * the encoder, which a server does for every stored resource), on as many threads as the machine has cores.
 */
public final class FloorParse implements Scenario {
    @Override
    public String name() {
        return "floor-parse";
    }

    @Override
    public String describe() {
        return "the same Bundle JSON through the HAPI parser alone (and parse+encode) -> resources/s";
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        Workload w = ctx.workload();
        IParser enc = FhirFactory.json();
        List<String> bodies = new ArrayList<>();
        int size = ctx.bundleSize();
        for (int i = 0; i < w.visits.size() && bodies.size() < 200; i += size) {
            List<Resource> batch = new ArrayList<>();
            for (Visit v : w.visits.subList(i, Math.min(w.visits.size(), i + size))) batch.add(ctx.fhir().appointment(v, w.orderOf(v)));
            bodies.add(enc.encodeResourceToString(FhirFactory.transaction(batch)));
        }
        int threads = ctx.concurrencyOr(Runtime.getRuntime().availableProcessors());
        IParser[] parsers = new IParser[threads];
        for (int i = 0; i < threads; i++) parsers[i] = FhirFactory.json();
        double secs = Math.min(ctx.durationSeconds(), 10); // the parser alone is steady within seconds
        CpuMeter[] cpu = new CpuMeter[2];
        LoadRunner.Stats parse = LoadRunner.timed(threads, Math.min(ctx.warmupSeconds(), 5), secs, (u, i) -> {
            parsers[u].parseResource(Bundle.class, bodies.get((int) (i % bodies.size())));
            return "ok";
        }, () -> cpu[0] = CpuMeter.start(0, 0));
        Result scratch = new Result("scratch");
        cpu[0].report(scratch, "parse", parse.ok() * size);
        LoadRunner.Stats both = LoadRunner.timed(threads, Math.min(ctx.warmupSeconds(), 5), secs, (u, i) -> {
            Bundle b = parsers[u].parseResource(Bundle.class, bodies.get((int) (i % bodies.size())));
            for (Bundle.BundleEntryComponent e : b.getEntry()) parsers[u].encodeResourceToString(e.getResource());
            return "ok";
        }, () -> cpu[1] = CpuMeter.start(0, 0));
        cpu[1].report(scratch, "both", both.ok() * size);
        int cores = Runtime.getRuntime().availableProcessors();
        return new Result(name()).condition("threads", threads).condition("bundleSize", size)
                .row("parse", parse.perSecond() * size, "res/s", "upper bound for any FHIR ingest here")
                .row("parse + encode each entry", both.perSecond() * size, "res/s", "what a FHIR store must at least do")
                .row("bundle parse p50", parse.latency().percentileMillis(50), "ms", null)
                .row("parse projected, machine to ourselves", cores * 1000.0 / (double) scratch.rows().get(0).value(), "res/s",
                        "cores / CPU per resource")
                .row("parse + encode projected", cores * 1000.0 / (double) scratch.rows().get(1).value(), "res/s",
                        "cores / CPU per resource");
    }
}
