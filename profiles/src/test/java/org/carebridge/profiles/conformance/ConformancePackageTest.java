package org.carebridge.profiles.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.carebridge.profiles.Canonical;
import org.carebridge.profiles.terminology.CareBridgeCode;
import org.carebridge.profiles.terminology.Terminology;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built package holds every name the README promises, with snapshots, and the CapabilityStatement names them. */
class ConformancePackageTest {
    /** The names other modules code against (profiles/README.md). */
    static final List<String> PROFILES = List.of("Person", "Provider", "CareManager", "CareWorker", "CareAndSupportPlan",
            "OrderForCare", "Referral", "PlannedVisit", "ActualVisit", "Offer", "Alert", "SharingConsent", "ContractKpi",
            "RestrictedPersonFlag");
    static final List<String> EXTENSIONS = List.of("TimeCritical", "WorkersRequired", "MaximumWeeklyHours",
            "UnitsAndFrequency", "SupportLevel", "RuralityClass", "CheckInMethod", "ManualEntryReason", "Payable",
            "LocationVerified", "OrderStatus", "RequestUrgency", "ResponseBand", "VisitException", "ClientGroup",
            "NightSupport", "PlannedCall", "MentalCapacity", "CommunicationNeeds", "PatientConsulted",
            "ContinuingHealthcareConsidered", "NoticeRejectReason");
    static final List<String> CODE_SYSTEMS = List.of("ServiceLine", "SupportLevel", "ClientGroup", "OrderStatus",
            "OrderKind", "VisitException", "NotificationReason", "RequestUrgency", "ResponseBand", "NightSupport",
            "UnitOfPurchase", "RuralityClass", "ReviewType", "CheckInMethod", "ManualEntryReason", "PayableReason",
            "TaskType", "Kpi", "RestrictedFlagType", "ReferralAlert", "MentalCapacity", "OutcomeType", "NeedStatus",
            "RepresentativeAuthority", "SharingScope");

    static ConformancePackage pkg;

    @BeforeAll
    static void load() {
        pkg = ConformancePackage.load(FhirContext.forR4Cached());
    }

    @Test
    void everyPromisedNameIsInThePackage() {
        PROFILES.forEach(n -> assertTrue(pkg.byUrl(Canonical.profile(n)).isPresent(), n));
        EXTENSIONS.forEach(n -> assertTrue(pkg.byUrl(Canonical.extension(n)).isPresent(), n));
        CODE_SYSTEMS.forEach(n -> assertTrue(pkg.byUrl(Canonical.codeSystem(n)).isPresent(), n));
        CODE_SYSTEMS.forEach(n -> assertTrue(pkg.byUrl(Canonical.valueSet(n)).isPresent(), n));
        assertEquals(PROFILES.size() + EXTENSIONS.size(), pkg.ofType(StructureDefinition.class).size());
    }

    @Test
    void profileAndExtensionConstantsResolve() throws IllegalAccessException {
        for (Class<?> holder : List.of(org.carebridge.profiles.Profiles.class, org.carebridge.profiles.Profiles.Ext.class)) {
            for (java.lang.reflect.Field field : holder.getFields()) {
                assertTrue(pkg.byUrl((String) field.get(null)).isPresent(), holder.getSimpleName() + "." + field.getName());
            }
        }
    }

    @Test
    void everyStructureDefinitionHasASnapshotDerivedFromItsParent() {
        for (StructureDefinition sd : pkg.ofType(StructureDefinition.class)) {
            assertTrue(sd.getSnapshot().getElement().size() > sd.getDifferential().getElement().size(), sd.getUrl());
            assertTrue(sd.getBaseDefinition().startsWith("https://fhir.hl7.org.uk/StructureDefinition/UKCore-")
                    || sd.getBaseDefinition().startsWith("http://hl7.org/fhir/StructureDefinition/"), sd.getUrl());
        }
    }

    @Test
    void profilesDeriveFromUkCoreWhereUkCoreHasTheResource() {
        Set<String> ukCoreTypes = pkg.ukCore().stream().filter(StructureDefinition.class::isInstance)
                .map(StructureDefinition.class::cast)
                .filter(sd -> sd.getUrl().equals("https://fhir.hl7.org.uk/StructureDefinition/UKCore-" + sd.getType()))
                .map(StructureDefinition::getType).collect(Collectors.toSet());
        for (String type : List.of("Patient", "Organization", "PractitionerRole", "CarePlan", "ServiceRequest",
                "Appointment", "Encounter", "Task", "Consent", "Flag")) {
            assertTrue(ukCoreTypes.contains(type), type);
            pkg.profilesFor(type).forEach(sd -> assertEquals(
                    "https://fhir.hl7.org.uk/StructureDefinition/UKCore-" + type, sd.getBaseDefinition(), sd.getUrl()));
        }
        assertEquals(2, pkg.profilesFor("ServiceRequest").size());
    }

    @Test
    void codeSystemsCarryExactlyTheEnumCodes() {
        for (Terminology.System system : Terminology.ALL) {
            CodeSystem cs = (CodeSystem) pkg.byUrl(Canonical.codeSystem(system.name())).orElseThrow();
            List<String> codes = cs.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode).toList();
            assertEquals(system.codes().stream().map(CareBridgeCode::code).toList(), codes, system.name());
            assertEquals(codes.size(), Set.copyOf(codes).size(), "duplicate code in " + system.name());
        }
    }

    @Test
    void capabilityStatementNamesEveryProfileAndSearch() {
        CapabilityStatement cs = pkg.capabilityStatement();
        Set<String> named = cs.getRestFirstRep().getResource().stream()
                .flatMap(r -> r.getSupportedProfile().stream()).map(CanonicalType::getValue).collect(Collectors.toSet());
        PROFILES.forEach(n -> assertTrue(named.contains(Canonical.profile(n)), n));
        Set<String> searches = cs.getRestFirstRep().getResource().stream()
                .flatMap(r -> r.getSearchParam().stream()).map(p -> p.getDefinition()).collect(Collectors.toSet());
        pkg.ofType(SearchParameter.class).forEach(sp -> assertTrue(searches.contains(sp.getUrl()), sp.getUrl()));
    }

    @Test
    void searchParametersPointAtPublishedExtensions() {
        for (SearchParameter sp : pkg.ofType(SearchParameter.class)) {
            String expression = sp.getExpression();
            int at = expression.indexOf(Canonical.STRUCTURE_DEFINITION);
            while (at >= 0) {
                String url = expression.substring(at, expression.indexOf('\'', at));
                assertTrue(pkg.byUrl(url).isPresent(), sp.getCode() + " -> " + url);
                at = expression.indexOf(Canonical.STRUCTURE_DEFINITION, at + 1);
            }
        }
    }
}
