package org.carebridge.routes.mosaic;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.carebridge.mappings.mosaic.MappedPerson;
import org.carebridge.mappings.mosaic.MosaicMapper;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.plan.Admission;
import org.carebridge.mappings.mosaic.plan.AppliedExtract;
import org.carebridge.mappings.mosaic.plan.EndPlan;
import org.carebridge.mappings.mosaic.plan.ExtractContents;
import org.carebridge.mappings.mosaic.plan.ExtractPlanner;
import org.carebridge.mappings.mosaic.plan.ExtractReport;
import org.carebridge.mappings.mosaic.read.ExtractRecord;
import org.carebridge.mappings.mosaic.read.MosaicExtractException;
import org.carebridge.mappings.mosaic.read.MosaicExtractReader;
import org.carebridge.mappings.mosaic.read.MosaicExtracts;
import org.carebridge.mappings.mosaic.read.RecordProblem;
import org.carebridge.mappings.mosaic.read.XmlExtractReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one extract file to the sink following the extract semantics (docs/mosaic-extract.md §6): admit by
 * time and digest, for a full extract a first pass to plan the ends (and hold when they are too many), then the
 * apply pass a person at a time, then the ends. Used by the inbox route and by the HTTP upload alike.
 */
public final class MosaicExtractProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MosaicExtractProcessor.class);

    /** Opens the file afresh for each pass. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private final MosaicSourceConfig config;
    private final MosaicMapper mapper;
    private final MosaicExtractSink sink;

    public MosaicExtractProcessor(MosaicSourceConfig config, MosaicMapper mapper, MosaicExtractSink sink) {
        this.config = config;
        this.mapper = mapper;
        this.sink = sink;
    }

    /**
     * Applies one file. Synchronized: one processor per council is shared by the inbox route and the HTTP upload,
     * and a council's extracts must apply one after the other for the ordering rule to hold.
     */
    public synchronized ExtractReport process(String fileName, Source source, boolean confirmed) throws IOException {
        ExtractReport.Builder report = new ExtractReport.Builder(fileName);
        String digest = digest(source);
        MosaicExtractReader reader;
        try {
            reader = open(fileName, source);
        } catch (MosaicExtractException e) {
            return finish(report.fatal(e.problem()).outcome(ExtractReport.Outcome.REJECTED, "file refused").build());
        }
        try {
            ExtractHeader header = reader.header();
            report.header(header);
            if (!config.tenant().equals(header.council.trim())) {
                return finish(report.fatal(new RecordProblem(0, 0, null, "header.council",
                                "names another council than this inbox's"))
                        .outcome(ExtractReport.Outcome.REJECTED, "file refused").build());
            }
            Admission admission = ExtractPlanner.admit(header, digest, sink);
            if (!admission.apply()) {
                return finish(report.outcome(admission.decision() == Admission.Decision.SKIP_OLDER
                        ? ExtractReport.Outcome.SKIPPED_OLDER : ExtractReport.Outcome.SKIPPED_DUPLICATE,
                        admission.reason()).build());
            }
            EndPlan ends = null;
            Map<String, String> openOrders = null;
            // A full extract's ends, planned from the apply pass itself when it cannot be held (below).
            ExtractContents contents = null;
            if ("full".equals(header.extractType.trim())) {
                openOrders = sink.openOrders(config.tenant());
                if (mayHold(fileName, source, openOrders, confirmed)) {
                    // It may have to wait for confirmation before anything is applied: a first pass decides.
                    ends = planEnds(header, reader, openOrders, confirmed);
                    reader.close();
                    if (ends.decision() == EndPlan.Decision.HOLD) {
                        String heldId = sink.extractHeld(config.tenant(), fileName, header, ends, source);
                        return finish(report.heldId(heldId).outcome(ExtractReport.Outcome.HELD, ends.reason()).build());
                    }
                    reader = open(fileName, source);
                } else {
                    contents = new ExtractContents();
                }
            }
            Applied applied = applyRecords(header, reader, report, contents);
            boolean complete = applied == Applied.ALL;
            if (contents != null) {
                // The same records as a first pass would have seen (the reader is deterministic), so the same plan.
                ends = ExtractPlanner.planEnds(header, contents, openOrders, config.endPolicy(), confirmed);
                if (ends.decision() == EndPlan.Decision.HOLD) {
                    // Ruled out by mayHold; should it ever happen, nothing is ended and the file is not recorded.
                    LOG.error("Mosaic extract {} for {}: planned to hold after its records were applied; no orders"
                            + " ended", fileName, config.tenant());
                    complete = false;
                    report.fatal(new RecordProblem(0, 0, null, "file",
                            "orders no longer in the extract were not ended (needs confirmation)"));
                    ends = new EndPlan(EndPlan.Decision.NO_ENDS, Set.of(), ends.openOrders(), ends.share(),
                            ends.reason());
                }
            }
            if (ends != null && applied != Applied.INCOMPLETE && ends.decision() == EndPlan.Decision.APPLY
                    && !ends.ordersToEnd().isEmpty()) {
                try {
                    sink.endOrders(header, ends.ordersToEnd());
                    report.ordersEnded(ends.ordersToEnd().size());
                } catch (RuntimeException e) {
                    complete = false;
                    report.fatal(new RecordProblem(0, 0, null, "file",
                            "orders no longer in the extract could not be ended: " + e.getClass().getSimpleName()));
                }
            }
            // Recorded only when every record was read and every good one stored: otherwise the same file sent
            // again must be applied again, not skipped as a duplicate (re-applying is harmless).
            if (complete) {
                sink.recordApplied(config.tenant(), new AppliedExtract(header.extractId,
                        OffsetDateTime.parse(header.extractTime.trim()), digest));
            }
            if (ends != null) {
                report.outcome(null, ends.reason());
            }
            return finish(report.build());
        } finally {
            reader.close();
        }
    }

    private EndPlan planEnds(ExtractHeader header, MosaicExtractReader reader, Map<String, String> openOrders,
                             boolean confirmed) {
        ExtractContents contents = new ExtractContents();
        readRest(reader, contents);
        return ExtractPlanner.planEnds(header, contents, openOrders, config.endPolicy(), confirmed);
    }

    /** Collects the rest of the file's records (ids and order numbers) into {@code contents}. */
    private static void readRest(MosaicExtractReader reader, ExtractContents contents) {
        try {
            reader.forEachRemaining(contents::add);
        } catch (MosaicExtractException e) {
            contents.incomplete(e.getMessage());
        }
    }

    /**
     * Whether a full extract might be held, so needs a first pass before anything is applied. The first pass read,
     * bound and validated every record (a fifth of a full extract's CPU) only to plan the ends; when the plan cannot
     * come out as HOLD — nothing open, confirmed, or (XML) even ending every open order whose number a plain StAX
     * scan does not find stays within the policy — the apply pass collects the same contents instead.
     */
    private boolean mayHold(String fileName, Source source, Map<String, String> openOrders, boolean confirmed)
            throws IOException {
        if (!ExtractPlanner.mayHold(openOrders, java.util.Set.of(), config.endPolicy(), confirmed)) {
            return false;
        }
        Set<String> named = null;
        try (BufferedInputStream in = new BufferedInputStream(source.open(), 1 << 16)) {
            MosaicExtracts.Format format = MosaicExtracts.formatOf(fileName);
            if (format == null) {
                format = MosaicExtracts.sniff(in);
            }
            if (format == MosaicExtracts.Format.XML) {
                named = XmlExtractReader.orderNumbers(in, config.limits());
            }
        }
        return ExtractPlanner.mayHold(openOrders, named, config.endPolicy(), confirmed);
    }

    /** How far the apply pass got. */
    private enum Applied {
        /** Read to the end; every valid person stored. */
        ALL,
        /** Read to the end; the store refused some valid persons. */
        STORE_REFUSED_SOME,
        /** Not read to the end. */
        INCOMPLETE
    }

    /** The store is taken to be down after this many refusals in a row: stop rather than reject the whole file. */
    static final int MAX_CONSECUTIVE_STORE_FAILURES = 50;

    /** @param contents when not null, every record read is added to it, to the end of the file even if applying stops */
    private Applied applyRecords(ExtractHeader header, MosaicExtractReader reader, ExtractReport.Builder report,
                                 ExtractContents contents) {
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mosaic-apply-" + config.tenant());
            t.setDaemon(true);
            return t;
        });
        try {
            Batch batch = new Batch(header, report, writer);
            try {
                while (reader.hasNext()) {
                    ExtractRecord r = reader.next();
                    if (contents != null) {
                        contents.add(r);
                    }
                    if (!r.isValid()) {
                        batch.add(r, null, null);
                        continue;
                    }
                    MappedPerson person;
                    try {
                        person = mapper.map(config.tenant(), r.person());
                    } catch (RuntimeException e) {
                        batch.add(r, null, e);
                        continue;
                    }
                    batch.add(r, person, null);
                    if (batch.people.size() >= config.batchSize() && batch.handOver()) {
                        if (contents != null) {
                            readRest(reader, contents); // the plan's reason still describes the whole file
                        }
                        return Applied.INCOMPLETE;
                    }
                }
                if (batch.flush()) {
                    return Applied.INCOMPLETE;
                }
                return batch.refused ? Applied.STORE_REFUSED_SOME : Applied.ALL;
            } catch (MosaicExtractException e) {
                if (contents != null) {
                    contents.incomplete(e.getMessage());
                }
                if (!batch.flush()) {
                    report.fatal(e.problem());
                }
                return Applied.INCOMPLETE;
            }
        } finally {
            // A group still with the writer (the reading failed unexpectedly) finishes before the file is given
            // back, so that a retry of the file never runs beside it.
            writer.shutdown();
            try {
                while (!writer.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    LOG.info("Mosaic extract for {}: waiting for the store to finish a group", config.tenant());
                }
            } catch (InterruptedException e) {
                writer.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Records read but not yet reported, in file order: valid people go to the sink together (fewer transactions,
     * batched writes); the report still lists every record in order. A full group is handed to one writer thread
     * while this one reads, checks and maps the next (reading and mapping overlap the store's work instead of
     * waiting for it): at most two groups are held, the store sees them one at a time in file order, and a group is
     * reported only after the one before it. When the store is taken to be down, the group read meanwhile is
     * dropped unreported and unapplied, as if it had not been read.
     */
    private final class Batch {
        private final ExtractHeader header;
        private final ExtractReport.Builder report;
        private final java.util.concurrent.ExecutorService writer;
        private final java.util.Map<String, String> logContext = org.slf4j.MDC.getCopyOfContextMap();
        private java.util.List<ExtractRecord> records = new java.util.ArrayList<>();
        private java.util.List<MappedPerson> mapped = new java.util.ArrayList<>();
        private java.util.List<RuntimeException> mapFailures = new java.util.ArrayList<>();
        private java.util.List<MappedPerson> people = new java.util.ArrayList<>();
        /** The group with the writer, not reported yet (null: none). */
        private Group pending;
        private int consecutiveFailures;
        private boolean refused;

        Batch(ExtractHeader header, ExtractReport.Builder report, java.util.concurrent.ExecutorService writer) {
            this.header = header;
            this.report = report;
            this.writer = writer;
        }

        void add(ExtractRecord r, MappedPerson person, RuntimeException mapFailure) {
            records.add(r);
            mapped.add(person);
            mapFailures.add(mapFailure);
            if (person != null) {
                people.add(person);
            }
        }

        /** Reports the group before, then hands this one to the writer; true when the store is taken to be down. */
        boolean handOver() {
            java.util.List<MappedPerson> group = people;
            if (!group.isEmpty()) {
                sink.prepare(group);
            }
            if (finishPending()) {
                return true;
            }
            java.util.concurrent.Future<java.util.List<RuntimeException>> results = group.isEmpty()
                    ? java.util.concurrent.CompletableFuture.completedFuture(java.util.List.of())
                    : writer.submit(() -> {
                        if (logContext != null) org.slf4j.MDC.setContextMap(logContext);
                        try {
                            return sink.applyPersons(header, group);
                        } finally {
                            org.slf4j.MDC.clear();
                        }
                    });
            pending = new Group(records, mapped, mapFailures, results);
            records = new java.util.ArrayList<>();
            mapped = new java.util.ArrayList<>();
            mapFailures = new java.util.ArrayList<>();
            people = new java.util.ArrayList<>();
            return false;
        }

        /** Applies and reports everything still held; true when the store is taken to be down. */
        boolean flush() {
            return handOver() || finishPending();
        }

        /** Waits for the group with the writer and reports it; true when the store is taken to be down. */
        private boolean finishPending() {
            if (pending == null) {
                return false;
            }
            Group g = pending;
            pending = null;
            java.util.List<RuntimeException> results;
            try {
                results = g.results().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the store applied a group", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            }
            int next = 0;
            boolean stop = false;
            for (int i = 0; i < g.records().size(); i++) {
                ExtractRecord r = g.records().get(i);
                RuntimeException failure = g.mapFailures().get(i);
                if (g.mapped().get(i) == null && failure == null) {
                    report.record(r, false); // invalid: its problems are in the record
                    continue;
                }
                if (g.mapped().get(i) != null) {
                    failure = results.get(next++);
                }
                if (failure == null) {
                    report.record(r, true);
                    consecutiveFailures = 0;
                    continue;
                }
                // The store refused this person (its changes rolled back): report, go on.
                LOG.warn("Mosaic record {} (person {}) not applied: {}", r.recordNumber(), r.personId(),
                        failure.getClass().getSimpleName());
                report.failed(r, "could not be applied: " + failure.getClass().getSimpleName());
                refused = true;
                if (++consecutiveFailures >= MAX_CONSECUTIVE_STORE_FAILURES && !stop) {
                    report.fatal(new RecordProblem(r.recordNumber(), r.line(), r.personId(), "file",
                            consecutiveFailures + " records in a row could not be stored; stopped (send the "
                                    + "file again when the store is back)"));
                    stop = true;
                }
            }
            return stop;
        }
    }

    /** A group handed to the writer: its records in file order and, in time, the store's answer per person. */
    private record Group(java.util.List<ExtractRecord> records, java.util.List<MappedPerson> mapped,
                         java.util.List<RuntimeException> mapFailures,
                         java.util.concurrent.Future<java.util.List<RuntimeException>> results) {
    }

    private MosaicExtractReader open(String fileName, Source source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(source.open(), 1 << 16);
        MosaicExtracts.Format format = MosaicExtracts.formatOf(fileName);
        if (format == null) {
            format = MosaicExtracts.sniff(in);
        }
        try {
            return MosaicExtracts.open(in, format, config.limits(), config.csv());
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private ExtractReport finish(ExtractReport report) {
        LOG.info("Mosaic extract {} for {}: {} ({} read, {} applied, {} rejected, {} orders ended)", report.file(),
                config.tenant(), report.outcome().code(), report.recordsRead(), report.recordsApplied(),
                report.recordsRejected(), report.ordersEnded());
        sink.reportWritten(config.tenant(), report);
        return report;
    }

    static String digest(Source source) throws IOException {
        try (InputStream in = new DigestInputStream(source.open(), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
