package org.carebridge.profiles.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The built implementation guide, read from the classpath: the CareBridge conformance resources (with
 * snapshots) the gateway serves, and the UK Core resources they build on (used for validation, not served as
 * ours). Immutable; load once.
 */
public final class ConformancePackage {
    private final List<Resource> resources;
    private final List<IBaseResource> ukCore;

    private ConformancePackage(List<Resource> resources, List<IBaseResource> ukCore) {
        this.resources = List.copyOf(resources);
        this.ukCore = List.copyOf(ukCore);
    }

    public static ConformancePackage load(FhirContext ctx) {
        ClassLoader loader = ConformancePackage.class.getClassLoader();
        List<Resource> ours = new ArrayList<>();
        for (IBaseResource r : read(loader, PackageBuilder.PACKAGE_DIR, ctx.newJsonParser())) {
            ours.add((Resource) r);
        }
        return new ConformancePackage(ours, read(loader, PackageBuilder.UK_CORE_DIR, ctx.newXmlParser()));
    }

    private static List<IBaseResource> read(ClassLoader loader, String dir, IParser parser) {
        List<IBaseResource> out = new ArrayList<>();
        for (String name : lines(loader, dir + "/" + PackageBuilder.INDEX)) {
            try (InputStream in = open(loader, dir + "/" + name)) {
                out.add(parser.parseResource(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static List<String> lines(ClassLoader loader, String path) {
        try (InputStream in = open(loader, path);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(ClassLoader loader, String path) {
        InputStream in = loader.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("conformance package entry missing from the classpath: " + path
                    + " (it is produced by the profiles module's process-classes step)");
        }
        return in;
    }

    /** The CareBridge conformance resources: StructureDefinitions, CodeSystems, ValueSets, SearchParameters, CapabilityStatement. */
    public List<Resource> resources() {
        return resources;
    }

    /** UK Core StructureDefinitions, ValueSets and CodeSystems (differentials as published). */
    public List<IBaseResource> ukCore() {
        return ukCore;
    }

    public <T extends Resource> List<T> ofType(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** A CareBridge conformance resource by canonical URL. */
    public Optional<MetadataResource> byUrl(String url) {
        return ofType(MetadataResource.class).stream().filter(r -> url.equals(r.getUrl())).findFirst();
    }

    /** Resource profiles (not extensions) for a resource type, e.g. ServiceRequest -> OrderForCare, Referral. */
    public List<StructureDefinition> profilesFor(String resourceType) {
        return ofType(StructureDefinition.class).stream()
                .filter(sd -> sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE)
                .filter(sd -> sd.getType().equals(resourceType)).toList();
    }

    public CapabilityStatement capabilityStatement() {
        return ofType(CapabilityStatement.class).get(0);
    }
}
