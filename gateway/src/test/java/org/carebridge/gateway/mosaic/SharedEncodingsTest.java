package org.carebridge.gateway.mosaic;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A kept encoding is handed out only for a resource that would encode to the same JSON. */
class SharedEncodingsTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void onlyForAnEqualResourceOfTheSameTenant() {
        SharedEncodings shared = new SharedEncodings(100);
        Organization org = provider("Provider 7");
        String json = FHIR.newJsonParser().encodeResourceToString(org);
        shared.put("kent", org, json, new byte[]{1});

        Organization same = provider("Provider 7");
        SharedEncodings.Encoded known = shared.get("kent", same);
        assertNotNull(known);
        assertEquals(FHIR.newJsonParser().encodeResourceToString(same), known.json());
        assertNull(shared.get("hf", same), "another council's");
        assertNull(shared.get("kent", provider("Provider 8")), "renamed");
        Organization extended = provider("Provider 7");
        extended.addExtension(new Extension("https://example.org/x", new StringType("y")));
        assertNull(shared.get("kent", extended), "an extension more");
        Organization versioned = provider("Provider 7");
        versioned.getMeta().setVersionId("3");
        assertNull(shared.get("kent", versioned), "another meta");
    }

    @Test
    void theKeptCopyIsNotTheCallersResource() {
        SharedEncodings shared = new SharedEncodings(100);
        Organization org = provider("Provider 7");
        shared.put("kent", org, FHIR.newJsonParser().encodeResourceToString(org), new byte[]{1});
        org.setName("changed after");
        assertNull(shared.get("kent", org));
        assertNotNull(shared.get("kent", provider("Provider 7")));
    }

    @Test
    void personalResourcesAreNotKeptAndTheSizeIsBounded() {
        SharedEncodings shared = new SharedEncodings(2);
        Patient p = new Patient();
        p.setId("p1");
        shared.put("kent", p, "{}", new byte[]{1});
        assertNull(shared.get("kent", p));
        for (int i = 0; i < 3; i++) {
            PractitionerRole role = new PractitionerRole();
            role.setId("r" + i);
            shared.put("kent", role, "{}", new byte[]{1});
        }
        PractitionerRole first = new PractitionerRole();
        first.setId("r0");
        assertNull(shared.get("kent", first), "the eldest went");
        PractitionerRole last = new PractitionerRole();
        last.setId("r2");
        assertNotNull(shared.get("kent", last));
    }

    private static Organization provider(String name) {
        Organization o = new Organization();
        o.setId("org-1");
        o.addIdentifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue("V10007");
        o.setName(name);
        o.getMeta().addProfile("https://fhir.carebridge.org.uk/StructureDefinition/Provider");
        return o;
    }
}
