package org.carebridge.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import io.micronaut.context.ApplicationContext;
import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code Patient/{id}/$everything} for every role, with the visibility, redaction and audit of a search; and
 * operation answers in Parameters form filtered entry by entry like Bundles.
 */
class EverythingAndParametersTest {
    @BeforeAll
    static void seed() {
        SecuritySeed.ensure();
    }

    private static Set<String> keys(Bundle b) {
        Map<String, String> byId = new HashMap<>();
        SecuritySeed.ensure().forEach((k, v) -> byId.put(v, k));
        return b.getEntry().stream().map(e -> byId.getOrDefault(e.getResource().fhirType() + "/"
                + e.getResource().getIdElement().getIdPart(), "?"))
                .filter(k -> !k.equals("?")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The answer, with the seed's keys; every entry (the seed's, or other tests' data about the person) readable by the role. */
    private static Bundle everything(String patientKey, String token) {
        Http.Response r = Http.get("/fhir/kent/" + SecuritySeed.id(patientKey) + "/$everything", token);
        assertEquals(200, r.status(), r.body());
        Bundle b = r.as(Bundle.class);
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            String ref = e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart();
            assertEquals(200, Http.get("/fhir/kent/" + ref, token).status(), ref + " is in $everything but not readable");
        }
        return b;
    }

    @Test
    void eachRoleGetsOnlyWhatItMaySeeOfThePerson() {
        Bundle provider = everything("P1", Roles.PROVIDER.token());
        assertEquals(Set.of("P1", "O1", "A1", "A1late", "A1past", "E1", "CP1", "T1", "F1a", "K1"), keys(provider));
        assertEquals(provider.getEntry().size(), provider.getTotal());
        Consent k1 = provider.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Consent.class::isInstance).map(Consent.class::cast).findFirst().orElseThrow();
        assertFalse(k1.hasPolicyRule(), "redacted as in a search");
        assertTrue(Redactor.isRedacted(k1));

        assertEquals(Set.of("P1", "A1", "E1", "F1a"), keys(everything("P1", Roles.CARE_WORKER.token())));
        assertEquals(Set.of("P6", "R6", "T6"), keys(everything("P6", Roles.HOSPITAL.token())));
        Set<String> council = keys(everything("P1", Roles.COUNCIL.token()));
        assertTrue(council.containsAll(Set.of("P1", "O1", "F1s", "K1", "A1late")), council.toString());
        // An offered person: only the offer's referral and Task, nothing else held about them.
        assertEquals(Set.of("P7", "R7", "TO1"), keys(everything("P7", Roles.PROVIDER.token())));
    }

    @Test
    void aPersonTheCallerMayNotSeeAnswersAsMissing() {
        Http.Response hidden = Http.get("/fhir/kent/" + SecuritySeed.id("P2") + "/$everything", Roles.PROVIDER.token());
        Http.Response missing = Http.get("/fhir/kent/Patient/no-such-id/$everything", Roles.PROVIDER.token());
        assertEquals(404, hidden.status(), hidden.body());
        assertEquals(404, missing.status(), missing.body());
        assertEquals(missing.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics().replace("no-such-id", SecuritySeed.idPart("P2")),
                hidden.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics());
        assertFalse(hidden.body().contains("Person2"));
        assertEquals(404, Http.get("/fhir/kent/" + SecuritySeed.id("P5") + "/$everything", Roles.PROVIDER.token()).status(),
                "a person who objects to providers");
    }

    @Test
    void everythingIsAuditedWithThePersonAndWhatWasDisclosed() {
        String sub = "office-everything-" + UUID.randomUUID();
        String token = TestIssuer.token().sub(sub).org("PA1").orgType("provider").roles("provider-office").scope("system/*.rs").sign();
        everything("P1", token);
        Http.Response r = Http.get("/fhir/kent/AuditEvent?agent=" + sub + "&_count=100", Roles.DPO.token());
        AuditEvent e = r.as(Bundle.class).getEntry().stream().map(x -> (AuditEvent) x.getResource())
                .filter(x -> x.getEntity().stream().anyMatch(d -> d.hasDescription() && d.getDescription().contains("$everything")))
                .findFirst().orElseThrow();
        String what = e.getEntity().stream().map(AuditEvent.AuditEventEntityComponent::getDescription)
                .filter(d -> d != null && d.contains("$everything")).findFirst().orElseThrow();
        assertTrue(what.contains(SecuritySeed.id("A1")), what);
        assertFalse(what.contains(SecuritySeed.id("F1s")), what);
        assertTrue(e.getEntity().stream().anyMatch(x -> SecuritySeed.id("P1").equals(x.getWhat().getReference())));
    }

    /** The gate's answer filter on an operation's Parameters, as the server applies it, with the real store. */
    @Test
    void parametersAnswersAreFilteredEntryByEntry() {
        ApplicationContext app = GatewayServer.start().getApplicationContext();
        SecurityInterceptor gate = new SecurityInterceptor(app.getBean(TokenVerifier.class), app.getBean(Visibility.class),
                new Redactor(app.getBean(FhirContext.class)), app.getBean(RateLimiter.class));
        Caller provider = app.getBean(TokenVerifier.class).verify("kent", "Bearer " + Roles.PROVIDER.token(), "127.0.0.1");
        Parameters out = new Parameters();
        out.addParameter().setName("person").setResource(read("P1"));
        out.addParameter().setName("person").setResource(read("P2"));
        out.addParameter().setName("count").setValue(new IntegerType(2));
        Bundle visits = new Bundle().setType(Bundle.BundleType.COLLECTION);
        visits.addEntry().setResource(read("A1"));
        visits.addEntry().setResource(read("A2"));
        out.addParameter().setName("visits").setResource(visits);
        Parameters.ParametersParameterComponent nested = out.addParameter().setName("flags");
        nested.addPart().setName("flag").setResource(read("F1s"));
        nested.addPart().setName("flag").setResource(read("F1a"));
        nested.addPart().setName("consent").setResource(read("K1"));

        SystemRequestDetails rd = new SystemRequestDetails();
        rd.getUserData().put(Caller.USER_DATA_KEY, provider);
        gate.outgoing(rd, new ResponseDetails(out));

        assertEquals(1, out.getParameter().stream().filter(p -> p.getName().equals("person")).count());
        assertEquals(SecuritySeed.idPart("P1"), out.getParameter("person").getResource().getIdElement().getIdPart());
        assertEquals(2, ((IntegerType) out.getParameter("count").getValue()).getValue(), "values stay");
        Bundle b = (Bundle) out.getParameter("visits").getResource();
        assertEquals(1, b.getEntry().size());
        assertEquals(SecuritySeed.idPart("A1"), b.getEntryFirstRep().getResource().getIdElement().getIdPart());
        var parts = out.getParameter("flags").getPart();
        assertEquals(2, parts.size(), "the safeguarding flag is dropped");
        assertEquals(SecuritySeed.idPart("F1a"), parts.get(0).getResource().getIdElement().getIdPart());
        Consent k = (Consent) parts.get(1).getResource();
        assertFalse(k.hasPolicyRule(), "redacted inside Parameters too");
    }

    private static Resource read(String key) {
        return (Resource) Http.get("/fhir/kent/" + SecuritySeed.id(key), Roles.COUNCIL.token()).resource();
    }
}
