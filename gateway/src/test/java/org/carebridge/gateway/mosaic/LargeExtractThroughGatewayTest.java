package org.carebridge.gateway.mosaic;

import io.micronaut.context.ApplicationContext;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.store.ResourceStore;
import org.carebridge.mappings.mosaic.MappedPerson;
import org.carebridge.mappings.mosaic.MosaicExtractWriter;
import org.carebridge.mappings.mosaic.SyntheticMosaic;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.OrderRecord;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.mappings.mosaic.plan.AppliedExtract;
import org.carebridge.mappings.mosaic.plan.EndPlan;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.carebridge.routes.mosaic.MosaicExtractProcessor;
import org.carebridge.routes.mosaic.MosaicExtractSink;
import org.carebridge.routes.mosaic.MosaicSourceConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A generated delta extract through the gateway's real sink (PostgreSQL, listeners, hashes), then the same again
 * (nothing new: no versions). Prints wall time, people/s and peak heap. 500 people by default (the shared build machine is slow); the measurement:
 * {@code mvn -pl gateway -am test -Dtest=LargeExtractThroughGatewayTest -Dmosaic.large.people=100000
 * -Dsurefire.failIfNoSpecifiedTests=false}. Its people have their own ids (L…), and the extract bypasses the
 * council's ordering state, so it does not disturb other tests.
 */
class LargeExtractThroughGatewayTest {
    static final String TENANT = "kent";

    @Test
    void generatedExtractThroughTheSink() throws Exception {
        int people = Integer.getInteger("mosaic.large.people", 500);
        ApplicationContext ctx = GatewayServer.start().getApplicationContext();
        MosaicFeeds feeds = ctx.getBean(MosaicFeeds.class);
        MosaicSettings settings = ctx.getBean(MosaicSettings.class);
        Path file = Path.of("target", "large-mosaic-" + people + ".xml");
        long orders = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             MosaicExtractWriter w = new MosaicExtractWriter(out,
                     new ExtractHeader(TENANT, "delta", "2026-11-30T06:00:00Z", "LARGE-" + people))) {
            for (int i = 0; i < people; i++) {
                PersonRecord p = own(SyntheticMosaic.person(11, i));
                orders += p.orders.size();
                w.write(p);
            }
        }
        MosaicExtractProcessor processor = new MosaicExtractProcessor(new MosaicSourceConfig(TENANT,
                new org.carebridge.mappings.mosaic.read.ReaderLimits(settings.maxFileBytes(), settings.maxRecordBytes()),
                org.carebridge.mappings.mosaic.read.CsvColumnMapping.CANONICAL,
                new org.carebridge.mappings.mosaic.plan.EndPolicy(settings.maxEndShare()),
                Integer.getInteger("mosaic.large.batch", settings.batchSize())),
                new org.carebridge.mappings.mosaic.MosaicMapper(ctx.getBean(MosaicKey.class).bytes()),
                new WithoutOrdering(feeds.sink()));

        Run first = run(processor, file);
        assertEquals(people, first.report.recordsApplied(), first.report.toJson());
        long versions = count(ctx, "select count(*) from fhir_resource_version where res_id in (select res_id from"
                + " fhir_idx_token where tenant = 'kent' and res_type = 'ServiceRequest' and param = 'identifier'"
                + " and value like 'LSDO%')");
        assertEquals(orders, versions, "one version per order");

        Run again = run(processor, file);
        assertEquals(people, again.report.recordsApplied());
        assertEquals(versions, count(ctx, "select count(*) from fhir_resource_version where res_id in (select res_id"
                + " from fhir_idx_token where tenant = 'kent' and res_type = 'ServiceRequest' and param = 'identifier'"
                + " and value like 'LSDO%')"), "the same records again write no version");
        System.out.printf("MOSAIC-LARGE people=%d bytes=%d orders=%d batch=%d%n", people, Files.size(file), orders,
                Integer.getInteger("mosaic.large.batch", settings.batchSize()));
        System.out.printf("MOSAIC-LARGE first: %.1f s, %.0f people/s, peak heap used %d MB (max %d MB)%n",
                first.seconds, people / first.seconds, first.peakHeapMb, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("MOSAIC-LARGE again (unchanged): %.1f s, %.0f people/s, peak heap used %d MB%n",
                again.seconds, people / again.seconds, again.peakHeapMb);
        Files.deleteIfExists(file);
    }

    record Run(ExtractReport report, double seconds, long peakHeapMb) {
    }

    static Run run(MosaicExtractProcessor processor, Path file) throws Exception {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        ExtractReport r = processor.process(file.getFileName().toString(), () -> Files.newInputStream(file), false);
        double s = (System.nanoTime() - t0) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
        return new Run(r, s, peak);
    }

    /** Ids of their own, so these people never meet another test's. */
    static PersonRecord own(PersonRecord p) {
        p.personId = "L" + p.personId;
        p.plans.forEach(pl -> pl.planId = "L" + pl.planId);
        for (OrderRecord o : p.orders) {
            o.orderNumber = "L" + o.orderNumber;
            o.planId = o.planId == null ? null : "L" + o.planId;
        }
        return p;
    }

    static long count(ApplicationContext ctx, String sql) {
        return ctx.getBean(ResourceStore.class).inTenant(TENANT, s -> {
            try (PreparedStatement ps = s.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The real sink, except that this extract is not ordered against (nor recorded in) the council's history. */
    record WithoutOrdering(PostgresMosaicSink sink) implements MosaicExtractSink {
        @Override
        public void applyPerson(ExtractHeader header, MappedPerson person) {
            sink.applyPerson(header, person);
        }

        @Override
        public void prepare(List<MappedPerson> persons) {
            sink.prepare(persons);
        }

        @Override
        public List<RuntimeException> applyPersons(ExtractHeader header, List<MappedPerson> persons) {
            return sink.applyPersons(header, persons);
        }

        @Override
        public void endOrders(ExtractHeader header, Set<String> orderNumbers) {
            sink.endOrders(header, orderNumbers);
        }

        @Override
        public void recordApplied(String tenant, AppliedExtract extract) {
        }

        @Override
        public String extractHeld(String tenant, String fileName, ExtractHeader header, EndPlan plan,
                                  MosaicExtractProcessor.Source file) {
            return sink.extractHeld(tenant, fileName, header, plan, file);
        }

        @Override
        public void reportWritten(String tenant, ExtractReport report) {
        }

        @Override
        public Optional<AppliedExtract> lastApplied(String tenant) {
            return Optional.empty();
        }

        @Override
        public Map<String, String> openOrders(String tenant) {
            return sink.openOrders(tenant);
        }
    }
}
