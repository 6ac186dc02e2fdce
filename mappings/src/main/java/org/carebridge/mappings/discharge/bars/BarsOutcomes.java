package org.carebridge.mappings.discharge.bars;

import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/** Issues to an OperationOutcome shaped like the BaRS examples (UKCore-OperationOutcome, http-error-codes). */
public final class BarsOutcomes {
    private BarsOutcomes() {}

    public static OperationOutcome toOperationOutcome(List<BarsIssue> issues, UUID id) {
        if (issues.isEmpty()) {
            throw new IllegalArgumentException("an OperationOutcome for a rejection needs at least one issue");
        }
        OperationOutcome oo = new OperationOutcome();
        oo.setId(id.toString());
        oo.getMeta().addProfile(BarsCodes.OPERATION_OUTCOME_PROFILE);
        for (BarsIssue issue : issues) {
            OperationOutcome.OperationOutcomeIssueComponent c = oo.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(issue.type())
                    .setDetails(new CodeableConcept(new Coding(BarsCodes.HTTP_ERROR_CODES, issue.error().name(), null)))
                    .setDiagnostics(issue.diagnostics());
            if (issue.expression() != null) {
                c.addExpression(issue.expression());
            }
        }
        return oo;
    }

    /** The HTTP status of a rejection: the first issue decides, as the validator reports the gravest first. */
    public static int httpStatus(List<BarsIssue> issues) {
        return issues.isEmpty() ? 200 : issues.get(0).error().httpStatus();
    }

    /** The BaRS response code for an asynchronous response message reporting these issues. */
    public static String responseCode(List<BarsIssue> issues) {
        if (issues.isEmpty()) {
            return "ok";
        }
        int status = httpStatus(issues);
        return status >= 500 || status == 408 || status == 429 ? "transient-error" : "fatal-error";
    }
}
