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
    public record Value(String name, String type, String valueSet, String shortText, boolean freeTextAllowed,
                        boolean repeats) {
        /** type may list alternatives: "CodeableConcept|Coding". */
        public Value(String name, String type, String valueSet, String shortText) {
            this(name, type, valueSet, shortText, false, false);
        }

        Value(String name, String type, String valueSet, String shortText, boolean freeTextAllowed) {
            this(name, type, valueSet, shortText, freeTextAllowed, false);
        }

        public List<String> types() {
            return List.of(type.split("\\|"));
        }
    }

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
                    List.of("ServiceRequest", "Appointment", "Encounter", "CarePlan", "Extension"), false, List.of(simple("boolean", null))),
            new Spec("WorkersRequired", "Workers required",
                    "How many care workers each visit needs: 2 for a double-handed call (K:937, H:3121).",
                    List.of("ServiceRequest", "Appointment", "Encounter", "CarePlan", "Extension"), false,
                    // ECM rotas and Mosaic extracts carry valueInteger; positiveInt is the preferred spelling.
                    List.of(simple("positiveInt|integer", null))),
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
                    List.of("Patient", "ServiceRequest", "Address"), false, List.of(simple("CodeableConcept|Coding", "RuralityClass"))),
            new Spec("CheckInMethod", "Check-in method", "How the visit (or one worker's attendance) was recorded (H:3264-3266).",
                    List.of("Encounter", "Encounter.participant"), false,
                    // ECM providers send valueCode (app, telephony, manual).
                    List.of(simple("CodeableConcept|code", "CheckInMethod"))),
            new Spec("ManualEntryReason", "Manual entry reason", "Why the visit was entered manually (H:3277): free text as the provider gives it (ECM),"
                    + " or a code from ManualEntryReason.",
                    List.of("Encounter", "Encounter.participant"), true, List.of(new Value(null, "string|CodeableConcept", "ManualEntryReason", null, true))),
            new Spec("Payable", "Payable", "Whether the visit is payable under the council's payment rules, and why.",
                    List.of("Encounter"), false, List.of(
                            new Value("payable", "boolean", null, "True when the visit is payable"),
                            new Value("reason", "CodeableConcept|Coding", "PayableReason", "Why (one per reason)", false, true))),
            new Spec("LocationVerified", "Location verified",
                    "The call was made from the person's home (standards.md: electronic call monitoring).",
                    List.of("Encounter", "Encounter.participant"), false, List.of(simple("boolean", null))),
            new Spec("OrderStatus", "Order status", "Business status of an order for care (K:628, K:2346).",
                    List.of("ServiceRequest", "Task"), false, List.of(simple("CodeableConcept|Coding", "OrderStatus"))),
            new Spec("RequestUrgency", "Request urgency", "Urgency grade of a request for service (H:3085-3095).",
                    List.of("ServiceRequest", "Task"), false, List.of(simple("CodeableConcept", "RequestUrgency"))),
            new Spec("ResponseBand", "Response band", "How soon the provider must answer, by start date (H:794-804).",
                    List.of("ServiceRequest", "Task"), false, List.of(simple("CodeableConcept", "ResponseBand"))),
            new Spec("VisitException", "Visit exception", "Ways the visit departed from plan: late, early, missed, void, no response, refused.",
                    List.of("Encounter", "Appointment"), true, List.of(simple("CodeableConcept", "VisitException"))),
            new Spec("ClientGroup", "Client group", "Client groups the person belongs to (K:10-14, H:370-394).",
                    List.of("Patient", "CarePlan"), true, List.of(simple("CodeableConcept", "ClientGroup"))),
            new Spec("NightSupport", "Night support", "Waking or sleeping night support (K:880-887).",
                    List.of("ServiceRequest", "CarePlan"), false, List.of(simple("CodeableConcept", "NightSupport"))),
            new Spec("PlannedCall", "Planned call",
                    "One planned call of an order: days, time of day, duration; may carry WorkersRequired and"
                            + " TimeCritical inside it (Mosaic extracts, K:742).",
                    List.of("ServiceRequest"), true, List.of(
                            new Value("dayOfWeek", "code", "http://hl7.org/fhir/ValueSet/days-of-week", "Day of the week", false, true),
                            new Value("time", "time", null, "Time of day the call starts"),
                            new Value("duration", "Duration", null, "Planned length of the call"))),
            new Spec("MentalCapacity", "Mental capacity", "Mental capacity as recorded by the council.",
                    List.of("Patient"), false, List.of(simple("CodeableConcept", "MentalCapacity"))),
            new Spec("CommunicationNeeds", "Communication needs", "Communication and cultural needs, free text (H:1281).",
                    List.of("Patient"), false, List.of(simple("string", null))),
            new Spec("PatientConsulted", "Patient consulted",
                    "Care Act 2014 Schedule 3: the patient was consulted before the notice was given.",
                    List.of("Encounter"), false, List.of(simple("boolean", null))),
            new Spec("ContinuingHealthcareConsidered", "Continuing healthcare considered",
                    "Care Act 2014 Schedule 3: NHS continuing healthcare was considered.",
                    List.of("Encounter"), false, List.of(simple("boolean", null))),
            new Spec("NoticeRejectReason", "Notice reject reason",
                    "Why the council rejected a Care Act notice (free text), on the answer's MessageHeader.",
                    List.of("MessageHeader"), true, List.of(simple("string", null))));

    /**
     * Extensions that may carry either their parts or one value: UnitsAndFrequency is sent by Mosaic as a
     * valueRatio (units of purchase per day, week or four weeks) and authored by vendors as parts.
     */
    static final java.util.Map<String, Value> ALTERNATIVE_VALUE = java.util.Map.of(
            "UnitsAndFrequency", new Value(null, "Ratio", null, "Units (UnitOfPurchase code) per period"));

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
            Value alternative = ALTERNATIVE_VALUE.get(spec.name());
            ElementDefinition slicing = element("Extension.extension", "Extension.extension")
                    .setMin(alternative == null ? 1 : 0);
            slicing.getSlicing().setRules(ElementDefinition.SlicingRules.OPEN)
                    .addDiscriminator().setType(ElementDefinition.DiscriminatorType.VALUE).setPath("url");
            diff.add(slicing);
            for (Value v : spec.values()) {
                String id = "Extension.extension:" + v.name();
                diff.add(element(id, "Extension.extension").setSliceName(v.name()).setShort(v.shortText())
                        .setMin(0).setMax(v.repeats() ? "*" : "1"));
                diff.add(element(id + ".extension", "Extension.extension.extension").setMax("0"));
                diff.add(element(id + ".url", "Extension.extension.url").setFixed(new UriType(v.name())));
                diff.add(valueElement(id + ".value[x]", "Extension.extension.value[x]", v).setMin(1));
            }
            diff.add(element("Extension.url", "Extension.url").setFixed(new UriType(spec.url())));
            diff.add(alternative == null ? element("Extension.value[x]", "Extension.value[x]").setMax("0")
                    : valueElement("Extension.value[x]", "Extension.value[x]", alternative));
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
        v.types().forEach(t -> e.addType().setCode(t));
        if (v.valueSet() != null) {
            // Free text (a string) beside codes: the codes are an example, a string is never checked against them.
            e.getBinding().setStrength(v.freeTextAllowed() ? Enumerations.BindingStrength.EXAMPLE
                    : Enumerations.BindingStrength.REQUIRED)
                    .setValueSet(v.valueSet().startsWith("http") ? v.valueSet() : Canonical.valueSet(v.valueSet()));
        }
        return e;
    }
}
