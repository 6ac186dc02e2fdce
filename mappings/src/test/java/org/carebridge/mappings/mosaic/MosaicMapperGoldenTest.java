package org.carebridge.mappings.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.carebridge.mappings.mosaic.read.CsvColumnMapping;
import org.carebridge.mappings.mosaic.read.ExtractRecord;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MosaicMapperGoldenTest {
    private final MosaicMapper mapper = new MosaicMapper(Samples.KEY);

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1, P1001", "2, P1002", "3, P1003"})
    void xmlRecordsMapToTheGoldenResources(int index, String personId) {
        ExtractRecord r = Samples.readAll("kent-full.xml", null).get(index - 1);
        assertEquals(personId, r.personId());
        String json = Samples.bundleJson(mapper.map("kent", r.person()));
        assertEquals(Samples.golden(personId + ".json", json), json);
        // Well-formed FHIR R4: the strict parser refuses unknown elements and wrong types.
        Samples.FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(Bundle.class, json);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1, P1001", "2, P1002", "3, P1003"})
    void theCsvVariantMapsToTheSameResources(int index, String personId) {
        ExtractRecord r = Samples.readAll("kent-full.csv", CsvColumnMapping.CANONICAL).get(index - 1);
        assertTrue(r.isValid(), r.problems()::toString);
        assertEquals(Samples.readGolden(personId + ".json"),
                Samples.bundleJson(mapper.map("kent", r.person())));
    }

    @Test
    void accessCodesNeverTravelWithTheNameOrAddress() {
        ExtractRecord r = Samples.readAll("kent-full.xml", null).get(1);
        MappedPerson m = mapper.map("kent", r.person());
        String json = Samples.bundleJson(m);
        assertFalse(json.contains("0917"), "key safe code in a FHIR resource");
        assertFalse(json.contains("C3578"), "entry code in a FHIR resource");
        assertFalse(json.contains("Communal door"), "access instructions in a FHIR resource");

        AccessArrangement a = m.accessArrangement().orElseThrow();
        assertEquals("0917", a.keySafeCode());
        assertEquals("C3578", a.entryCode());
        assertTrue(a.reference().matches("AR-[0-9A-F]{20}"), a.reference());
        assertFalse(a.toString().contains("0917"), "toString must not print codes");
        assertFalse(a.reference().contains("P1002"));
        // The orders carry only the opaque reference.
        for (ServiceRequest sr : m.orders()) {
            assertEquals(Canonical.ACCESS_ARRANGEMENT_REF, sr.getSupportingInfoFirstRep().getIdentifier().getSystem());
            assertEquals(a.reference(), sr.getSupportingInfoFirstRep().getIdentifier().getValue());
        }
        // Another key gives another reference: it cannot be recomputed from the person id alone.
        MosaicMapper other = new MosaicMapper("another-deployment-secret-key".getBytes());
        assertNotEquals(a.reference(), other.map("kent", r.person()).accessArrangement().orElseThrow().reference());
    }

    @Test
    void mappingIsDeterministicAndTenantScoped() {
        ExtractRecord r = Samples.readAll("kent-full.xml", null).get(0);
        String once = Samples.bundleJson(mapper.map("kent", r.person()));
        String twice = Samples.bundleJson(new MosaicMapper(Samples.KEY).map("kent", r.person()));
        assertEquals(once, twice);
        MappedPerson elsewhere = mapper.map("hf", r.person());
        assertNotEquals(mapper.map("kent", r.person()).patient().getIdElement().getIdPart(),
                elsewhere.patient().getIdElement().getIdPart());
    }

    @Test
    void orderStatusesMapToFhirAndKeepTheCouncilsCode() {
        Map<OrderStatus, String> fhir = Map.of(OrderStatus.OFFERED, "draft", OrderStatus.ACCEPTED, "active",
                OrderStatus.DECLINED, "revoked", OrderStatus.ACTIVE, "active", OrderStatus.SUSPENDED, "on-hold",
                OrderStatus.VARIED, "active", OrderStatus.CANCELLED, "revoked", OrderStatus.HANDED_BACK, "revoked",
                OrderStatus.ENDED, "completed");
        ExtractRecord r = Samples.readAll("kent-full.xml", null).get(0);
        for (OrderStatus s : OrderStatus.values()) {
            r.person().orders.get(0).status = s.code();
            ServiceRequest sr = mapper.map("kent", r.person()).orders().get(0);
            assertEquals(fhir.get(s), sr.getStatus().toCode(), s.code());
            var coding = (org.hl7.fhir.r4.model.Coding) sr.getExtensionByUrl(MosaicSystems.ORDER_STATUS_EXT).getValue();
            assertEquals(s.code(), coding.getCode());
            assertEquals(Canonical.codeSystem("OrderStatus"), coding.getSystem());
        }
    }

    @Test
    void resourcesCarryProfilesAndConditionalIdentifiers() {
        MappedPerson m = mapper.map("kent", Samples.readAll("kent-full.xml", null).get(1).person());
        assertEquals(List.of(Canonical.profile("Provider"), Canonical.profile("Provider"),
                        Canonical.profile("CareManager"), Canonical.profile("Person"),
                        Canonical.profile("CareAndSupportPlan"), Canonical.profile("OrderForCare"),
                        Canonical.profile("OrderForCare"), Canonical.profile("RestrictedPersonFlag"),
                        Canonical.profile("SharingConsent"), Canonical.profile("SharingConsent")),
                m.resources().stream().map(x -> x.getMeta().getProfile().get(0).getValue()).toList());
        assertEquals("Patient?identifier=" + Canonical.MOSAIC_PERSON + "|P1002",
                MappedPerson.conditionalUrl(m.patient()).orElseThrow());
        assertEquals("ServiceRequest?identifier=" + Canonical.MOSAIC_ORDER + "|PO-44120",
                MappedPerson.conditionalUrl(m.orders().get(1)).orElseThrow());
        assertTrue(m.patient().getMeta().getSecurity().stream().anyMatch(c -> "R".equals(c.getCode())));
        assertEquals(m.providers().stream().map(o -> o.getIdElement().getIdPart()).toList(),
                List.copyOf(m.affectedProviderIds()));
    }
}
