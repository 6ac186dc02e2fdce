package org.carebridge.mappings.discharge.notice;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The council's answer to a notice, back to the hospital: a message whose event is the SNOMED accept or reject code
 * for the notice type (a withdrawal is acknowledged with the withdrawal's own code), response.identifier = the
 * notice's Bundle id, response.code ok (accepted or acknowledged) or fatal-error (rejected) and the reasons.
 */
public final class NoticeAnswerBuilder {
    private final String councilOds;
    private final String councilEndpoint;
    private final Supplier<UUID> ids;

    public NoticeAnswerBuilder(String councilOds, String councilEndpoint, Supplier<UUID> ids) {
        this.councilOds = councilOds;
        this.councilEndpoint = councilEndpoint;
        this.ids = ids;
    }

    /** Accept when the minimum content is there, reject with the missing fields otherwise. */
    public Bundle answer(CareActNotice notice, Instant now) {
        List<String> missing = NoticeContentCheck.missing(notice);
        return missing.isEmpty() ? build(notice, true, List.of(), now)
                : build(notice, false, List.of("minimum content missing: " + String.join(", ", missing)), now);
    }

    public Bundle build(CareActNotice notice, boolean accept, List<String> reasons, Instant now) {
        Bundle b = new Bundle();
        b.setId(ids.get().toString());
        b.setType(Bundle.BundleType.MESSAGE);
        b.setTimestamp(Date.from(now));
        MessageHeader h = new MessageHeader();
        String code = notice.type().answerCode(accept).orElse(notice.type().code());
        h.setEvent(new Coding(NoticeType.SNOMED, code, null));
        h.getResponse().setIdentifier(notice.noticeId())
                .setCode(accept ? MessageHeader.ResponseType.OK : MessageHeader.ResponseType.FATALERROR);
        reasons.forEach(r -> h.addExtension(NoticeExtensions.REJECT_REASON, new StringType(r)));
        String councilUrl = "urn:uuid:" + ids.get();
        String hospitalUrl = "urn:uuid:" + ids.get();
        h.setSender(new Reference(councilUrl));
        h.getSource().setEndpoint(councilEndpoint).setSoftware("CareBridge");
        h.addDestination().setEndpoint(notice.sourceEndpoint()).setReceiver(new Reference(hospitalUrl));
        b.addEntry().setFullUrl("urn:uuid:" + ids.get()).setResource(h);
        b.addEntry().setFullUrl(councilUrl).setResource(org(councilOds));
        b.addEntry().setFullUrl(hospitalUrl).setResource(org(notice.hospitalOds()));
        return b;
    }

    private static Organization org(String ods) {
        Organization o = new Organization();
        if (ods != null) {
            o.addIdentifier(new Identifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(ods));
        }
        return o;
    }
}
