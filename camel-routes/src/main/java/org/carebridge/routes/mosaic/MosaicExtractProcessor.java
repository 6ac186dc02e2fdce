package org.carebridge.routes.mosaic;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
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
            if ("full".equals(header.extractType.trim())) {
                ends = planEnds(header, reader, confirmed);
                reader.close();
                if (ends.decision() == EndPlan.Decision.HOLD) {
                    String heldId = sink.extractHeld(config.tenant(), fileName, header, ends, source);
                    return finish(report.heldId(heldId).outcome(ExtractReport.Outcome.HELD, ends.reason()).build());
                }
                reader = open(fileName, source);
            }
            Applied applied = applyRecords(header, reader, report);
            boolean complete = applied == Applied.ALL;
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

    private EndPlan planEnds(ExtractHeader header, MosaicExtractReader reader, boolean confirmed) {
        ExtractContents contents = new ExtractContents();
        try {
            reader.forEachRemaining(contents::add);
        } catch (MosaicExtractException e) {
            contents.incomplete(e.getMessage());
        }
        return ExtractPlanner.planEnds(header, contents, sink.openOrders(config.tenant()), config.endPolicy(),
                confirmed);
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

    private Applied applyRecords(ExtractHeader header, MosaicExtractReader reader, ExtractReport.Builder report) {
        Batch batch = new Batch(header, report);
        try {
            while (reader.hasNext()) {
                ExtractRecord r = reader.next();
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
                if (batch.people.size() >= config.batchSize() && batch.flush()) {
                    return Applied.INCOMPLETE;
                }
            }
            if (batch.flush()) {
                return Applied.INCOMPLETE;
            }
            return batch.refused ? Applied.STORE_REFUSED_SOME : Applied.ALL;
        } catch (MosaicExtractException e) {
            if (!batch.flush()) {
                report.fatal(e.problem());
            }
            return Applied.INCOMPLETE;
        }
    }

    /**
     * Records read but not yet reported, in file order: valid people go to the sink together (fewer transactions,
     * batched writes); the report still lists every record in order.
     */
    private final class Batch {
        private final ExtractHeader header;
        private final ExtractReport.Builder report;
        private final java.util.List<ExtractRecord> records = new java.util.ArrayList<>();
        private final java.util.List<MappedPerson> mapped = new java.util.ArrayList<>();
        private final java.util.List<RuntimeException> mapFailures = new java.util.ArrayList<>();
        private final java.util.List<MappedPerson> people = new java.util.ArrayList<>();
        private int consecutiveFailures;
        private boolean refused;

        Batch(ExtractHeader header, ExtractReport.Builder report) {
            this.header = header;
            this.report = report;
        }

        void add(ExtractRecord r, MappedPerson person, RuntimeException mapFailure) {
            records.add(r);
            mapped.add(person);
            mapFailures.add(mapFailure);
            if (person != null) {
                people.add(person);
            }
        }

        /** Applies and reports what is pending; true when the store is taken to be down (stop the file). */
        boolean flush() {
            java.util.List<RuntimeException> results = people.isEmpty() ? java.util.List.of()
                    : sink.applyPersons(header, people);
            int next = 0;
            boolean stop = false;
            for (int i = 0; i < records.size(); i++) {
                ExtractRecord r = records.get(i);
                RuntimeException failure = mapFailures.get(i);
                if (mapped.get(i) == null && failure == null) {
                    report.record(r, false); // invalid: its problems are in the record
                    continue;
                }
                if (mapped.get(i) != null) {
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
            records.clear();
            mapped.clear();
            mapFailures.clear();
            people.clear();
            return stop;
        }
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
