package org.carebridge.benchmarks.scenario;

import ca.uhn.fhir.parser.IParser;
import org.carebridge.benchmarks.gen.BarsMessages;
import org.carebridge.benchmarks.gen.FhirFactory;
import org.carebridge.benchmarks.gen.Generator;
import org.carebridge.benchmarks.gen.Hl7Adt;
import org.carebridge.benchmarks.gen.Model;
import org.carebridge.benchmarks.load.CpuMeter;
import org.carebridge.benchmarks.load.LoadRunner;
import org.carebridge.benchmarks.load.Result;
import org.carebridge.mappings.discharge.hl7.AdtParser;
import org.carebridge.mappings.ecm.EcmCsvParser;
import org.carebridge.mappings.ecm.EcmFeedConfig;
import org.carebridge.mappings.ecm.Pseudonymiser;
import org.carebridge.mappings.ecm.RecordError;
import org.carebridge.mappings.ecm.EcmSink;
import org.carebridge.mappings.mosaic.MosaicMapper;
import org.carebridge.mappings.mosaic.read.ExtractRecord;
import org.carebridge.mappings.mosaic.read.ReaderLimits;
import org.carebridge.mappings.mosaic.read.XmlExtractReader;
import org.carebridge.rules.visits.VisitEvent;
import org.hl7.fhir.r4.model.Bundle;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU floor under the feeds: the same inputs the feed scenarios send, through the project's own parsers alone
 * (no store, no rules, no HTTP), on as many threads as the machine has cores — the ECM CSV batch files of
 * {@code ecm-csv} through {@link EcmCsvParser} (pseudonymisation included), the Mosaic full extract through
 * {@link XmlExtractReader} (and with {@link MosaicMapper}'s translation to FHIR), the BaRS referral Bundles through the
 * HAPI JSON parser, the ADT messages through {@link AdtParser}. The ECM rows through PostgreSQL COPY are in
 * floor-copy. Each figure is also projected to the machine's cores from the CPU it took.
 */
public final class FloorFeeds implements Scenario {
    private static final byte[] KEY = "floor-feeds-benchmark-key-0123456789".getBytes(StandardCharsets.UTF_8);

    @Override
    public String name() {
        return "floor-feeds";
    }

    @Override
    public String describe() {
        return "the feed scenarios' ECM CSV, Mosaic XML, BaRS and ADT messages through the parsers alone -> records/s";
    }

    @Override
    public Result run(RunContext ctx) throws Exception {
        int threads = ctx.concurrencyOr(Runtime.getRuntime().availableProcessors());
        double warm = Math.min(ctx.warmupSeconds(), 3), secs = Math.min(ctx.durationSeconds(), 5);
        Result res = new Result(name()).condition("threads", threads).condition("secondsEach", secs);

        // ECM: the ecm-csv scenario's files (one per provider).
        List<EcmFeed.Request> files = EcmFeed.csvBatches().requests(withKey(ctx));
        long[] eventsOf = files.stream().mapToLong(EcmFeed.Request::events).toArray();
        List<String> providers = new ArrayList<>();
        EcmFeed.Share sh = EcmFeed.share(ctx.ecmProviders(), true);
        for (int p = sh.from(); p < sh.to(); p++) providers.add(ctx.world().provider(p).feedId());
        Pseudonymiser pseudonymiser = new Pseudonymiser(ctx.tenant(), KEY);
        List<EcmCsvParser> parsers = new ArrayList<>();
        for (EcmFeed.Request f : files) parsers.add(new EcmCsvParser(EcmFeedConfig.defaults(providerOf(f, providers)), pseudonymiser));
        measure(res, "ECM CSV parse", "events/s", threads, warm, secs, (u, i) -> {
            int k = (int) (i % files.size());
            long[] n = new long[1];
            parsers.get(k).parse(new StringReader(new String(files.get(k).body(), StandardCharsets.UTF_8)), new EcmSink() {
                public void event(long recordNumber, VisitEvent event) {
                    n[0]++;
                }

                public void error(RecordError error) {
                    throw new IllegalStateException("floor-feeds: the ECM CSV does not parse: " + error.field() + ": " + error.reason());
                }
            });
            return n[0];
        }, eventsOf.length == 0 ? 0 : java.util.Arrays.stream(eventsOf).sum() / eventsOf.length);

        if (ctx.jdbcUrl() != null) copyEcmRows(ctx, res, sh);

        // Mosaic: the full extract, as mosaic-extract posts it.
        Path dir = Files.createTempDirectory("bench-floor-mosaic");
        Generator.generate(ctx.world(), ctx.fhir(), dir, List.of("mosaic-xml"), ctx.bundleSize(),
                ctx.mosaicPeople() > 0 ? ctx.mosaicPeople() : ctx.world().scale().people());
        byte[] full = Files.readAllBytes(dir.resolve("mosaic/full.xml"));
        MosaicMapper mapper = new MosaicMapper(KEY);
        for (boolean map : new boolean[]{false, true}) {
            long[] people = new long[1];
            double[] projected = new double[1];
            LoadRunner.Stats s = timedOnce(threads, () -> {
                long n = 0;
                try (XmlExtractReader r = XmlExtractReader.open(new ByteArrayInputStream(full), ReaderLimits.DEFAULT)) {
                    while (r.hasNext()) {
                        ExtractRecord rec = r.next();
                        if (map && rec.isValid()) mapper.map(ctx.tenant(), rec.person());
                        n++;
                    }
                }
                return n;
            }, people, projected, map ? "Mosaic XML read + map to FHIR" : "Mosaic XML read");
            String what = map ? "Mosaic XML read + map to FHIR" : "Mosaic XML read";
            res.row(what, people[0] / Math.max(1e-9, s.seconds()), "people/s",
                    map ? "goal of the whole load: >= 5,000 people/s" : "the parser alone: the floor under the feed");
            res.row(what + " projected, machine to ourselves", projected[0], "people/s", "cores / CPU per person");
        }
        Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());

        // Discharge: the messages the discharge scenarios send.
        int n = ctx.world().dischargeCount();
        IParser enc = FhirFactory.json();
        List<String> bars = new ArrayList<>(), adt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Model.Discharge d = ctx.world().discharge(i);
            Model.Person p = ctx.world().person(d.personIndex());
            bars.add(enc.encodeResourceToString(BarsMessages.referral(d, p, BarsMessages.tenantEndpoint(ctx.tenant()))));
            adt.add(Hl7Adt.message(d, p, "A01"));
            adt.add(Hl7Adt.message(d, p, "A03"));
        }
        IParser[] json = new IParser[threads];
        for (int i = 0; i < threads; i++) json[i] = FhirFactory.json();
        measure(res, "BaRS message parse (HAPI)", "msg/s", threads, warm, secs, (u, i) -> {
            json[u].parseResource(Bundle.class, bars.get((int) (i % bars.size())));
            return 1;
        }, 1);
        measure(res, "HL7 v2 ADT parse", "msg/s", threads, warm, secs, (u, i) -> {
            AdtParser.parse(adt.get((int) (i % adt.size())));
            return 1;
        }, 1);
        return res;
    }

    /**
     * The same ECM events as rows of a table shaped like the gateway's {@code ecm_event} (key tenant, provider, event
     * id; the event as JSON text) through PostgreSQL COPY, in --jdbc-url's database: the write floor under ECM ingest.
     */
    private static void copyEcmRows(RunContext ctx, Result res, EcmFeed.Share sh) throws Exception {
        StringBuilder rows = new StringBuilder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        long count = 0;
        for (var e : ctx.workload().ecmEvents(sh.from(), sh.to()).entrySet()) {
            for (Model.EcmEvent ev : e.getValue()) {
                if (!seen.add(ev.providerId() + '|' + ev.eventId())) continue; // a duplicate is not stored twice
                String json = org.carebridge.benchmarks.gen.EcmJsonFormat.body(List.of(ev)).trim();
                rows.append(ctx.tenant()).append('\t').append(ev.providerId()).append('\t').append(ev.eventId()).append('\t')
                        .append(ev.clientId()).append('\t').append(ev.kind().code).append('\t').append(ev.time()).append('\t')
                        .append(json.replace("\\", "\\\\")).append('\n');
                count++;
            }
        }
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(ctx.jdbcUrl());
        long pgPid = port.find() ? CpuMeter.postgresOnPort(Integer.parseInt(port.group(1))) : 0;
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        String table = "bench_floor_ecm_event";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(ctx.jdbcUrl()); java.sql.Statement st = c.createStatement()) {
            st.execute("drop table if exists " + table);
            st.execute("create table " + table + " (tenant text not null, provider_id text not null, event_id text not null,"
                    + " client_id text not null, kind text not null, event_time timestamptz not null, content text not null,"
                    + " primary key (tenant, provider_id, event_id))");
            CpuMeter cpu = CpuMeter.start(0, pgPid);
            long t0 = System.nanoTime();
            long n = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn("copy " + table
                    + " (tenant, provider_id, event_id, client_id, kind, event_time, content) from stdin", new ByteArrayInputStream(bytes));
            double secs = (System.nanoTime() - t0) / 1e9;
            if (n != count) throw new IllegalStateException("COPY wrote " + n + " rows, expected " + count);
            res.row("ECM events through COPY (" + count + " rows)", count / secs, "rows/s", "the write floor under ECM ingest");
            Result scratch = new Result("scratch");
            cpu.report(scratch, "x", count);
            double ms = scratch.rows().stream().mapToDouble(r -> ((Number) r.value()).doubleValue()).sum();
            if (pgPid > 0) res.row("ECM COPY projected, machine to ourselves", Runtime.getRuntime().availableProcessors() * 1000.0
                    / Math.max(1e-9, ms), "rows/s", "cores / (PostgreSQL + driver) CPU per row");
            st.execute("drop table " + table);
        }
    }

    /** The ECM scenarios need a key to build their URLs; the floor sends nothing, so any stands in. */
    private static RunContext withKey(RunContext c) {
        return c.apiKey() != null ? c : new RunContext(c.baseUrl(), c.concurrency(), c.warmupSeconds(), c.durationSeconds(),
                c.limit(), c.bundleSize(), c.world(), c.fhir(), c.tokens(), c.jdbcUrl(), c.gatewayPid(), c.postgresPid(),
                c.gatewayJar(), c.mllp(), c.endpoint(), c.dataDir(), "unused", c.ecmChannel(), c.ecmProviders(),
                c.mosaicPeople(), c.rate());
    }

    private static String providerOf(EcmFeed.Request f, List<String> providers) {
        for (String p : providers) if (f.url().endsWith(p) || f.url().contains("/" + p)) return p;
        throw new IllegalStateException("floor-feeds: no provider for " + f.url());
    }

    interface Work {
        long run(int user, long iteration) throws Exception;
    }

    /** A timed run of {@code work} (each call does {@code about} records); rows: rate, projected rate. */
    private static void measure(Result res, String what, String unit, int threads, double warm, double secs, Work work,
                                long about) throws InterruptedException {
        java.util.concurrent.atomic.LongAdder records = new java.util.concurrent.atomic.LongAdder();
        boolean[] measuring = new boolean[1];
        CpuMeter[] cpu = new CpuMeter[1];
        LoadRunner.Stats s = LoadRunner.timed(threads, warm, secs, (u, i) -> {
            long k = work.run(u, i);
            if (measuring[0]) records.add(k);
            return "ok";
        }, () -> {
            measuring[0] = true;
            cpu[0] = CpuMeter.start(0, 0);
        });
        if (s.failed() > 0) throw new IllegalStateException(name(what) + ": " + s.outcomes());
        res.row(what, records.sum() / Math.max(1e-9, s.seconds()), unit, "the parser alone: the floor under the feed");
        Result scratch = new Result("scratch");
        cpu[0].report(scratch, "x", records.sum());
        double ms = ((Number) scratch.rows().get(0).value()).doubleValue();
        res.row(what + " projected, machine to ourselves", Runtime.getRuntime().availableProcessors() * 1000.0 / Math.max(1e-9, ms),
                unit, "cores / CPU per record");
    }

    private static String name(String what) {
        return "floor-feeds (" + what + ")";
    }

    interface Once {
        long run() throws Exception;
    }

    /** The whole extract read once per thread, all threads at once (a file is read start to end, not sampled). */
    private static LoadRunner.Stats timedOnce(int threads, Once once, long[] total, double[] projected, String what) throws Exception {
        once.run(); // warm the parser up
        CpuMeter cpu = CpuMeter.start(0, 0);
        java.util.concurrent.atomic.LongAdder n = new java.util.concurrent.atomic.LongAdder();
        LoadRunner.Stats s = LoadRunner.fixed(threads, threads, (u, i) -> {
            n.add(once.run());
            return "ok";
        });
        if (s.failed() > 0) throw new IllegalStateException(name(what) + ": " + s.outcomes());
        total[0] = n.sum();
        Result scratch = new Result("scratch");
        cpu.report(scratch, "x", n.sum());
        double ms = ((Number) scratch.rows().get(0).value()).doubleValue();
        projected[0] = Runtime.getRuntime().availableProcessors() * 1000.0 / Math.max(1e-9, ms);
        return s;
    }
}
