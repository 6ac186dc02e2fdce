package org.carebridge.mappings.discharge.bars;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;

/** The verdict on one message: either the extracted referral, or the issues that reject it. */
public record BarsValidation(List<BarsIssue> issues, ReferralMessage message) {
    public BarsValidation {
        issues = List.copyOf(issues);
        if (issues.isEmpty() == (message == null)) {
            throw new IllegalArgumentException("a verdict is either a message or issues, never both or neither");
        }
    }

    public boolean accepted() {
        return issues.isEmpty();
    }

    public Optional<ReferralMessage> referral() {
        return Optional.ofNullable(message);
    }

    public int httpStatus() {
        return BarsOutcomes.httpStatus(issues);
    }

    public OperationOutcome toOperationOutcome(UUID id) {
        return BarsOutcomes.toOperationOutcome(issues, id);
    }
}
