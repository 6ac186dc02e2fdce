package org.carebridge.mappings.mosaic.read;

/**
 * The file cannot be read (any further): hostile or malformed XML, a bad header, a limit crossed. Records already
 * returned were good and stay applied; the message names the record and reason but never personal data.
 */
public class MosaicExtractException extends RuntimeException {
    private final RecordProblem problem;

    public MosaicExtractException(RecordProblem problem, Throwable cause) {
        super(describe(problem), cause);
        this.problem = problem;
    }

    public MosaicExtractException(RecordProblem problem) {
        this(problem, null);
    }

    public RecordProblem problem() {
        return problem;
    }

    private static String describe(RecordProblem p) {
        String where = p.recordNumber() == 0 ? "extract file" : "record " + p.recordNumber();
        if (p.line() > 0) {
            where += " (line " + p.line() + ")";
        }
        return where + ", " + p.field() + ": " + p.reason();
    }
}
