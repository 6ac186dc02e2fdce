package org.carebridge.gateway.profiles;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.carebridge.profiles.conformance.ConformancePackage;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The implementation guide's conformance resources, read-only, from the package built into the profiles module:
 * read by id and search by {@code url} (with or without {@code |version}), {@code name} and {@code _id}. They hold
 * no personal data and vendors fetch them with their tooling, so they are public like {@code /metadata}
 * (reads are still audited, as anonymous).
 */
public class ConformanceProvider<T extends MetadataResource> implements IResourceProvider {
    /** The types served here; reading and searching them needs no token. */
    public static final Set<String> PUBLIC_TYPES =
            Set.of("StructureDefinition", "ValueSet", "CodeSystem", "SearchParameter", "CapabilityStatement");

    private final Class<T> type;
    private final ProfileValidation validation;

    ConformanceProvider(Class<T> type, ProfileValidation validation) {
        this.type = type;
        this.validation = validation;
    }

    static List<ConformanceProvider<?>> all(ProfileValidation validation) {
        return List.of(new ConformanceProvider<>(StructureDefinition.class, validation),
                new ConformanceProvider<>(ValueSet.class, validation),
                new ConformanceProvider<>(CodeSystem.class, validation),
                new ConformanceProvider<>(SearchParameter.class, validation),
                new ConformanceProvider<>(CapabilityStatement.class, validation));
    }

    /** True for a read or search of a conformance type: the security gate lets these through without a token. */
    public static boolean isPublic(String resourceType, RestOperationTypeEnum op) {
        return resourceType != null && PUBLIC_TYPES.contains(resourceType)
                && (op == RestOperationTypeEnum.READ || op == RestOperationTypeEnum.VREAD
                || op == RestOperationTypeEnum.SEARCH_TYPE);
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    @Read
    public T read(@IdParam IdType id) {
        return resources().stream().filter(r -> r.getIdElement().getIdPart().equals(id.getIdPart())).findFirst()
                .map(r -> type.cast(r.copy()))
                .orElseThrow(() -> new ResourceNotFoundException("Resource " + type.getSimpleName() + "/" + id.getIdPart() + " is not known"));
    }

    @Search
    public List<T> search(@OptionalParam(name = "url") UriParam url, @OptionalParam(name = "name") StringParam name,
                          @OptionalParam(name = "_id") TokenParam id) {
        String wantedUrl = url == null ? null : url.getValue();
        String wantedVersion = null;
        if (wantedUrl != null && wantedUrl.contains("|")) {
            wantedVersion = wantedUrl.substring(wantedUrl.indexOf('|') + 1);
            wantedUrl = wantedUrl.substring(0, wantedUrl.indexOf('|'));
        }
        final String u = wantedUrl;
        final String v = wantedVersion;
        return resources().stream()
                .filter(r -> u == null || u.equals(r.getUrl()))
                .filter(r -> v == null || v.equals(r.getVersion()))
                .filter(r -> name == null || (r.getName() != null
                        && r.getName().toLowerCase(Locale.ROOT).startsWith(name.getValue().toLowerCase(Locale.ROOT))))
                .filter(r -> id == null || id.getValue().equals(r.getIdElement().getIdPart()))
                .map(r -> type.cast(r.copy()))
                .toList();
    }

    private List<T> resources() {
        ConformancePackage pkg = validation.conformance(Duration.ofSeconds(30)).orElseThrow(() ->
                new UnclassifiedServerFailureException(503, "The implementation guide is still loading; retry shortly"));
        return pkg.ofType(type);
    }
}
