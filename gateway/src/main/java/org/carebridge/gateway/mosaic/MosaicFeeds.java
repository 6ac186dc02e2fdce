package org.carebridge.gateway.mosaic;

import jakarta.inject.Singleton;
import org.carebridge.mappings.mosaic.MosaicMapper;
import org.carebridge.mappings.mosaic.plan.EndPolicy;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.carebridge.mappings.mosaic.read.CsvColumnMapping;
import org.carebridge.mappings.mosaic.read.ReaderLimits;
import org.carebridge.mappings.mosaic.read.RecordProblem;
import org.carebridge.routes.mosaic.MosaicExtractProcessor;
import org.carebridge.routes.mosaic.MosaicSourceConfig;
import org.carebridge.routes.mosaic.MosaicUpload;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link MosaicExtractProcessor} per council, shared by the inbox channel and the HTTP upload (it serialises a
 * council's files, which the ordering rule needs), and the held-extract decisions of integration staff.
 */
@Singleton
public class MosaicFeeds {
    private final PostgresMosaicSink sink;
    private final MosaicSettings settings;
    private final MosaicMapper mapper;
    private final Map<String, MosaicExtractProcessor> processors = new ConcurrentHashMap<>();

    public MosaicFeeds(PostgresMosaicSink sink, MosaicSettings settings, MosaicKey key) {
        this.sink = sink;
        this.settings = settings;
        this.mapper = new MosaicMapper(key.bytes());
    }

    public PostgresMosaicSink sink() {
        return sink;
    }

    public MosaicExtractProcessor processor(String tenant) {
        return processors.computeIfAbsent(tenant, t -> new MosaicExtractProcessor(new MosaicSourceConfig(t,
                new ReaderLimits(settings.maxFileBytes(), settings.maxRecordBytes()), csvMapping(t),
                new EndPolicy(settings.maxEndShare()), settings.batchSize()), mapper, sink));
    }

    /** Spools the body (within the size limit) and applies it; see {@link MosaicUpload}. */
    public ExtractReport upload(String tenant, String fileName, InputStream body) throws IOException {
        ExtractReport r = new MosaicUpload(processor(tenant), Path.of(settings.dataDir(), "spool"),
                settings.maxFileBytes()).upload(fileName, body, false);
        if ("upload refused".equals(r.reason())) {
            sink.reportWritten(tenant, r); // refused before the processor saw it
        }
        return r;
    }

    /** What staff decided about a held extract. */
    public sealed interface Decision {
        record NotFound() implements Decision {}
        record NotHeld(String status) implements Decision {}
        record Done(ExtractReport report) implements Decision {}
        record Discarded() implements Decision {}
    }

    /**
     * Applies a held full extract as if it were within the share (its ends included). The ordering rule still
     * holds: if a newer extract was applied meanwhile, the held one is skipped as older.
     */
    public Decision confirm(String tenant, String id, String by) throws IOException {
        Optional<PostgresMosaicSink.Held> held = sink.held(tenant, id);
        if (held.isEmpty()) return new Decision.NotFound();
        if (!"held".equals(held.get().status())) return new Decision.NotHeld(held.get().status());
        Path file = held.get().storedAs();
        ExtractReport report;
        synchronized (processor(tenant)) {
            if (!sink.resolveHeld(tenant, id, "confirmed", by)) {
                return new Decision.NotHeld(sink.held(tenant, id).map(PostgresMosaicSink.Held::status).orElse("?"));
            }
            try {
                report = processor(tenant).process(held.get().fileName(), () -> Files.newInputStream(file), true);
            } catch (IOException | RuntimeException e) {
                sink.reopenHeld(tenant, id); // not applied after all: it waits again
                throw e;
            }
        }
        Files.deleteIfExists(file);
        return new Decision.Done(report);
    }

    public Decision discard(String tenant, String id, String by) throws IOException {
        Optional<PostgresMosaicSink.Held> held = sink.held(tenant, id);
        if (held.isEmpty()) return new Decision.NotFound();
        if (!sink.resolveHeld(tenant, id, "discarded", by)) return new Decision.NotHeld(held.get().status());
        Files.deleteIfExists(held.get().storedAs());
        return new Decision.Discarded();
    }

    /** A file refused before it could be read (unknown content type...), reported like any other. */
    public ExtractReport refused(String tenant, String fileName, String reason) {
        ExtractReport r = new ExtractReport.Builder(fileName)
                .fatal(new RecordProblem(0, 0, null, "file", reason))
                .outcome(ExtractReport.Outcome.REJECTED, "upload refused").build();
        sink.reportWritten(tenant, r);
        return r;
    }

    /** The council's CSV column mapping from {@code csv-mapping-dir/<tenant>.yaml} ({@code columns}, {@code values}). */
    @SuppressWarnings("unchecked")
    CsvColumnMapping csvMapping(String tenant) {
        Path file = Path.of(settings.csvMappingDir(), tenant + ".yaml");
        if (!Files.exists(file)) return CsvColumnMapping.CANONICAL;
        try (InputStream in = Files.newInputStream(file)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, Object> root = doc instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            Object csv = root.getOrDefault("csv", root);
            Map<String, Object> c = csv instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            Map<String, String> columns = new LinkedHashMap<>();
            if (c.get("columns") instanceof Map<?, ?> cols) cols.forEach((k, v) -> columns.put(String.valueOf(k), String.valueOf(v)));
            Map<String, Map<String, String>> values = new LinkedHashMap<>();
            if (c.get("values") instanceof Map<?, ?> vals) {
                vals.forEach((k, v) -> {
                    Map<String, String> one = new LinkedHashMap<>();
                    if (v instanceof Map<?, ?> vm) vm.forEach((a, b) -> one.put(String.valueOf(a), String.valueOf(b)));
                    values.put(String.valueOf(k), one);
                });
            }
            return new CsvColumnMapping(columns, values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CSV column mapping of " + tenant, e);
        }
    }
}
