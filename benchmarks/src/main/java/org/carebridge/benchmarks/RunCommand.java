package org.carebridge.benchmarks;

import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.Scale;
import org.carebridge.benchmarks.gen.SyntheticWorld;
import org.carebridge.benchmarks.load.Result;
import org.carebridge.benchmarks.load.TokenSource;
import org.carebridge.benchmarks.load.Tokens;
import org.carebridge.benchmarks.scenario.RunContext;
import org.carebridge.benchmarks.scenario.Scenario;
import org.carebridge.benchmarks.scenario.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Drive load at a gateway (or any FHIR R4 server); print a table and write JSON results per scenario.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--scenario", split = ",", description = "Scenarios, in order (default: ${DEFAULT-VALUE}); all: ${COMPLETION-CANDIDATES}",
            defaultValue = "fhir-ingest,fhir-search,fhir-read,floor-copy,floor-parse", completionCandidates = ScenarioNames.class)
    List<String> scenarios;

    @Option(names = "--base-url", defaultValue = "http://localhost:18480/fhir/kent", description = "FHIR base URL, tenant included (default ${DEFAULT-VALUE})")
    String baseUrl;

    @Option(names = "--concurrency", defaultValue = "0", description = "Virtual users; 0 = scenario default (ingest 4 senders, read/search 32 clients)")
    int concurrency;

    @Option(names = "--rate", defaultValue = "0", description = "Open loop: operations per second of every timed"
            + " scenario but the floors (messages, requests; discharge-mllp an A01+A03 pair), latency measured from each"
            + " one's due time; 0 = closed loop, each user sending as soon as it is answered (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", defaultValue = "60", description = "Measured seconds of timed scenarios (default ${DEFAULT-VALUE})")
    double duration;

    @Option(names = "--warmup", defaultValue = "15", description = "Warm-up seconds before measuring (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic world (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--scale", defaultValue = "kent", description = "kent, national or small (default ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--week-start", description = "The Monday the synthetic week starts (yyyy-mm-dd; default: the"
            + " first Monday after today, UTC, so that every generated visit is still to come)")
    java.time.LocalDate weekStart;

    @Option(names = "--people", description = "Override the number of people")
    Integer people;

    @Option(names = "--limit", defaultValue = "100000", description = "Appointments of the workload (default ${DEFAULT-VALUE}, as performance.md)")
    int limit;

    @Option(names = "--bundle-size", defaultValue = "100", description = "Entries per transaction Bundle (default ${DEFAULT-VALUE})")
    int bundleSize;

    @Option(names = "--id-prefix", defaultValue = "b", description = "Prefix of FHIR ids (default ${DEFAULT-VALUE})")
    String idPrefix;

    @Option(names = "--token", description = "Bearer token to send")
    String token;

    @Option(names = "--token-command", description = "Command printing a bearer token (run once, with sh -c)")
    String tokenCommand;

    @Option(names = "--dev-issuer", defaultValue = "auto", description = "Token endpoint of the gateway's development issuer"
            + " (auto = <origin of --base-url>/dev-issuer/token; none = send no token); ignored with --token")
    String devIssuer;

    @Option(names = "--council-org", defaultValue = "886", description = "Council org code for council-staff/-integration tokens (default ${DEFAULT-VALUE}, Kent)")
    String councilOrg;

    @Option(names = "--api-key", description = "ecm-csv/ecm-push: the channel's API key (X-Api-Key; its SHA-256 is the channel's api-key-sha256)")
    String apiKey;

    @Option(names = "--ecm-channel", defaultValue = "ecm-{provider}", description = "ecm-csv/ecm-push: channel of POST"
            + " /ingest/{tenant}/{channel}, {provider} = the provider's ODS code in lower case (default ${DEFAULT-VALUE},"
            + " as the --demo gateway's channels)")
    String ecmChannel;

    @Option(names = "--ecm-providers", defaultValue = "32", description = "ecm-csv/ecm-push: the first N providers send"
            + " events, ecm-csv the first half, ecm-push the second (default ${DEFAULT-VALUE}: the --demo gateway has a channel"
            + " for each)")
    int ecmProviders;

    @Option(names = "--mosaic-people", defaultValue = "0", description = "mosaic-extract: people in the extracts, the"
            + " world's first N (default 0 = all of them, 12,000 at Kent scale)")
    int mosaicPeople;

    @Option(names = "--jdbc-url", description = "floor-copy: PostgreSQL to use (default: start one of our own)")
    String jdbcUrl;

    @Option(names = "--gateway-pid", defaultValue = "0", description = "Process id of the gateway, to sample its RSS under load")
    long gatewayPid;

    @Option(names = "--postgres-pid", defaultValue = "0", description = "Process id of the gateway's PostgreSQL postmaster, for CPU per operation (default: found from --jdbc-url's port)")
    long postgresPid;

    @Option(names = "--gateway-jar", description = "startup: the gateway jar to start (e.g. gateway/target/gateway.jar)")
    Path gatewayJar;

    @Option(names = "--data-dir", description = "startup: PostgreSQL data directory for the started gateway (default: a new temp dir)")
    Path dataDir;

    @Option(names = "--mllp", description = "host:port of an MLLP listener (discharge scenarios)")
    String mllp;

    @Option(names = "--endpoint", description = "URL of a feed's HTTP endpoint (feed scenarios)")
    String endpoint;

    @Option(names = "--results", defaultValue = "benchmarks/results", description = "Directory for JSON results (default ${DEFAULT-VALUE})")
    Path results;

    static final class ScenarioNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Scenarios.names().iterator();
        }
    }

    private long postgresPid() {
        if (postgresPid > 0 || jdbcUrl == null) return postgresPid;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(jdbcUrl);
        return m.find() ? org.carebridge.benchmarks.load.CpuMeter.postgresOnPort(Integer.parseInt(m.group(1))) : 0;
    }

    /** A scenario that ran but whose operations all failed did not measure anything: say which, or null. */
    static String nothingSucceeded(Result r) {
        if (r.invalid() != null) return r.invalid();
        for (Result.Row row : r.rows()) {
            if (row.metric().endsWith("ok / failed") && String.valueOf(row.value()).startsWith("0 /")) {
                return row.metric() + " = " + row.value() + ": no operation succeeded (outcomes in the JSON results)";
            }
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        Scale s = Scale.named(scale);
        if (people != null) s = s.withPeople(people);
        s = s.withWeekStart(weekStart != null ? weekStart : Scale.nextWeek(java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
        List<Scenario> chosen = new ArrayList<>();
        for (String name : scenarios) chosen.add(Scenarios.create(name.trim()));
        java.net.URI issuer = "none".equals(devIssuer) ? null : java.net.URI.create("auto".equals(devIssuer)
                ? java.net.URI.create(baseUrl).resolve("/dev-issuer/token").toString() : devIssuer);
        Tokens tokens = new Tokens(TokenSource.of(token, tokenCommand), issuer, councilOrg);
        RunContext ctx = new RunContext(baseUrl, concurrency, warmup, duration, limit, bundleSize, new SyntheticWorld(seed, s),
                new FhirFactory(idPrefix), tokens, jdbcUrl, gatewayPid, postgresPid(), gatewayJar, mllp, endpoint, dataDir,
                apiKey, ecmChannel, ecmProviders, mosaicPeople, rate);
        System.out.println("synthetic week from " + s.weekStart() + " (seed " + seed + ")");
        String load = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "n/a";
        int failures = 0;
        for (Scenario sc : chosen) {
            System.out.printf("%n-- %s: %s%n", sc.name(), sc.describe());
            String before = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "n/a";
            try {
                Result r = sc.run(ctx);
                r.condition("scale", s.name()).condition("seed", seed).condition("weekStart", s.weekStart().toString()).condition("loadavgBefore", before)
                        .condition("cores", Runtime.getRuntime().availableProcessors())
                        .condition("java", System.getProperty("java.version"));
                r.print(System.out);
                System.out.println("  results: " + r.write(results));
                String none = nothingSucceeded(r);
                if (none != null) {
                    failures++;
                    System.out.println("  FAILED: " + none);
                }
            } catch (Exception e) {
                failures++;
                System.out.println("  FAILED: " + e);
            }
        }
        System.out.println("\nload average at start: " + load);
        return failures == 0 ? 0 : 1;
    }
}
