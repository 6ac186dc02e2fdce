package org.carebridge.benchmarks.scenario;

import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.SyntheticWorld;
import org.carebridge.benchmarks.load.FhirHttp;

import java.nio.file.Path;

/**
 * What every scenario may use: the options of {@code run}, the synthetic world and an HTTP client to the base URL.
 *
 * @param concurrency  0 = the scenario's own default (4 senders for ingest, 32 clients for read/search)
 * @param ecmChannel   channel id of the ECM scenarios; {@code {provider}} stands for the provider's ODS code in lower case
 * @param ecmProviders how many of the world's providers (the first ones) send ECM events
 * @param mosaicPeople people in the Mosaic extracts (the first ones); 0 = the whole world
 * @param rate         operations per second of an open loop in the timed scenarios; 0 = closed loop
 */
public record RunContext(String baseUrl, int concurrency, double warmupSeconds, double durationSeconds, int limit,
                         int bundleSize, SyntheticWorld world, FhirFactory fhir, org.carebridge.benchmarks.load.Tokens tokens,
                         String jdbcUrl, long gatewayPid, long postgresPid, Path gatewayJar, String mllp, String endpoint,
                         Path dataDir, String apiKey, String ecmChannel, int ecmProviders,
                         int mosaicPeople, double rate) {

    public org.carebridge.benchmarks.load.CpuMeter cpu() {
        return org.carebridge.benchmarks.load.CpuMeter.start(gatewayPid, postgresPid);
    }

    /** A timed run of the scenario's operation: warm-up then measured time, at --rate when given, else closed loop. */
    public org.carebridge.benchmarks.load.LoadRunner.Stats timed(int users, org.carebridge.benchmarks.load.LoadRunner.Operation op,
                                                                 Runnable atMeasureStart) throws InterruptedException {
        return org.carebridge.benchmarks.load.LoadRunner.timed(users, warmupSeconds, durationSeconds, rate, op, atMeasureStart);
    }

    public int concurrencyOr(int dflt) {
        return concurrency > 0 ? concurrency : dflt;
    }

    public FhirHttp http(int connections) {
        return new FhirHttp(baseUrl, tokens::council, connections);
    }

    /** scheme://host:port of the base URL. */
    public String origin() {
        java.net.URI u = java.net.URI.create(baseUrl);
        return u.getScheme() + "://" + u.getAuthority();
    }

    /** The tenant: the last segment of the FHIR base URL (.../fhir/kent). */
    public String tenant() {
        String[] parts = baseUrl.replaceAll("/+$", "").split("/");
        return parts[parts.length - 1];
    }

    /** --endpoint, or the feed's usual path on the gateway of the base URL. */
    public String endpointOr(String path) {
        return endpoint != null ? endpoint : origin() + path;
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
