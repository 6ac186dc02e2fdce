package org.carebridge.gateway.search;

import org.hl7.fhir.r4.model.Resource;

import java.util.List;
import java.util.function.Function;

/**
 * One search parameter of one resource type: its FHIR name, kind, the FHIRPath it stands for (published in the
 * CapabilityStatement) and the Java function that pulls its values out of a resource for the index.
 *
 * @param targets for REFERENCE parameters, the resource types a reference may point at
 */
public record SearchParamDef(String resourceType, String name, SearchParamType type, String expression,
                             String description, List<String> targets,
                             Function<Resource, List<?>> values) {
}
