package org.carebridge.profiles.conformance;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.carebridge.profiles.Canonical;
import org.carebridge.profiles.terminology.Terminology;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The authored forms of the CareBridge conformance resources, before snapshots: profile differentials (JSON
 * files), extensions, code systems, value sets and search parameters (tables in Java).
 */
public final class ConformanceSources {
    private ConformanceSources() {}

    /** Where the profile differentials live, relative to the classes directory (and the source resources). */
    public static final String SOURCE_DIR = "org/carebridge/profiles/fhir/source";

    /** Profile differentials read from a directory of StructureDefinition JSON files, with the boilerplate filled in. */
    public static List<StructureDefinition> profiles(FhirContext ctx, Path sourceDir) throws IOException {
        List<StructureDefinition> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(sourceDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    StructureDefinition sd = ctx.newJsonParser().parseResource(StructureDefinition.class, reader);
                    out.add(completeProfile(sd));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("profile source " + file.getFileName() + " does not parse: "
                            + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** The header every profile shares, so a source file states only what is particular to it. */
    static StructureDefinition completeProfile(StructureDefinition sd) {
        String id = sd.getIdElement().getIdPart();
        if (id == null || !id.startsWith("CareBridge-")) {
            throw new IllegalStateException("profile id must start with CareBridge-: " + id);
        }
        sd.setId(id);
        sd.setUrl(Canonical.STRUCTURE_DEFINITION + id);
        sd.setVersion(Publication.VERSION);
        sd.setName(id.replace("-", ""));
        sd.setStatus(Enumerations.PublicationStatus.ACTIVE);
        sd.setPublisher(Publication.PUBLISHER);
        sd.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        sd.setKind(StructureDefinition.StructureDefinitionKind.RESOURCE);
        sd.setAbstract(false);
        sd.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        return sd;
    }

    public static List<StructureDefinition> extensions() {
        return ExtensionCatalog.ALL.stream().map(ExtensionCatalog::toStructureDefinition).toList();
    }

    /** Code systems, value sets and search parameters. */
    public static List<Resource> terminologyAndSearch() {
        List<Resource> out = new ArrayList<>();
        for (Terminology.System system : Terminology.ALL) {
            out.add(TerminologyResources.codeSystem(system));
            out.add(TerminologyResources.valueSet(system));
        }
        out.add(TerminologyResources.union("AlertReason", "Alert reason",
                "What an alert Task is about: a notification the council must receive (visits) or a missed referral clock.",
                org.carebridge.profiles.terminology.NotificationReason.SYSTEM,
                org.carebridge.profiles.terminology.ReferralAlert.SYSTEM));
        SearchParameterCatalog.ALL.forEach(spec -> out.add(SearchParameterCatalog.toResource(spec)));
        return out;
    }
}
