package org.carebridge.mappings.ecm;

import static org.carebridge.mappings.ecm.EcmTestSupport.resource;
import static org.junit.jupiter.api.Assertions.*;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carebridge.rules.visits.PlannedVisit;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RotaBundleMapperTest {
    private static Bundle rota;
    private static RotaBundleMapper.Result result;

    @BeforeAll
    static void read() {
        rota = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, resource("rota-week.json"));
        Map<String, String> known = Map.of("ServiceRequest/sr-42", "SDO-42", "Patient/pat-100", "P-100");
        result = RotaBundleMapper.map(rota, "lbhf", "PRV-7",
                (type, id) -> Optional.ofNullable(known.get(type + "/" + id)));
    }

    @Test
    void goodEntriesBecomePlannedVisits() {
        assertEquals(List.of("R-MON-AM", "R-MON-LUNCH", "R-TUE-LUNCH"),
                result.visits().stream().map(PlannedVisit::visitId).toList());
        PlannedVisit am = result.visits().get(0);
        assertEquals(new PlannedVisit("lbhf", "R-MON-AM", "SDO-42", "P-100", "PRV-7",
                Instant.parse("2026-03-02T08:00:00Z"), Instant.parse("2026-03-02T08:45:00Z"), true, 2, false), am);
        assertEquals("SDO-42", result.visits().get(1).orderId(), "literal reference resolved by the gateway");
        assertEquals("P-100", result.visits().get(1).clientId());
        assertTrue(result.visits().get(2).cancelled());
    }

    @ParameterizedTest(name = "entry {0} ({1}): {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "2|R-MON-TEA|Appointment.basedOn|missing basedOn order",
            "3|R-MON-BED|Appointment.participant|missing patient participant",
            "4|R-TUE-AM|Appointment.end|end is not after start",
            "6|urn:uuid:0b0e3a4e-0000-4000-8000-000000000007|Bundle.entry.resource|expected an Appointment, found Patient",
    })
    void badEntriesAreReportedOneByOne(int entry, String ref, String element, String reason) {
        RotaError e = result.errors().stream().filter(x -> x.entry() == entry).findFirst().orElseThrow();
        assertEquals(element, e.element());
        assertTrue(e.reason().contains(reason), e.reason());
        if (!ref.startsWith("urn:")) {
            assertEquals("urn:uuid:0b0e3a4e-0000-4000-8000-00000000000" + (entry + 1), e.ref());
        } else {
            assertEquals(ref, e.ref());
        }
        assertEquals(4, result.errors().size());
    }

    @Test
    void literalReferencesNeedAResolver() {
        RotaBundleMapper.Result r = RotaBundleMapper.map(rota, "lbhf", "PRV-7");
        RotaError e = r.errors().stream().filter(x -> x.entry() == 1).findFirst().orElseThrow();
        assertEquals("Appointment.basedOn", e.element());
        assertTrue(e.reason().contains("unknown ServiceRequest sr-42"), e.reason());
    }

    /** A real UK Core Appointment (a hospital outpatient one) is not a home-care rota entry: say why. */
    @Test
    void ukCoreHospitalAppointmentIsRefusedWithAReason() throws Exception {
        java.nio.file.Path shared = java.nio.file.Path.of(System.getProperty("shared.dir", "../shared"));
        java.nio.file.Path example = shared.resolve("fhir/uk-core/examples/UKCore-Appointment-OrthopaedicSurgery-Example.xml");
        org.hl7.fhir.r4.model.Appointment a;
        try (var in = java.nio.file.Files.newInputStream(example)) {
            a = FhirContext.forR4Cached().newXmlParser().parseResource(org.hl7.fhir.r4.model.Appointment.class, in);
        }
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        b.addEntry().setFullUrl("urn:uuid:uk-core").setResource(a);
        RotaBundleMapper.Result r = RotaBundleMapper.map(b, "lbhf", "PRV-7");
        assertEquals(List.of(), r.visits());
        assertEquals(List.of(new RotaError(0, "urn:uuid:uk-core", "Appointment.identifier",
                "missing visit id (system https://fhir.carebridge.org.uk/Id/ecm-visit-id)")), r.errors());
    }

    @Test
    void aSearchsetIsNotARota() {
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        RotaBundleMapper.Result r = RotaBundleMapper.map(b, "lbhf", "PRV-7");
        assertEquals("Bundle.type", r.errors().get(0).element());
    }
}
