package org.carebridge.benchmarks.scenario;

import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.SyntheticWorld;
import org.carebridge.benchmarks.load.FhirHttp;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What every scenario may use: the options of {@code run}, the synthetic world and an HTTP client to the base URL.
 *
 * @param concurrency 0 = the scenario's own default (4 senders for ingest, 32 clients for read/search)
 */
public record RunContext(String baseUrl, int concurrency, double warmupSeconds, double durationSeconds, int limit,
                         int bundleSize, SyntheticWorld world, FhirFactory fhir, Supplier<String> token, String jdbcUrl,
                         long gatewayPid, long postgresPid, Path gatewayJar, String mllp, String endpoint, Path dataDir) {

    public org.carebridge.benchmarks.load.CpuMeter cpu() {
        return org.carebridge.benchmarks.load.CpuMeter.start(gatewayPid, postgresPid);
    }

    public int concurrencyOr(int dflt) {
        return concurrency > 0 ? concurrency : dflt;
    }

    public FhirHttp http(int connections) {
        return new FhirHttp(baseUrl, token, connections);
    }

    private static volatile Workload cached;

    /** The workload of this run (built once: the same world for every scenario of one invocation). */
    public Workload workload() {
        Workload w = cached;
        if (w == null || w.world != world || w.fhir != fhir || w.visits.size() > limit) {
            w = new Workload(world, fhir, limit);
            cached = w;
        }
        return w;
    }
}
