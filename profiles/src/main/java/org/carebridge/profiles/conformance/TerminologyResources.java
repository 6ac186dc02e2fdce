package org.carebridge.profiles.conformance;

import org.carebridge.profiles.Canonical;
import org.carebridge.profiles.terminology.CareBridgeCode;
import org.carebridge.profiles.terminology.Terminology;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ValueSet;

/** CodeSystem and ValueSet resources generated from the terminology enums, the single source of the codes. */
public final class TerminologyResources {
    private TerminologyResources() {}

    public static CodeSystem codeSystem(Terminology.System system) {
        CodeSystem cs = new CodeSystem();
        cs.setId("CareBridge-" + system.name());
        cs.setUrl(Canonical.codeSystem(system.name()));
        cs.setVersion(Publication.VERSION);
        cs.setName("CareBridge" + system.name());
        cs.setTitle("CareBridge " + system.title());
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setPublisher(Publication.PUBLISHER);
        cs.setDescription(system.description());
        cs.setCaseSensitive(true);
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.setValueSet(Canonical.valueSet(system.name()));
        for (CareBridgeCode code : system.codes()) {
            CodeSystem.ConceptDefinitionComponent c = cs.addConcept().setCode(code.code()).setDisplay(code.display());
            if (code.definition() != null) {
                c.setDefinition(code.definition());
            }
        }
        cs.setCount(cs.getConcept().size());
        return cs;
    }

    /** Every code of the system: the profiles bind to these with required strength. */
    public static ValueSet valueSet(Terminology.System system) {
        ValueSet vs = new ValueSet();
        vs.setId("CareBridge-" + system.name());
        vs.setUrl(Canonical.valueSet(system.name()));
        vs.setVersion(Publication.VERSION);
        vs.setName("CareBridge" + system.name());
        vs.setTitle("CareBridge " + system.title());
        vs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        vs.setPublisher(Publication.PUBLISHER);
        vs.setDescription("All codes of " + Canonical.codeSystem(system.name()) + ".");
        vs.getCompose().addInclude().setSystem(Canonical.codeSystem(system.name()));
        return vs;
    }

    /** A value set of every code of several CareBridge code systems. */
    public static ValueSet union(String name, String title, String description, String... systems) {
        ValueSet vs = new ValueSet();
        vs.setId("CareBridge-" + name);
        vs.setUrl(Canonical.valueSet(name));
        vs.setVersion(Publication.VERSION);
        vs.setName("CareBridge" + name);
        vs.setTitle("CareBridge " + title);
        vs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        vs.setPublisher(Publication.PUBLISHER);
        vs.setDescription(description);
        for (String system : systems) {
            vs.getCompose().addInclude().setSystem(system);
        }
        return vs;
    }
}
