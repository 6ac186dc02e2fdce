package org.carebridge.profiles.conformance;

import java.util.ArrayList;
import java.util.List;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;

/**
 * The CareBridge extensions, declared as a table: each row becomes a StructureDefinition differential, so the
 * dozen near-identical definitions cannot drift from one another.
 */
public final class ExtensionCatalog {
    private ExtensionCatalog() {}

    /** A value an extension (or one part of a complex extension) carries; valueSet names a CareBridge value set. */
    public record Value(String name, String type, String valueSet, String shortText) {}

    public record Spec(String name, String title, String description, List<String> contexts, boolean repeats,
                       List<Value> values) {
        boolean complex() {
            return values.size() > 1 || values.get(0).name() != null;
        }

        public String url() {
            return Canonical.extension(name);
        }
    }

    private static Value simple(String type, String valueSet) {
        return new Value(null, type, valueSet, null);
    }

    public static final List<Spec> ALL = List.of(
            new Spec("TimeCritical", "Time critical",
                    "The visit or the calls of an order must happen at the planned time (H:1228, H:3103; tolerance per council).",
                    List.of("ServiceRequest", "Appointment", "Encounter", "CarePlan"), false, List.of(simple("boolean", null))),
            new Spec("WorkersRequired", "Workers required",
                    "How many care workers each visit needs: 2 for a double-handed call (K:937, H:3121).",
                    List.of("ServiceRequest", "Appointment", "Encounter", "CarePlan"), false, List.of(simple("positiveInt", null))),
            new Spec("MaximumWeeklyHours", "Maximum weekly hours",
                    "The most hours a week the package may deliver (H:1220, H:3299).",
                    List.of("ServiceRequest", "CarePlan"), false, List.of(simple("decimal", null))),
            new Spec("UnitsAndFrequency", "Units and frequency",
                    "The units of purchase and how often they are delivered, as on the SDO or FAN (K:742).",
                    List.of("ServiceRequest", "CarePlan"), false, List.of(
                            new Value("unit", "CodeableConcept", "UnitOfPurchase", "Unit of purchase"),
                            new Value("unitsPerOccasion", "decimal", null, "Units delivered on each occasion"),
                            new Value("occasionsPerWeek", "decimal", null, "Occasions per week"))),
            new Spec("SupportLevel", "Support level", "Standard or Complex support (K:1498-1515).",
                    List.of("ServiceRequest", "CarePlan"), false, List.of(simple("CodeableConcept", "SupportLevel"))),
            new Spec("RuralityClass", "Rurality class",
                    "Rurality index of the person's postcode, which drives the rate uplift (K:694-711).",
                    List.of("Patient", "ServiceRequest"), false, List.of(simple("CodeableConcept", "RuralityClass"))),
            new Spec("CheckInMethod", "Check-in method", "How the visit (or one worker's attendance) was recorded (H:3264-3266).",
                    List.of("Encounter", "Encounter.participant"), false, List.of(simple("CodeableConcept", "CheckInMethod"))),
            new Spec("ManualEntryReason", "Manual entry reason", "Why the visit was entered manually (H:3277).",
                    List.of("Encounter", "Encounter.participant"), false, List.of(simple("CodeableConcept", "ManualEntryReason"))),
            new Spec("Payable", "Payable", "Whether the visit is payable under the council's payment rules, and why.",
                    List.of("Encounter"), false, List.of(
                            new Value("payable", "boolean", null, "True when the visit is payable"),
                            new Value("reason", "CodeableConcept", "PayableReason", "Why"))),
            new Spec("LocationVerified", "Location verified",
                    "The call was made from the person's home (standards.md: electronic call monitoring).",
                    List.of("Encounter", "Encounter.participant"), false, List.of(simple("boolean", null))),
            new Spec("OrderStatus", "Order status", "Business status of an order for care (K:628, K:2346).",
                    List.of("ServiceRequest", "Task"), false, List.of(simple("CodeableConcept", "OrderStatus"))),
            new Spec("RequestUrgency", "Request urgency", "Urgency grade of a request for service (H:3085-3095).",
                    List.of("ServiceRequest", "Task"), false, List.of(simple("CodeableConcept", "RequestUrgency"))),
            new Spec("ResponseBand", "Response band", "How soon the provider must answer, by start date (H:794-804).",
                    List.of("ServiceRequest", "Task"), false, List.of(simple("CodeableConcept", "ResponseBand"))),
            new Spec("VisitException", "Visit exception", "Ways the visit departed from plan: late, early, missed, void, no response, refused.",
                    List.of("Encounter", "Appointment"), true, List.of(simple("CodeableConcept", "VisitException"))),
            new Spec("ClientGroup", "Client group", "Client groups the person belongs to (K:10-14, H:370-394).",
                    List.of("Patient", "CarePlan"), true, List.of(simple("CodeableConcept", "ClientGroup"))),
            new Spec("NightSupport", "Night support", "Waking or sleeping night support (K:880-887).",
                    List.of("ServiceRequest", "CarePlan"), false, List.of(simple("CodeableConcept", "NightSupport"))));

    public static Spec byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no CareBridge extension named " + name));
    }

    /** The differential StructureDefinition for one row (snapshot added by the package build). */
    public static StructureDefinition toStructureDefinition(Spec spec) {
        StructureDefinition sd = new StructureDefinition();
        sd.setId("Extension-CareBridge-" + spec.name());
        sd.setUrl(spec.url());
        sd.setVersion(Publication.VERSION);
        sd.setName("ExtensionCareBridge" + spec.name());
        sd.setTitle("CareBridge " + spec.title());
        sd.setStatus(Enumerations.PublicationStatus.ACTIVE);
        sd.setPublisher(Publication.PUBLISHER);
        sd.setDescription(spec.description());
        sd.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        sd.setKind(StructureDefinition.StructureDefinitionKind.COMPLEXTYPE);
        sd.setAbstract(false);
        sd.setType("Extension");
        sd.setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Extension");
        sd.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        for (String context : spec.contexts()) {
            sd.addContext().setType(StructureDefinition.ExtensionContextType.ELEMENT).setExpression(context);
        }
        List<ElementDefinition> diff = new ArrayList<>();
        ElementDefinition root = element("Extension", "Extension").setShort(spec.title()).setDefinition(spec.description());
        if (!spec.repeats()) {
            root.setMax("1");
        }
        diff.add(root);
        if (spec.complex()) {
            ElementDefinition slicing = element("Extension.extension", "Extension.extension").setMin(1);
            slicing.getSlicing().setRules(ElementDefinition.SlicingRules.OPEN)
                    .addDiscriminator().setType(ElementDefinition.DiscriminatorType.VALUE).setPath("url");
            diff.add(slicing);
            for (Value v : spec.values()) {
                String id = "Extension.extension:" + v.name();
                diff.add(element(id, "Extension.extension").setSliceName(v.name()).setShort(v.shortText())
                        .setMin(0).setMax("1"));
                diff.add(element(id + ".extension", "Extension.extension.extension").setMax("0"));
                diff.add(element(id + ".url", "Extension.extension.url").setFixed(new UriType(v.name())));
                diff.add(valueElement(id + ".value[x]", "Extension.extension.value[x]", v).setMin(1));
            }
            diff.add(element("Extension.url", "Extension.url").setFixed(new UriType(spec.url())));
            diff.add(element("Extension.value[x]", "Extension.value[x]").setMax("0"));
        } else {
            diff.add(element("Extension.extension", "Extension.extension").setMax("0"));
            diff.add(element("Extension.url", "Extension.url").setFixed(new UriType(spec.url())));
            diff.add(valueElement("Extension.value[x]", "Extension.value[x]", spec.values().get(0)).setMin(1));
        }
        sd.getDifferential().setElement(diff);
        return sd;
    }

    private static ElementDefinition element(String id, String path) {
        ElementDefinition e = new ElementDefinition();
        e.setId(id);
        e.setPath(path);
        return e;
    }

    private static ElementDefinition valueElement(String id, String path, Value v) {
        ElementDefinition e = element(id, path);
        e.addType().setCode(v.type());
        if (v.valueSet() != null) {
            e.getBinding().setStrength(Enumerations.BindingStrength.REQUIRED).setValueSet(Canonical.valueSet(v.valueSet()));
        }
        return e;
    }
}
