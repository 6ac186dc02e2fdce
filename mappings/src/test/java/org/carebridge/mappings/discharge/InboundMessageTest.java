package org.carebridge.mappings.discharge;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import org.carebridge.mappings.discharge.bars.BarsHeaders;
import org.carebridge.mappings.discharge.bars.BarsMessageValidator;
import org.carebridge.mappings.discharge.bars.BarsReceiver;
import org.carebridge.mappings.discharge.notice.CareActNoticeTest;
import org.carebridge.mappings.discharge.notice.NoticeType;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

class InboundMessageTest {
    private final BarsMessageValidator validator =
            new BarsMessageValidator(new BarsReceiver("kent", Set.of("http://fhir.nhs.uk/Id/dos-service-id|111111111"), null));

    @Test
    void noticesAreRoutedToTheNoticeReaderAndEverythingElseToBars() throws Exception {
        InboundMessage n = InboundMessage.classify(CareActNoticeTest.notice(NoticeType.DISCHARGE), BarsHeaders.none(), validator);
        assertEquals(NoticeType.DISCHARGE, ((InboundMessage.Notice) n).notice().type());

        Bundle notAMessage = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        InboundMessage r = InboundMessage.classify(notAMessage, BarsHeaders.none(), validator);
        assertEquals(400, ((InboundMessage.Rejected) r).httpStatus());
    }
}
