package org.carebridge.mappings.discharge.notice;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carebridge.mappings.common.NhsNumber;
import org.carebridge.mappings.discharge.bars.BarsIssue;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads a Care Act notice carried the BaRS way: a message Bundle whose MessageHeader.eventCoding is the notice's
 * SNOMED code, focus the hospital Encounter (subject the Patient, period.end the (likely) discharge date, boolean
 * extensions {@link NoticeExtensions} for consultation and CHC), sender the hospital Organization (ODS code) and
 * responsible the named contact (Practitioner with a telecom).
 *
 * <p>Only an envelope that is not a notice at all gives issues (answered with an OperationOutcome); a notice that
 * lacks minimum content is read as far as it goes and then rejected by the council ({@link NoticeContentCheck}).
 */
public final class CareActNoticeReader {
    /** Dates in notices are days in England. */
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");

    private CareActNoticeReader() {}

    public record Result(List<BarsIssue> issues, CareActNotice notice) {
        public boolean isNotice() {
            return notice != null;
        }
    }

    /** Whether the message is a notice at all (its event is a notice SNOMED code), to route it before reading. */
    public static boolean isNotice(Bundle bundle) {
        return header(bundle).map(h -> NoticeType.SNOMED.equals(h.getEventCoding().getSystem())
                && NoticeType.fromCode(h.getEventCoding().getCode()).isPresent()).orElse(false);
    }

    public static Result read(Bundle bundle) {
        List<BarsIssue> issues = new ArrayList<>();
        if (bundle.getType() != Bundle.BundleType.MESSAGE) {
            return new Result(List.of(BarsIssue.invalid("Bundle.type", "a notice is a Bundle of type message")), null);
        }
        Optional<MessageHeader> header = header(bundle);
        if (header.isEmpty()) {
            return new Result(List.of(BarsIssue.structure("Bundle.entry[0]", "the first entry must be a MessageHeader")), null);
        }
        MessageHeader h = header.get();
        Optional<NoticeType> type = NoticeType.SNOMED.equals(h.getEventCoding().getSystem())
                ? NoticeType.fromCode(h.getEventCoding().getCode()) : Optional.empty();
        if (type.isEmpty()) {
            return new Result(List.of(BarsIssue.value("MessageHeader.eventCoding", "not a Care Act notice event")), null);
        }
        if (!bundle.hasIdElement() || !bundle.getIdElement().hasIdPart()) {
            issues.add(BarsIssue.required("Bundle.id", "Bundle.id is needed: the council's answer refers to it"));
        }
        Optional<Encounter> encounter = resolve(bundle, h.getFocusFirstRep(), Encounter.class);
        if (encounter.isEmpty()) {
            issues.add(BarsIssue.invalid("MessageHeader.focus", "the notice's focus must be the hospital Encounter"));
        }
        if (!issues.isEmpty()) {
            return new Result(issues, null);
        }
        Encounter enc = encounter.get();
        Optional<Patient> patient = resolve(bundle, enc.getSubject(), Patient.class);
        String nhs = patient.flatMap(p -> p.getIdentifier().stream()
                        .filter(i -> Canonical.NHS_NUMBER.equals(i.getSystem())).findFirst())
                .map(i -> NhsNumber.isValid(i.getValue()) ? NhsNumber.normalise(i.getValue()) : null).orElse(null);
        boolean named = patient.map(p -> p.getName().stream().anyMatch(n -> n.hasFamily() || n.hasText())).orElse(false);
        String hospital = resolve(bundle, h.getSender(), Organization.class).flatMap(o -> o.getIdentifier().stream()
                .filter(i -> Canonical.ODS_ORGANIZATION.equalsIgnoreCase(i.getSystem()) && i.hasValue()).findFirst())
                .map(i -> i.getValue()).orElse(null);
        LocalDate date = enc.hasPeriod() && enc.getPeriod().hasEnd()
                ? enc.getPeriod().getEnd().toInstant().atZone(ENGLAND).toLocalDate() : null;
        Optional<Practitioner> contact = resolve(bundle, h.getResponsible(), Practitioner.class);
        String contactName = contact.flatMap(p -> p.getName().stream().findFirst()).map(HumanName::getNameAsSingleString)
                .filter(s -> !s.isBlank()).orElse(null);
        String contactTelecom = contact.flatMap(p -> p.getTelecom().stream().filter(ContactPoint::hasValue).findFirst())
                .map(ContactPoint::getValue).orElse(null);
        return new Result(List.of(), new CareActNotice(bundle.getIdElement().getIdPart(), type.get(), named, nhs, hospital,
                date, flag(enc, NoticeExtensions.PATIENT_CONSULTED), flag(enc, NoticeExtensions.CHC_CONSIDERED),
                contactName, contactTelecom, h.getSource().getEndpoint()));
    }

    private static Boolean flag(Encounter enc, String url) {
        Extension ext = enc.getExtensionByUrl(url);
        return ext != null && ext.getValue() instanceof BooleanType b ? b.getValue() : null;
    }

    private static Optional<MessageHeader> header(Bundle bundle) {
        return bundle.getEntry().isEmpty() || !(bundle.getEntryFirstRep().getResource() instanceof MessageHeader h)
                ? Optional.empty() : Optional.of(h);
    }

    private static <T extends Resource> Optional<T> resolve(Bundle bundle, Reference ref, Class<T> type) {
        if (ref == null || !ref.hasReference()) {
            return Optional.empty();
        }
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            boolean match = ref.getReference().equals(e.getFullUrl())
                    || (r != null && ref.getReference().equals(r.fhirType() + "/" + r.getIdElement().getIdPart()));
            if (match && type.isInstance(r)) {
                return Optional.of(type.cast(r));
            }
        }
        return Optional.empty();
    }
}
