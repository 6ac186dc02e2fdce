package org.carebridge.profiles.conformance;

import java.util.List;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;

/** The gateway's custom searches, each over a CareBridge extension or an element R4 does not index. */
public final class SearchParameterCatalog {
    private SearchParameterCatalog() {}

    public record Spec(String code, List<String> bases, Enumerations.SearchParamType type, String expression,
                       String description) {
        public String id() {
            return "CareBridge-" + code;
        }

        public String url() {
            return Canonical.SEARCH_PARAMETER + id();
        }
    }

    private static String ext(String resource, String name) {
        return resource + ".extension('" + Canonical.extension(name) + "').value";
    }

    private static final Enumerations.SearchParamType TOKEN = Enumerations.SearchParamType.TOKEN;

    public static final List<Spec> ALL = List.of(
            new Spec("order-status", List.of("ServiceRequest"), TOKEN, ext("ServiceRequest", "OrderStatus"),
                    "Business status of an order for care (OrderStatus)."),
            new Spec("support-level", List.of("ServiceRequest"), TOKEN, ext("ServiceRequest", "SupportLevel"),
                    "Standard or Complex support."),
            new Spec("request-urgency", List.of("ServiceRequest"), TOKEN, ext("ServiceRequest", "RequestUrgency"),
                    "Urgency grade of a referral."),
            new Spec("time-critical", List.of("ServiceRequest", "Appointment", "Encounter"), TOKEN,
                    ext("ServiceRequest", "TimeCritical") + " | " + ext("Appointment", "TimeCritical") + " | "
                            + ext("Encounter", "TimeCritical"),
                    "Orders and visits flagged time-critical (true/false)."),
            new Spec("visit-exception", List.of("Encounter", "Appointment"), TOKEN,
                    ext("Encounter", "VisitException") + " | " + ext("Appointment", "VisitException"),
                    "Visits that were late, early, missed, void, no response or refused."),
            new Spec("check-in-method", List.of("Encounter"), TOKEN,
                    ext("Encounter", "CheckInMethod") + " | " + ext("Encounter.participant", "CheckInMethod"),
                    "Visits by how they were recorded (app, telephony, manual)."),
            new Spec("payable", List.of("Encounter"), TOKEN,
                    "Encounter.extension('" + Canonical.extension("Payable") + "').extension('payable').value",
                    "Visits that are (true) or are not (false) payable."),
            new Spec("task-reason", List.of("Task"), TOKEN, "Task.reasonCode",
                    "Alerts by notification reason."),
            new Spec("rurality-class", List.of("Patient"), TOKEN, ext("Patient", "RuralityClass"),
                    "People by the rurality class of their postcode."),
            new Spec("kpi", List.of("MeasureReport"), TOKEN, "MeasureReport.group.code",
                    "Contract KPI reports by KPI code."));

    public static SearchParameter toResource(Spec spec) {
        SearchParameter sp = new SearchParameter();
        sp.setId(spec.id());
        sp.setUrl(spec.url());
        sp.setVersion(Publication.VERSION);
        sp.setName("CareBridge" + spec.code().replace("-", ""));
        sp.setStatus(Enumerations.PublicationStatus.ACTIVE);
        sp.setPublisher(Publication.PUBLISHER);
        sp.setDescription(spec.description());
        sp.setCode(spec.code());
        for (String base : spec.bases()) {
            sp.getBase().add(new CodeType(base));
        }
        sp.setType(spec.type());
        sp.setExpression(spec.expression());
        sp.setXpathUsage(SearchParameter.XPathUsageType.NORMAL);
        return sp;
    }
}
