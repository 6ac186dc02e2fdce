package org.carebridge.mappings.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.plan.ExtractContents;
import org.carebridge.mappings.mosaic.read.ExtractRecord;
import org.carebridge.mappings.mosaic.read.ReaderLimits;
import org.carebridge.mappings.mosaic.read.XmlExtractReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated extract read streaming, each person validated and mapped: reports wall time and heap (no timing
 * assertions; the numbers go to the test output). The default run uses 2,000 people to keep shared builds lean;
 * the 100,000-person measurement is {@code mvn -pl mappings -am test -Dtest=LargeExtractTest
 * -Dmosaic.large.people=100000 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class LargeExtractTest {
    @TempDir
    Path dir;

    @Test
    void readsAndMapsAGeneratedExtractInBoundedMemory() throws Exception {
        int people = Integer.getInteger("mosaic.large.people", 2_000);
        Path file = dir.resolve("kent-full-generated.xml");
        long t0 = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            SyntheticMosaic.writeXml(out, new ExtractHeader("kent", "full", "2026-11-23T06:00:00Z", "GEN-100K"),
                    people, 42);
        }
        long written = System.nanoTime();

        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long baseline = used(heap);
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long maxAfterGc = 0;

        MosaicMapper mapper = new MosaicMapper(Samples.KEY);
        ExtractContents contents = new ExtractContents();
        int valid = 0;
        int resources = 0;
        long mapNanos = 0;
        long t1 = System.nanoTime();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             XmlExtractReader reader = XmlExtractReader.open(in, ReaderLimits.DEFAULT)) {
            while (reader.hasNext()) {
                ExtractRecord r = reader.next();
                contents.add(r);
                if (r.isValid()) {
                    valid++;
                    long m0 = System.nanoTime();
                    resources += mapper.map("kent", r.person()).resources().size();
                    mapNanos += System.nanoTime() - m0;
                }
                if (r.recordNumber() % 1_000 == 0) {
                    maxAfterGc = Math.max(maxAfterGc, usedAfterGc(heap));
                }
            }
        }
        long t2 = System.nanoTime();
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();

        assertEquals(people, valid);
        System.out.printf("Mosaic large extract: %,d people, %,d bytes; generate %.1f s; read+validate+map %.1f s "
                        + "(%,.0f people/s; of which mapping %.1f s, %,d FHIR resources); heap before %d MB, peak used %d MB, max live after GC "
                        + "%d MB, max heap %d MB%n",
                people, Files.size(file), (written - t0) / 1e9, (t2 - t1) / 1e9, people / ((t2 - t1) / 1e9),
                mapNanos / 1e9, resources, baseline >> 20, peak >> 20, maxAfterGc >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static long used(List<MemoryPoolMXBean> heap) {
        return heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static long usedAfterGc(List<MemoryPoolMXBean> heap) {
        return heap.stream().mapToLong(p -> p.getCollectionUsage() == null ? 0 : p.getCollectionUsage().getUsed())
                .sum();
    }
}
