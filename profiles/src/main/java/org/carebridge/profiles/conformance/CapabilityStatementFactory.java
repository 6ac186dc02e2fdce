package org.carebridge.profiles.conformance;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The gateway's CapabilityStatement as far as the implementation guide is concerned: for each resource type,
 * the profiles it supports and the custom searches. The server adds what only it knows (software, security).
 */
public final class CapabilityStatementFactory {
    private CapabilityStatementFactory() {}

    public static final String ID = "CareBridge-Gateway";

    public static CapabilityStatement build(List<StructureDefinition> profiles, List<SearchParameter> searches) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setId(ID);
        cs.setUrl(Canonical.BASE + "/CapabilityStatement/" + ID);
        cs.setVersion(Publication.VERSION);
        cs.setName("CareBridgeGateway");
        cs.setTitle("CareBridge gateway");
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setDate(java.sql.Date.valueOf(Publication.DATE));
        cs.setPublisher(Publication.PUBLISHER);
        cs.setKind(CapabilityStatement.CapabilityStatementKind.REQUIREMENTS);
        cs.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        cs.addFormat("application/fhir+json");
        cs.addFormat("application/fhir+xml");
        cs.addImplementationGuide(Canonical.BASE + "/ImplementationGuide/CareBridge");
        CapabilityStatement.CapabilityStatementRestComponent rest = cs.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);

        Map<String, CapabilityStatement.CapabilityStatementRestResourceComponent> byType = new TreeMap<>();
        for (StructureDefinition sd : profiles) {
            if (sd.getKind() != StructureDefinition.StructureDefinitionKind.RESOURCE) {
                continue;
            }
            var resource = byType.computeIfAbsent(sd.getType(), t -> newResource(t, sd.getBaseDefinition()));
            resource.getSupportedProfile().add(new CanonicalType(sd.getUrl()));
        }
        for (SearchParameter sp : searches) {
            for (CodeType base : sp.getBase()) {
                var resource = byType.get(base.getCode());
                if (resource != null) {
                    resource.addSearchParam().setName(sp.getCode()).setDefinition(sp.getUrl())
                            .setType(sp.getType()).setDocumentation(sp.getDescription());
                }
            }
        }
        byType.values().forEach(rest::addResource);
        return cs;
    }

    private static CapabilityStatement.CapabilityStatementRestResourceComponent newResource(String type, String base) {
        var resource = new CapabilityStatement.CapabilityStatementRestResourceComponent(new CodeType(type));
        // The base profile is the UK Core (or R4) parent: anything conformant to it may be stored.
        resource.setProfile(base);
        for (var interaction : List.of(CapabilityStatement.TypeRestfulInteraction.READ,
                CapabilityStatement.TypeRestfulInteraction.VREAD, CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE,
                CapabilityStatement.TypeRestfulInteraction.CREATE, CapabilityStatement.TypeRestfulInteraction.UPDATE)) {
            resource.addInteraction().setCode(interaction);
        }
        resource.addOperation().setName("validate").setDefinition("http://hl7.org/fhir/OperationDefinition/Resource-validate");
        return resource;
    }
}
