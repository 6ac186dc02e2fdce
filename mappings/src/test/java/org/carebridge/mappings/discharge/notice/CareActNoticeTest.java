package org.carebridge.mappings.discharge.notice;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

public class CareActNoticeTest {
    private static final String NHS = "9434765919";

    /** A complete notice of the given type, built as a hospital would send it. */
    public static Bundle notice(NoticeType type) {
        Bundle b = new Bundle();
        b.setId("notice-1");
        b.setType(Bundle.BundleType.MESSAGE);
        MessageHeader h = new MessageHeader();
        h.setEvent(new Coding(NoticeType.SNOMED, type.code(), type.display()));
        h.setFocus(List.of(new Reference("urn:uuid:enc")));
        h.setSender(new Reference("urn:uuid:hosp"));
        h.setResponsible(new Reference("urn:uuid:contact"));
        h.getSource().setEndpoint("http://fhir.nhs.uk/Id/dos-service-id|2222222222");
        Encounter enc = new Encounter();
        enc.setSubject(new Reference("urn:uuid:pat"));
        enc.getPeriod().setEnd(Date.from(Instant.parse("2026-02-10T12:00:00Z")));
        enc.addExtension(NoticeExtensions.PATIENT_CONSULTED, new BooleanType(true));
        enc.addExtension(NoticeExtensions.CHC_CONSIDERED, new BooleanType(false));
        Patient p = new Patient();
        p.addName(new HumanName().setFamily("Example").addGiven("Pat"));
        p.addIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue(NHS));
        Organization hosp = new Organization();
        hosp.addIdentifier(new Identifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue("RVV"));
        Practitioner contact = new Practitioner();
        contact.addName(new HumanName().setFamily("Ward").addGiven("Sam"));
        contact.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("01227 000000"));
        b.addEntry().setFullUrl("urn:uuid:mh").setResource(h);
        b.addEntry().setFullUrl("urn:uuid:enc").setResource(enc);
        b.addEntry().setFullUrl("urn:uuid:pat").setResource(p);
        b.addEntry().setFullUrl("urn:uuid:hosp").setResource(hosp);
        b.addEntry().setFullUrl("urn:uuid:contact").setResource(contact);
        return b;
    }

    private static <T> T first(Bundle b, Class<T> type) {
        return b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void aCompleteAssessmentNoticeIsReadAndAccepted() {
        CareActNotice n = CareActNoticeReader.read(notice(NoticeType.ASSESSMENT)).notice();

        assertEquals(NoticeType.ASSESSMENT, n.type());
        assertEquals(NHS, n.nhsNumber());
        assertEquals("RVV", n.hospitalOds());
        assertEquals(LocalDate.of(2026, 2, 10), n.dischargeDate());
        assertEquals(Boolean.TRUE, n.patientConsulted());
        assertEquals(Boolean.FALSE, n.chcConsidered());
        assertEquals("Sam Ward", n.contactName());
        assertEquals(List.of(), NoticeContentCheck.missing(n));

        Bundle answer = builder().answer(n, Instant.parse("2026-02-08T09:00:00Z"));
        MessageHeader h = (MessageHeader) answer.getEntryFirstRep().getResource();
        assertEquals("975711000000108", h.getEventCoding().getCode());
        assertEquals("notice-1", h.getResponse().getIdentifier());
        assertEquals(MessageHeader.ResponseType.OK, h.getResponse().getCode());
        assertEquals("http://fhir.nhs.uk/Id/dos-service-id|2222222222", h.getDestinationFirstRep().getEndpoint());
    }

    static Stream<Arguments> incomplete() {
        return Stream.of(
                Arguments.of(NoticeType.ASSESSMENT, (Consumer<Bundle>) b -> first(b, Patient.class).getName().clear(), "patient name"),
                Arguments.of(NoticeType.ASSESSMENT, (Consumer<Bundle>) b -> first(b, Patient.class).getIdentifierFirstRep().setValue("9434765918"), "NHS number"),
                Arguments.of(NoticeType.ASSESSMENT, (Consumer<Bundle>) b -> first(b, Organization.class).getIdentifier().clear(), "hospital"),
                Arguments.of(NoticeType.ASSESSMENT, (Consumer<Bundle>) b -> first(b, Encounter.class).setPeriod(null), "likely discharge date"),
                Arguments.of(NoticeType.ASSESSMENT, (Consumer<Bundle>) b -> first(b, Encounter.class).getExtension().removeIf(e -> e.getUrl().equals(NoticeExtensions.PATIENT_CONSULTED)), "whether the patient has been consulted"),
                Arguments.of(NoticeType.ASSESSMENT, (Consumer<Bundle>) b -> first(b, Encounter.class).getExtension().removeIf(e -> e.getUrl().equals(NoticeExtensions.CHC_CONSIDERED)), "whether NHS Continuing Healthcare was considered"),
                Arguments.of(NoticeType.ASSESSMENT, (Consumer<Bundle>) b -> first(b, Practitioner.class).getTelecom().clear(), "named contact at the hospital"),
                Arguments.of(NoticeType.DISCHARGE, (Consumer<Bundle>) b -> first(b, Encounter.class).setPeriod(null), "discharge date"));
    }

    @ParameterizedTest(name = "{0} without {2}")
    @MethodSource("incomplete")
    void anIncompleteNoticeIsRejectedNamingWhatIsMissing(NoticeType type, Consumer<Bundle> change, String missing) {
        Bundle b = notice(type);
        change.accept(b);
        CareActNotice n = CareActNoticeReader.read(b).notice();

        assertEquals(List.of(missing), NoticeContentCheck.missing(n));
        MessageHeader h = (MessageHeader) builder().answer(n, Instant.now()).getEntryFirstRep().getResource();
        assertEquals(type.answerCode(false).orElseThrow(), h.getEventCoding().getCode());
        assertEquals(MessageHeader.ResponseType.FATALERROR, h.getResponse().getCode());
        assertTrue(h.getExtensionByUrl(NoticeExtensions.REJECT_REASON).getValue().primitiveValue().contains(missing));
    }

    @Test
    void aDischargeNoticeNeedsNoConsultationFlagsAndIsAcceptedWithItsOwnCode() {
        Bundle b = notice(NoticeType.DISCHARGE);
        first(b, Encounter.class).getExtension().clear();
        CareActNotice n = CareActNoticeReader.read(b).notice();
        MessageHeader h = (MessageHeader) builder().answer(n, Instant.now()).getEntryFirstRep().getResource();
        assertEquals("975821000000109", h.getEventCoding().getCode());
    }

    @Test
    void aWithdrawalIsAcknowledgedWithItsOwnCode() {
        Bundle b = notice(NoticeType.WITHDRAW_ALL);
        first(b, Encounter.class).setPeriod(null);
        first(b, Practitioner.class).getTelecom().clear();
        CareActNotice n = CareActNoticeReader.read(b).notice();
        assertEquals(List.of(), NoticeContentCheck.missing(n));
        MessageHeader h = (MessageHeader) builder().answer(n, Instant.now()).getEntryFirstRep().getResource();
        assertEquals("975841000000102", h.getEventCoding().getCode());
        assertEquals(MessageHeader.ResponseType.OK, h.getResponse().getCode());
    }

    @Test
    void aMessageThatIsNotANoticeIsAStructuralIssue() {
        Bundle b = notice(NoticeType.ASSESSMENT);
        ((MessageHeader) b.getEntryFirstRep().getResource()).getEventCoding().setCode("123");
        assertFalse(CareActNoticeReader.isNotice(b));
        CareActNoticeReader.Result r = CareActNoticeReader.read(b);
        assertFalse(r.isNotice());
        assertEquals("MessageHeader.eventCoding", r.issues().get(0).expression());

        Bundle c = notice(NoticeType.ASSESSMENT);
        ((MessageHeader) c.getEntryFirstRep().getResource()).setFocus(List.of(new Reference("urn:uuid:pat")));
        assertEquals("MessageHeader.focus", CareActNoticeReader.read(c).issues().get(0).expression());
        assertTrue(CareActNoticeReader.isNotice(c));
    }

    private static NoticeAnswerBuilder builder() {
        AtomicLong n = new AtomicLong();
        return new NoticeAnswerBuilder("KCC01", "http://fhir.nhs.uk/Id/dos-service-id|111111111", () -> new UUID(0, n.incrementAndGet()));
    }
}
