package org.carebridge.mappings.discharge.bars;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One reason a message cannot be processed: FHIR issue type, BaRS error code, the FHIRPath of the offending
 * element and a diagnostic that names the field but never personal data.
 */
public record BarsIssue(IssueType type, BarsError error, String expression, String diagnostics) {

    public static BarsIssue required(String expression, String diagnostics) {
        return new BarsIssue(IssueType.REQUIRED, BarsError.REC_BAD_REQUEST, expression, diagnostics);
    }

    public static BarsIssue value(String expression, String diagnostics) {
        return new BarsIssue(IssueType.VALUE, BarsError.REC_BAD_REQUEST, expression, diagnostics);
    }

    public static BarsIssue invalid(String expression, String diagnostics) {
        return new BarsIssue(IssueType.INVALID, BarsError.REC_BAD_REQUEST, expression, diagnostics);
    }

    public static BarsIssue structure(String expression, String diagnostics) {
        return new BarsIssue(IssueType.STRUCTURE, BarsError.REC_BAD_REQUEST, expression, diagnostics);
    }

    public static BarsIssue invariant(String expression, String diagnostics) {
        return new BarsIssue(IssueType.INVARIANT, BarsError.REC_BAD_REQUEST, expression, diagnostics);
    }

    public static BarsIssue notSupported(String expression, String diagnostics) {
        return new BarsIssue(IssueType.NOTSUPPORTED, BarsError.REC_NOT_IMPLEMENTED, expression, diagnostics);
    }

    /** Well formed but not for this receiver (wrong endpoint or receiving organisation). */
    public static BarsIssue unprocessable(String expression, String diagnostics) {
        return new BarsIssue(IssueType.PROCESSING, BarsError.REC_UNPROCESSABLE_ENTITY, expression, diagnostics);
    }

    /** The message was already processed (same X-Request-Id with a different body, or a stale update). */
    public static BarsIssue duplicate(String diagnostics) {
        return new BarsIssue(IssueType.DUPLICATE, BarsError.REC_CONFLICT, null, diagnostics);
    }
}
