package org.carebridge.profiles.conformance;

import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.Type;

/**
 * The page for vendors: every profile with the elements it constrains, the extensions, the codes and the
 * searches, rendered as Markdown from the built package (so it cannot disagree with what the gateway enforces).
 */
public final class VendorPage {
    private VendorPage() {}

    public static String render(ConformancePackage pkg) {
        StringBuilder md = new StringBuilder();
        md.append("# CareBridge FHIR implementation guide\n\n")
                .append("<!-- Generated from the profiles module's conformance package; do not edit. ")
                .append("Regenerate: see profiles/README.md. -->\n\n")
                .append("FHIR R4 (4.0.1). Profiles derive from HL7 UK Core STU2 where UK Core has the resource. ")
                .append("Codes from SNOMED CT and other external systems are checked for form only ")
                .append("(unknown systems are warnings). Version ").append(Publication.VERSION).append(".\n\n")
                .append("## Using it against the gateway\n\n")
                .append("- **Read the guide from the gateway**: `GET /fhir/{tenant}/StructureDefinition/{id}` and ")
                .append("`GET /fhir/{tenant}/StructureDefinition?url={canonical}` (likewise `ValueSet`, `CodeSystem`, ")
                .append("`SearchParameter`, `CapabilityStatement`; search also by `name` and `_id`). These hold no personal ")
                .append("data and need no token, like `/metadata`, whose CapabilityStatement lists each type's ")
                .append("`supportedProfile`.\n")
                .append("- **Check before sending**: `POST /fhir/{tenant}/{Type}/$validate` (optional `profile` ")
                .append("parameter) with a token of your organisation returns an OperationOutcome; nothing is stored.\n")
                .append("- **What a create or update is held to**: the profiles in `meta.profile`; when none is declared, ")
                .append("the type's CareBridge profile if it has exactly one (ServiceRequest and Task have two: declare ")
                .append("`OrderForCare`/`Referral` or `Offer`/`Alert`); and always the UK Core profile of the type. ")
                .append("Each council sets its mode: `strict` refuses a non-conforming write with **422** and the ")
                .append("OperationOutcome; `warn` (the default) stores it and returns the OperationOutcome when the ")
                .append("request says `Prefer: return=OperationOutcome`; `off` does not check.\n\n");

        List<StructureDefinition> sds = pkg.ofType(StructureDefinition.class);
        List<StructureDefinition> profiles = sds.stream()
                .filter(sd -> sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE).toList();
        List<StructureDefinition> extensions = sds.stream().filter(sd -> "Extension".equals(sd.getType())).toList();

        md.append("## Profiles\n\n| profile | resource | parent |\n|---|---|---|\n");
        for (StructureDefinition sd : profiles) {
            md.append("| [").append(sd.getTitle()).append("](#").append(anchor(sd.getTitle())).append(") | ")
                    .append(sd.getType()).append(" | `").append(sd.getBaseDefinition()).append("` |\n");
        }
        md.append('\n');
        for (StructureDefinition sd : profiles) {
            md.append("### ").append(sd.getTitle()).append("\n\n`").append(sd.getUrl()).append("`  \n")
                    .append("Parent: `").append(sd.getBaseDefinition()).append("`\n\n")
                    .append(sd.getDescription()).append("\n\n")
                    .append("| element | card. | type | rule |\n|---|---|---|---|\n");
            for (ElementDefinition diff : sd.getDifferential().getElement()) {
                if (diff.getId().equals(sd.getType())) {
                    continue;
                }
                ElementDefinition snap = snapshotElement(sd, diff.getId());
                md.append("| `").append(diff.getId()).append("` | ").append(snap.getMin()).append("..")
                        .append(snap.getMax()).append(" | ").append(types(snap)).append(" | ")
                        .append(escape(rule(diff))).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Extensions\n\n| extension | value | binding | used on |\n|---|---|---|---|\n");
        for (StructureDefinition sd : extensions) {
            md.append("| **").append(sd.getTitle()).append("**<br>`").append(sd.getUrl()).append("`<br>")
                    .append(escape(sd.getDescription())).append(" | ").append(extensionValues(sd)).append(" | ")
                    .append(extensionBindings(sd)).append(" | ")
                    .append(sd.getContext().stream().map(c -> c.getExpression()).collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        md.append('\n');

        md.append("## Code systems\n\nEach has a ValueSet of all its codes at the same name under `/ValueSet/`.\n\n");
        for (CodeSystem cs : pkg.ofType(CodeSystem.class)) {
            md.append("### ").append(cs.getTitle()).append("\n\n`").append(cs.getUrl()).append("`  \n")
                    .append(cs.getDescription()).append("\n\n| code | display | definition |\n|---|---|---|\n");
            for (CodeSystem.ConceptDefinitionComponent c : cs.getConcept()) {
                md.append("| `").append(c.getCode()).append("` | ").append(escape(c.getDisplay())).append(" | ")
                        .append(c.hasDefinition() ? escape(c.getDefinition()) : "").append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Search parameters\n\n| name | on | expression | description |\n|---|---|---|---|\n");
        for (SearchParameter sp : pkg.ofType(SearchParameter.class)) {
            md.append("| `").append(sp.getCode()).append("` | ")
                    .append(sp.getBase().stream().map(b -> b.getCode()).collect(Collectors.joining(", ")))
                    .append(" | `").append(escape(sp.getExpression())).append("` | ").append(escape(sp.getDescription()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static ElementDefinition snapshotElement(StructureDefinition sd, String id) {
        return sd.getSnapshot().getElement().stream().filter(e -> e.getId().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException(sd.getUrl() + " has no snapshot element " + id));
    }

    private static String types(ElementDefinition e) {
        return e.getType().stream().map(t -> {
            String profiles = t.getProfile().stream().map(p -> p.getValue().substring(p.getValue().lastIndexOf('/') + 1))
                    .collect(Collectors.joining(", "));
            return profiles.isEmpty() ? t.getCode() : t.getCode() + " (" + profiles + ")";
        }).collect(Collectors.joining(" \\| "));
    }

    private static String rule(ElementDefinition diff) {
        StringBuilder r = new StringBuilder();
        if (diff.hasShort()) {
            r.append(diff.getShort());
        }
        if (diff.hasFixed()) {
            r.append(r.length() > 0 ? "; " : "").append("fixed ").append(primitive(diff.getFixed()));
        }
        if (diff.hasPattern()) {
            r.append(r.length() > 0 ? "; " : "").append("pattern ").append(primitive(diff.getPattern()));
        }
        if (diff.hasBinding()) {
            r.append(r.length() > 0 ? "; " : "").append(diff.getBinding().getStrength().toCode()).append(" binding ")
                    .append(diff.getBinding().getValueSet());
        }
        return r.toString();
    }

    private static String primitive(Type value) {
        if (value.isPrimitive()) {
            return value.primitiveValue();
        }
        if (value instanceof org.hl7.fhir.r4.model.CodeableConcept cc) {
            return cc.getCoding().stream().map(c -> c.getSystem() + "#" + c.getCode()).collect(Collectors.joining(", "));
        }
        if (value instanceof org.hl7.fhir.r4.model.Coding c) {
            return c.getSystem() + "#" + c.getCode();
        }
        return value.fhirType();
    }

    private static String extensionValues(StructureDefinition sd) {
        return sd.getDifferential().getElement().stream()
                .filter(e -> e.getPath().endsWith("value[x]") && e.hasType())
                .map(e -> {
                    String part = e.getId().contains(":") ? e.getId().replaceAll(".*:([^.]+)\\..*", "$1") + ": " : "";
                    return part + e.getTypeFirstRep().getCode();
                }).collect(Collectors.joining("<br>"));
    }

    private static String extensionBindings(StructureDefinition sd) {
        return sd.getDifferential().getElement().stream().filter(ElementDefinition::hasBinding)
                .map(e -> e.getBinding().getValueSet().substring(e.getBinding().getValueSet().lastIndexOf('/') + 1))
                .collect(Collectors.joining("<br>"));
    }

    private static String anchor(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
