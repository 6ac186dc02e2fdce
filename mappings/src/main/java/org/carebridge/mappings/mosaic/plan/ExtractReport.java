package org.carebridge.mappings.mosaic.plan;

import org.carebridge.mappings.common.Json;
import java.util.ArrayList;
import java.util.List;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.read.ExtractRecord;
import org.carebridge.mappings.mosaic.read.RecordProblem;

/**
 * The per-file report: what happened to the file and every record rejected, with record number, id, field and
 * reason. Written next to the file (error/ folder) and served by the API. Holds no personal data: ids, field
 * names and reasons only.
 */
public record ExtractReport(String file, String tenant, String extractId, String extractType, String extractTime,
                            Outcome outcome, String reason, int recordsRead, int recordsApplied,
                            int recordsRejected, int ordersEnded, RecordProblem fatal, List<RecordProblem> problems,
                            int problemsOmitted, String heldId) {
    public enum Outcome {
        APPLIED("applied"), APPLIED_WITH_REJECTIONS("applied-with-rejections"), SKIPPED_OLDER("skipped-older"),
        SKIPPED_DUPLICATE("skipped-duplicate"), HELD("held"), REJECTED("rejected"),
        /** Good records before a fatal error were applied; the rest of the file was not read. */
        INCOMPLETE("incomplete");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public ExtractReport {
        problems = List.copyOf(problems);
    }

    public String toJson() {
        StringBuilder b = new StringBuilder(256 + problems.size() * 120);
        b.append("{\n");
        field(b, "file", Json.str(file));
        field(b, "tenant", Json.str(tenant));
        field(b, "extractId", Json.str(extractId));
        field(b, "extractType", Json.str(extractType));
        field(b, "extractTime", Json.str(extractTime));
        field(b, "outcome", Json.str(outcome.code()));
        field(b, "reason", Json.str(reason));
        field(b, "recordsRead", Integer.toString(recordsRead));
        field(b, "recordsApplied", Integer.toString(recordsApplied));
        field(b, "recordsRejected", Integer.toString(recordsRejected));
        field(b, "ordersEnded", Integer.toString(ordersEnded));
        field(b, "fatal", fatal == null ? "null" : problem(fatal));
        field(b, "problemsOmitted", Integer.toString(problemsOmitted));
        field(b, "heldId", Json.str(heldId));
        b.append("  \"problems\": [");
        for (int i = 0; i < problems.size(); i++) {
            b.append(i == 0 ? "\n    " : ",\n    ").append(problem(problems.get(i)));
        }
        b.append(problems.isEmpty() ? "]\n" : "\n  ]\n").append("}\n");
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String json) {
        b.append("  ").append(Json.str(name)).append(": ").append(json).append(",\n");
    }

    private static String problem(RecordProblem p) {
        return "{\"record\": " + p.recordNumber() + ", \"line\": " + p.line() + ", \"personId\": "
                + Json.str(p.personId()) + ", \"field\": " + Json.str(p.field()) + ", \"reason\": "
                + Json.str(p.reason()) + "}";
    }

    /** Collects a report while a file streams through; keeps at most {@code maxProblems} problems in memory. */
    public static final class Builder {
        private final String file;
        private final int maxProblems;
        private ExtractHeader header;
        private Outcome outcome;
        private String reason;
        private int read;
        private int applied;
        private int rejected;
        private int ended;
        private RecordProblem fatal;
        private final List<RecordProblem> problems = new ArrayList<>();
        private int omitted;
        private String heldId;

        public Builder(String file, int maxProblems) {
            this.file = file;
            this.maxProblems = maxProblems;
        }

        public Builder(String file) {
            this(file, 10_000);
        }

        public Builder header(ExtractHeader h) {
            this.header = h;
            return this;
        }

        /** A record read; {@code applied} says whether the sink took it. */
        public Builder record(ExtractRecord r, boolean applied) {
            read++;
            if (applied) {
                this.applied++;
            } else {
                rejected++;
            }
            for (RecordProblem p : r.problems()) {
                if (problems.size() < maxProblems) {
                    problems.add(p);
                } else {
                    omitted++;
                }
            }
            return this;
        }

        /** A valid record the store could not apply (its transaction failed): reported like a rejection. */
        public Builder failed(ExtractRecord r, String reason) {
            read++;
            rejected++;
            if (problems.size() < maxProblems) {
                problems.add(new RecordProblem(r.recordNumber(), r.line(), r.personId(), "record", reason));
            } else {
                omitted++;
            }
            return this;
        }

        public Builder ordersEnded(int n) {
            this.ended = n;
            return this;
        }

        public Builder fatal(RecordProblem p) {
            this.fatal = p;
            return this;
        }

        public Builder outcome(Outcome o, String reason) {
            this.outcome = o;
            this.reason = reason;
            return this;
        }

        /** The id under which a held extract waits for confirmation. */
        public Builder heldId(String id) {
            this.heldId = id;
            return this;
        }

        public int rejected() {
            return rejected;
        }

        public ExtractReport build() {
            Outcome o = outcome;
            if (o == null) {
                o = fatal != null ? (header == null ? Outcome.REJECTED : Outcome.INCOMPLETE)
                        : rejected > 0 ? Outcome.APPLIED_WITH_REJECTIONS : Outcome.APPLIED;
            }
            return new ExtractReport(file, header == null ? null : header.council,
                    header == null ? null : header.extractId, header == null ? null : header.extractType,
                    header == null ? null : header.extractTime, o, reason, read, applied, rejected, ended, fatal,
                    problems, omitted, heldId);
        }
    }
}
