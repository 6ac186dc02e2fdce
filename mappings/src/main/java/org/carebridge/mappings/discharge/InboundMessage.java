package org.carebridge.mappings.discharge;

import java.util.List;
import org.carebridge.mappings.discharge.bars.BarsHeaders;
import org.carebridge.mappings.discharge.bars.BarsIssue;
import org.carebridge.mappings.discharge.bars.BarsMessageValidator;
import org.carebridge.mappings.discharge.bars.BarsValidation;
import org.carebridge.mappings.discharge.bars.ReferralMessage;
import org.carebridge.mappings.discharge.notice.CareActNotice;
import org.carebridge.mappings.discharge.notice.CareActNoticeReader;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The pure front of $process-message: one message Bundle in, one of three verdicts out. The gateway's operation
 * (after the replay check, {@link org.carebridge.mappings.discharge.bars.MessageReplay}) switches on it: store a
 * referral, answer a notice, or return the OperationOutcome with its HTTP status.
 */
public sealed interface InboundMessage {

    /** A BaRS referral, update, cancellation or response. */
    record Referral(ReferralMessage message) implements InboundMessage {}

    /** A Care Act notice (assessment, discharge, withdrawal); its minimum content is judged by the answer. */
    record Notice(CareActNotice notice) implements InboundMessage {}

    /** Not processable: answer with the OperationOutcome of these issues and their HTTP status. */
    record Rejected(List<BarsIssue> issues) implements InboundMessage {
        public int httpStatus() {
            return issues.get(0).error().httpStatus();
        }
    }

    static InboundMessage classify(Bundle bundle, BarsHeaders headers, BarsMessageValidator validator) {
        if (bundle != null && CareActNoticeReader.isNotice(bundle)) {
            CareActNoticeReader.Result r = CareActNoticeReader.read(bundle);
            return r.isNotice() ? new Notice(r.notice()) : new Rejected(r.issues());
        }
        BarsValidation v = validator.validate(bundle, headers);
        return v.accepted() ? new Referral(v.referral().orElseThrow()) : new Rejected(v.issues());
    }
}
