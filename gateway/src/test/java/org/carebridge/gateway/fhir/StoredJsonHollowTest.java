package org.carebridge.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.carebridge.gateway.store.StoredResource;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A hollow resource holds only what the response frame needs, and its content is exactly a parse of its row. */
class StoredJsonHollowTest {
    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final IParser JSON = CTX.newJsonParser();

    private static StoredResource stored(Resource r, List<String> people) {
        Instant at = Instant.parse("2026-12-01T10:15:30.123Z");
        r.setId(new IdType(r.fhirType(), "v-1", "3"));
        r.getMeta().setVersionId("3").setLastUpdatedElement(new InstantType(Date.from(at)));
        return new StoredResource(r.fhirType(), "v-1", 3, at, false, JSON.encodeResourceToString(r), null, people);
    }

    private static Appointment visit() {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED)
                .setStart(new Date(1_764_000_000_000L)).setComment("with \"quotes\" and ünïcode");
        a.addParticipant().setActor(new Reference("Patient/p-1").setDisplay("A Person"));
        a.addBasedOn(new Reference("ServiceRequest/o-1"));
        a.getMeta().addTag("https://example.org/tags", "t", null);
        return a;
    }

    @Test
    void aHollowResourceCarriesIdMetaJsonAndPeopleOnly() {
        StoredResource row = stored(visit(), List.of("p-1"));
        Resource h = StoredJson.hollow(CTX, row);
        assertNotNull(h);
        assertInstanceOf(Appointment.class, h);
        assertTrue(StoredJson.isHollow(h));
        assertEquals("Appointment/v-1/_history/3", h.getIdElement().getValue());
        assertEquals("3", h.getMeta().getVersionId());
        assertEquals(row.lastUpdated(), h.getMeta().getLastUpdated().toInstant());
        assertFalse(((Appointment) h).hasParticipant(), "not parsed");
        assertEquals(List.of("p-1"), StoredJson.people(h));
        assertEquals(row.json(), StoredJson.sendable(h));
    }

    @Test
    void itsContentIsWhatParsingTheRowGives() {
        StoredResource row = stored(visit(), List.of("p-1"));
        Resource h = StoredJson.hollow(CTX, row);
        Resource parsed = (Resource) JSON.parseResource(row.json());
        parsed.setId(new IdType("Appointment", "v-1", "3"));
        assertSame(h, StoredJson.content(h), "filled in place");
        assertFalse(StoredJson.isHollow(h));
        assertNull(StoredJson.people(h), "its content says whom it is about now");
        assertTrue(parsed.equalsDeep(h));
        assertEquals(row.json(), JSON.encodeResourceToString(h));
        assertEquals(row.json(), StoredJson.sendable(h), "still sent as stored while unchanged");
        StoredJson.changed(h);
        assertNull(StoredJson.sendable(h));
    }

    @Test
    void rowsThatDoNotOpenAsTheEncoderWritesAreParsedInstead() {
        StoredResource row = stored(visit(), List.of());
        String reordered = row.json().replace("{\"resourceType\":\"Appointment\",\"id\":\"v-1\",", "{\"id\":\"v-1\",\"resourceType\":\"Appointment\",");
        assertNull(StoredJson.hollow(CTX, new StoredResource("Appointment", "v-1", 3, row.lastUpdated(), false, reordered, null, List.of())));
        assertNull(StoredJson.hollow(CTX, new StoredResource("Appointment", "v-1", 3, row.lastUpdated(), false, row.json(), null)),
                "no people read: audit would not know whom it is about");
        Patient noMeta = new Patient();
        noMeta.setId("v-1");
        assertNull(StoredJson.hollow(CTX, new StoredResource("Patient", "v-1", 1, row.lastUpdated(), false,
                JSON.encodeResourceToString(noMeta), null, List.of())));
    }

    @Test
    void aBundleOfHollowEntriesGetsItsContentBeforeEncoding() {
        Bundle b = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        Resource h = StoredJson.hollow(CTX, stored(visit(), List.of("p-1")));
        b.addEntry().setResource(h);
        StoredJson.contentOf(b);
        assertFalse(StoredJson.isHollow(h));
        assertTrue(((Appointment) h).hasParticipant());
    }
}
